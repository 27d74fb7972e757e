import type { MemberBinding } from '@switchboard/contracts';

/** Who the agents are, which line is theirs, which queues they work, and the login numbers. */
export interface Directory {
  readonly pbxId: string;
  /** Toggle for all the agent's queues; +1 logs in, +0 logs out. */
  readonly globalLoginNumber?: string;
  readonly agents: readonly AgentEntry[];
  readonly queues: readonly QueueEntry[];
}

export interface AgentEntry {
  readonly id: string;
  readonly name: string;
  /** The agent's own phone: SIP/1001. */
  readonly line: string;
  readonly queues: readonly string[];
  /** What the queue dials; default Local/<ext>@agent-phones/n, ringing the line through the dialplan. */
  readonly memberInterface?: string;
}

export interface QueueEntry {
  readonly name: string;
  /** Toggle number for this queue; +1 logs in, +0 logs out. */
  readonly loginNumber?: string;
}

/** The device part of a line: SIP/1001 → 1001. */
function extensionOf(line: string): string {
  const slash = line.indexOf('/');
  return slash >= 0 ? line.slice(slash + 1) : line;
}

/** The queue membership that stands for the agent: the Local member ringing the agent's line,
 *  with the line as state interface so the queue sees when the phone is busy. */
export function memberBindingFor(agent: AgentEntry): MemberBinding {
  return {
    interface: agent.memberInterface ?? `Local/${extensionOf(agent.line)}@agent-phones/n`,
    stateInterface: agent.line,
    memberName: `Agent ${agent.id}`,
  };
}

/** The agent whose line this is; accepts SIP/1001 or the bare extension 1001 (a caller id). */
export function agentByLine(directory: Directory, lineOrExtension: string): AgentEntry | undefined {
  const wanted = lineOrExtension.trim();
  if (wanted === '') return undefined;
  return directory.agents.find((a) => a.line === wanted || (!wanted.includes('/') && extensionOf(a.line) === wanted));
}
