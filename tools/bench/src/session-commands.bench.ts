import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import type { AgentCommand } from '@switchboard/contracts';
import { SqliteEventStore } from '@switchboard/event-store';
import { AgentCommandService } from '@switchboard/session-service';

export interface CommandsResult {
  readonly commands: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly commandsPerSecond: number;
  /** Appends per SQLite transaction (group commit: one transaction, and with synchronous FULL one
   *  sync to disk, per batch). */
  readonly appendsPerTransaction: number;
}

/**
 * Agent commands through the real command service (read the stream after its cached state, fold,
 * decide, append with the expected revision) on the embedded SQLite store, on a file as in
 * production (WAL, the store's default synchronous NORMAL, appends group-committed). Each command
 * is a direct login or logout of one of `agents` agents in two queues, so every one records events.
 */
export async function runCommandsBench(total = 20_000, agents = 1_000, concurrency = 16): Promise<CommandsResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cmd-bench-'));
  const store = new SqliteEventStore({ path: path.join(dir, 'events.sqlite') });
  const service = new AgentCommandService(store, new Registry());
  let next = 0;
  const command = (i: number): AgentCommand => {
    const agentId = String(10_000 + (i % agents));
    const round = Math.floor(i / agents);
    return {
      type: 'ChangeQueueLogin',
      commandId: randomUUID(),
      agentId,
      at: new Date(Date.UTC(2026, 10, 23) + i).toISOString(),
      via: 'api',
      pbxId: 'pbx1',
      mode: round % 2 === 0 ? 'login' : 'logout',
      queues: ['helpdesk', 'sales'],
      binding: { interface: `Local/${agentId}@agent-phones/n`, stateInterface: `SIP/${agentId}`, memberName: `Agent ${agentId}` },
    } as AgentCommand;
  };
  // Agents are spread so concurrent workers rarely touch one stream: this measures throughput,
  // not conflict retries (the contract suite covers those).
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const result = await service.execute(command(i));
      if (result.events.length === 0) throw new Error(`command ${i} recorded nothing`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const { transactions, appends } = store.commitStats();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    commands: total,
    concurrency,
    seconds,
    commandsPerSecond: Math.round(total / seconds),
    appendsPerTransaction: Math.round((appends / transactions) * 10) / 10,
  };
}
