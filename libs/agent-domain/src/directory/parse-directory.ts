import type { AgentEntry, Directory, LineEntry, QueueEntry } from './directory';
import { DirectoryError } from './directory-error';
import { extensionOf } from './lines';
import { loginNumberForms } from './login-numbers';
import { memberBindingFor } from './member-binding';
import { child, list, mapping, optionalText, text } from './read-fields';

/** Ids end up in stream names (agent-1001) and queue names in AMI headers: no separators, no spaces. */
const ID = /^[A-Za-z0-9_-]+$/;
const DIGITS = /^[0-9]+$/;
/** TECH/resource, nothing that could break an AMI header. */
const LINE = /^[A-Za-z0-9]+\/[^\s]+$/;

const ROOT_FIELDS = ['pbxId', 'globalLoginNumber', 'queues', 'agents', 'lines'];
const QUEUE_FIELDS = ['name', 'loginNumber'];
const AGENT_FIELDS = ['id', 'name', 'line', 'queues', 'memberInterface', 'pin'];
const LINE_FIELDS = ['line', 'name'];

/**
 * Validates a directory as loaded from YAML by the caller. Refuses, naming the path, whatever would
 * make a phone's dial ambiguous or a membership clash in Asterisk: duplicate agent ids, lines,
 * extensions or member interfaces; agent queues that are not declared; login numbers that are not
 * digits or whose N / N+'1' / N+'0' forms collide with another number's.
 */
export function parseDirectory(raw: unknown): Directory {
  const r = mapping(raw, '(root)', ROOT_FIELDS);
  // One PBX per directory; the demo site needs no pbxId.
  const pbxId = r['pbxId'] === undefined ? 'pbx1' : text(r['pbxId'], 'pbxId', ID);
  const globalLoginNumber = optionalText(r['globalLoginNumber'], 'globalLoginNumber', DIGITS);
  const queues = list(r['queues'], 'queues').map((q, i) => parseQueue(q, child('queues', i)));
  uniqueBy(
    queues,
    (q) => q.name,
    (i) => `queues[${i}].name`,
    'duplicate queue',
  );
  const declared = new Set(queues.map((q) => q.name));
  const agents = list(r['agents'], 'agents').map((a, i) =>
    parseAgent(a, child('agents', i), declared),
  );
  const lines =
    r['lines'] === undefined
      ? undefined
      : list(r['lines'], 'lines').map((l, i) => parseLine(l, child('lines', i)));

  uniqueBy(
    agents,
    (a) => a.id,
    (i) => `agents[${i}].id`,
    'duplicate agent id',
  );
  const allLines = [
    ...agents.map((a, i) => ({ line: a.line, path: `agents[${i}].line` })),
    ...(lines ?? []).map((l, i) => ({ line: l.line, path: `lines[${i}].line` })),
  ];
  uniqueBy(
    allLines,
    (l) => l.line,
    (i) => allLines[i].path,
    'duplicate line',
  );
  // The feature-code UserEvent carries only the bare extension (Caller: 1001).
  uniqueBy(
    allLines,
    (l) => extensionOf(l.line),
    (i) => allLines[i].path,
    'duplicate extension',
  );
  uniqueBy(
    agents,
    (a) => memberBindingFor(a).interface,
    (i) => `agents[${i}].memberInterface`,
    'duplicate member interface',
  );
  checkLoginNumbers(queues, globalLoginNumber);

  return { pbxId, globalLoginNumber, agents, queues, ...(lines ? { lines } : {}) };
}

function parseQueue(raw: unknown, path: string): QueueEntry {
  const q = mapping(raw, path, QUEUE_FIELDS);
  const loginNumber = optionalText(q['loginNumber'], child(path, 'loginNumber'), DIGITS);
  return {
    name: text(q['name'], child(path, 'name'), ID),
    ...(loginNumber ? { loginNumber } : {}),
  };
}

function parseAgent(raw: unknown, path: string, declaredQueues: ReadonlySet<string>): AgentEntry {
  const a = mapping(raw, path, AGENT_FIELDS);
  const queuesPath = child(path, 'queues');
  const queues = list(a['queues'] ?? [], queuesPath).map((q, j) => {
    const name = text(q, child(queuesPath, j));
    if (!declaredQueues.has(name))
      throw new DirectoryError(child(queuesPath, j), `queue ${name} is not declared`);
    return name;
  });
  uniqueBy(
    queues,
    (q) => q,
    (j) => child(queuesPath, j),
    'duplicate queue',
  );
  const memberInterface = optionalText(a['memberInterface'], child(path, 'memberInterface'), LINE);
  // A PIN must be quoted in YAML: unquoted, 0123 would silently become the number 123.
  if (a['pin'] !== undefined && typeof a['pin'] !== 'string')
    throw new DirectoryError(child(path, 'pin'), 'must be quoted text');
  const pin = optionalText(a['pin'], child(path, 'pin'), DIGITS);
  return {
    id: text(a['id'], child(path, 'id'), ID),
    name: text(a['name'], child(path, 'name')),
    line: text(a['line'], child(path, 'line'), LINE),
    queues,
    ...(memberInterface ? { memberInterface } : {}),
    ...(pin ? { pin } : {}),
  };
}

function parseLine(raw: unknown, path: string): LineEntry {
  const l = mapping(raw, path, LINE_FIELDS);
  const name = optionalText(l['name'], child(path, 'name'));
  return { line: text(l['line'], child(path, 'line'), LINE), ...(name ? { name } : {}) };
}

function uniqueBy<T>(
  items: readonly T[],
  key: (item: T) => string,
  pathOf: (index: number) => string,
  problem: string,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined)
      throw new DirectoryError(pathOf(i), `${problem} ${k} (also ${pathOf(first)})`);
    seen.set(k, i);
  });
}

/** Each login number N also claims N+'1' and N+'0'; no two claims may be equal, or one dial
 *  would mean two things (81 and 811: 811 is both "log in to 81's queues" and "toggle 811"). */
function checkLoginNumbers(queues: readonly QueueEntry[], global: string | undefined): void {
  const owners = new Map<string, string>();
  const claim = (number: string, owner: string) => {
    for (const { code } of loginNumberForms(number)) {
      const other = owners.get(code);
      if (other)
        throw new DirectoryError(
          owner,
          `login number ${number} collides with ${other} (both claim ${code})`,
        );
      owners.set(code, owner);
    }
  };
  if (global) claim(global, 'globalLoginNumber');
  queues.forEach((q, i) => q.loginNumber && claim(q.loginNumber, `queues[${i}].loginNumber`));
}
