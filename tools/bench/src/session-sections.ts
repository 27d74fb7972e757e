import type { CommandsResult } from './session-commands.bench';
import type { RoundTripResult } from './session-feature-code.bench';
import type { MemoryResult } from './session-memory.bench';

export function featureCodeSection(results: readonly RoundTripResult[], on: string): string {
  const rows = results.map((r) => `| ${r.mode} | ${r.samples} | ${r.p50Ms} ms | **${r.p99Ms} ms** | ${r.maxMs} ms |`).join('\n');
  return `## Feature code round trip (UserEvent in → Redirect out, on the AMI socket)

${on}

Agent 1001 alternates 8111 and 8110 on the PBX simulator; each dial is timed from the UserEvent written on the AMI socket to the Redirect read on it, through gateway → bus → agent-session (decide, append to the embedded store, QueueAdd/QueueRemove answered by the PBX) → gateway. "Over NATS": the same services with every message crossing a local nats-server (JetStream for PBX events, core request/reply for actions). Goal: p99 < 50 ms in one process, < 100 ms over NATS.

| mode | dials | p50 | p99 | max |
|---|---|---|---|---|
${rows}`;
}

export function commandsSection(r: CommandsResult, on: string): string {
  return `## Agent commands on the embedded store

${on}

${r.commands.toLocaleString('en')} direct login/logout commands (two queues each, so every one records two events) through AgentCommandService (read, fold, decide, append with expected revision) on SQLite in WAL mode on disk, ${r.concurrency} in flight over 1,000 agents: **${r.commandsPerSecond.toLocaleString('en')} commands/s** (${r.seconds.toFixed(1)} s). Goal: ≥ 5,000/s.

How: each agent's folded stream stays in the command service's bounded cache, so a command reads only what was appended after the cached revision (\`readStream\` from a revision, one indexed query), and appends made in one turn of the event loop share a transaction (group commit: ${r.appendsPerTransaction} appends per transaction here, each under its own savepoint). SQLite runs at \`synchronous = NORMAL\`, which is what better-sqlite3's WAL connections always ran at (its compile-time default; the earlier 2,775/s run had the same durability); \`synchronous: 'full'\` on the adapter syncs once per transaction instead.`;
}

export function memorySection(r: MemoryResult, on: string): string {
  return `## agent-session memory with ${r.agents.toLocaleString('en')} agents

${on}

The compiled agent-session in its own process, a directory of ${r.agents.toLocaleString('en')} agents in two queues each; all ${r.loggedIn.toLocaleString('en')} logged in through POST /api/agents/{id}/login, then GET /api/agents listed ${r.listed.toLocaleString('en')}. RSS after start ${r.rssAfterStartMb} MB; **peak RSS ${r.peakRssMb} MB** (VmHWM). Goal: < 500 MB.`;
}
