import type { AgentEntry, Directory, QueueEntry } from './directory';

/** A directory that cannot be used, with the path of the first offending field. */
export class DirectoryError extends Error {
  readonly code = 'invalid_directory';
  constructor(readonly path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'DirectoryError';
  }
}

const ID = /^[A-Za-z0-9_-]+$/;
const DIGITS = /^[0-9]+$/;
const LINE = /^[A-Za-z0-9]+\/[^\s\r\n]+$/;

function text(value: unknown, path: string, pattern?: RegExp): string {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string' || value.trim() === '') throw new DirectoryError(path, 'required');
  if (pattern && !pattern.test(value)) throw new DirectoryError(path, `invalid value ${JSON.stringify(value)}`);
  return value;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new DirectoryError(path, 'must be a list');
  return value;
}

/**
 * Validates a directory as loaded from YAML. Refuses what would make a feature code ambiguous:
 * duplicate ids, lines or login numbers, and numbers whose +1/+0 forms collide with another number.
 */
export function parseDirectory(raw: unknown): Directory {
  if (typeof raw !== 'object' || raw === null) throw new DirectoryError('(root)', 'must be a mapping');
  const r = raw as Record<string, unknown>;
  const pbxId = r['pbxId'] === undefined ? 'pbx1' : text(r['pbxId'], 'pbxId', ID);
  const globalLoginNumber = r['globalLoginNumber'] === undefined ? undefined : text(r['globalLoginNumber'], 'globalLoginNumber', DIGITS);
  const queues: QueueEntry[] = list(r['queues'], 'queues').map((q, i) => {
    const entry = (q ?? {}) as Record<string, unknown>;
    return {
      name: text(entry['name'], `queues[${i}].name`, ID),
      loginNumber: entry['loginNumber'] === undefined ? undefined : text(entry['loginNumber'], `queues[${i}].loginNumber`, DIGITS),
    };
  });
  const queueNames = new Set<string>();
  queues.forEach((q, i) => {
    if (queueNames.has(q.name)) throw new DirectoryError(`queues[${i}].name`, `duplicate queue ${q.name}`);
    queueNames.add(q.name);
  });
  const agents: AgentEntry[] = list(r['agents'], 'agents').map((a, i) => {
    const entry = (a ?? {}) as Record<string, unknown>;
    const agentQueues = list(entry['queues'] ?? [], `agents[${i}].queues`).map((q, j) => {
      const name = text(q, `agents[${i}].queues[${j}]`);
      if (!queueNames.has(name)) throw new DirectoryError(`agents[${i}].queues[${j}]`, `queue ${name} is not declared`);
      return name;
    });
    return {
      id: text(entry['id'], `agents[${i}].id`, ID),
      name: text(entry['name'], `agents[${i}].name`),
      line: text(entry['line'], `agents[${i}].line`, LINE),
      queues: agentQueues,
      memberInterface: entry['memberInterface'] === undefined ? undefined : text(entry['memberInterface'], `agents[${i}].memberInterface`, LINE),
    };
  });
  const ids = new Set<string>();
  const lines = new Set<string>();
  agents.forEach((a, i) => {
    if (ids.has(a.id)) throw new DirectoryError(`agents[${i}].id`, `duplicate agent id ${a.id}`);
    if (lines.has(a.line)) throw new DirectoryError(`agents[${i}].line`, `line ${a.line} already belongs to another agent`);
    ids.add(a.id);
    lines.add(a.line);
  });
  checkLoginNumbers(queues, globalLoginNumber);
  return { pbxId, globalLoginNumber, agents, queues };
}

/** Each login number N also claims N+'1' and N+'0'; no two claims may be equal. */
function checkLoginNumbers(queues: readonly QueueEntry[], global: string | undefined): void {
  const owners = new Map<string, string>();
  const claim = (number: string, owner: string) => {
    for (const n of [number, `${number}1`, `${number}0`]) {
      const other = owners.get(n);
      if (other) throw new DirectoryError(owner, `login number ${number} collides with ${other} (${n})`);
      owners.set(n, owner);
    }
  };
  if (global) claim(global, 'globalLoginNumber');
  queues.forEach((q, i) => q.loginNumber && claim(q.loginNumber, `queues[${i}].loginNumber`));
}
