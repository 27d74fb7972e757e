import { streamNames } from '@switchboard/contracts';
import type { AgentEntry, Directory, HotDeskPolicy, LineEntry, PhoneEntry, PinPolicy, QueueEntry, UserEntry } from './directory';
import { DirectoryError } from './directory-error';
import { parsePauseReasons } from './pause-reasons';
import { extensionOf } from './lines';
import { loginNumberForms } from './login-numbers';
import { hasOwnLine, memberBindingFor } from './member-binding';
import { parseMembership } from './agent-membership';
import { child, list, mapping, optionalText, text } from './read-fields';
import { parseSipSettings } from './sip-settings';

/** Ids end up in stream names (agent-1001) and queue names in AMI headers: no separators, no spaces. */
const ID = /^[A-Za-z0-9_-]+$/;
const DIGITS = /^[0-9]+$/;
/** TECH/resource, nothing that could break an AMI header. */
const LINE = /^[A-Za-z0-9]+\/[^\s]+$/;

const ROOT_FIELDS = ['pbxId', 'globalLoginNumber', 'queues', 'agents', 'lines', 'users', 'phones', 'pinPolicy', 'hotDeskPolicy', 'pauseReasons', 'demoCredentials'];
const QUEUE_FIELDS = ['name', 'loginNumber'];
const AGENT_FIELDS = ['id', 'name', 'line', 'hotDesk', 'queues', 'memberInterface', 'pin', 'pinHash', 'passwordHash', 'sip', 'membership'];
const PHONE_FIELDS = ['id', 'line', 'name'];
const PIN_POLICY_FIELDS = ['maxAttempts', 'lockoutSeconds'];
const HOT_DESK_POLICY_FIELDS = ['releaseStaleAfterMinutes'];
const USER_FIELDS = ['login', 'name', 'role', 'passwordHash'];
/** What hashSecret (libs/platform) writes: scrypt$N$r$p$salt$hash. */
const SECRET_HASH = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/;
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
  const phones =
    r['phones'] === undefined
      ? undefined
      : list(r['phones'], 'phones').map((p, i) => parsePhone(p, child('phones', i)));
  // Two ids that differ only in case or punctuation would share one stream (phone-<id>).
  uniqueBy(
    phones ?? [],
    (p) => streamNames.phone(p.id),
    (i) => `phones[${i}].id`,
    'duplicate phone id',
  );
  const pinPolicy = r['pinPolicy'] === undefined ? undefined : parsePinPolicy(r['pinPolicy'], 'pinPolicy');
  const hotDeskPolicy = r['hotDeskPolicy'] === undefined ? undefined : parseHotDeskPolicy(r['hotDeskPolicy'], 'hotDeskPolicy');
  const pauseReasons = r['pauseReasons'] === undefined ? undefined : parsePauseReasons(r['pauseReasons'], 'pauseReasons');
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
  const users =
    r['users'] === undefined ? undefined : list(r['users'], 'users').map((u, i) => parseUser(u, child('users', i)));
  // One login name space: agents sign in with their number, users with their login.
  const logins = [
    ...agents.map((a, i) => ({ login: a.id, path: `agents[${i}].id` })),
    ...(users ?? []).map((u, i) => ({ login: u.login, path: `users[${i}].login` })),
  ];
  uniqueBy(
    logins,
    (l) => l.login,
    (i) => logins[i].path,
    'duplicate login',
  );
  if (r['demoCredentials'] !== undefined && typeof r['demoCredentials'] !== 'boolean')
    throw new DirectoryError('demoCredentials', 'must be true or false');
  // A shared phone is nobody's own line: an agent logged in on it and the line's owner would
  // otherwise be one queue member twice.
  const allLines = [
    ...agents.flatMap((a, i) => (a.line === undefined ? [] : [{ line: a.line, path: `agents[${i}].line` }])),
    ...(lines ?? []).map((l, i) => ({ line: l.line, path: `lines[${i}].line` })),
    ...(phones ?? []).map((p, i) => ({ line: p.line, path: `phones[${i}].line` })),
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
  const withLines = agents.flatMap((a, i) => (hasOwnLine(a) ? [{ agent: a, index: i }] : []));
  uniqueBy(
    withLines,
    (a) => memberBindingFor(a.agent).interface,
    (i) => `agents[${withLines[i].index}].memberInterface`,
    'duplicate member interface',
  );
  checkLoginNumbers(queues, globalLoginNumber);

  return {
    pbxId,
    globalLoginNumber,
    agents,
    queues,
    ...(lines ? { lines } : {}),
    ...(users ? { users } : {}),
    ...(phones ? { phones } : {}),
    ...(pinPolicy ? { pinPolicy } : {}),
    ...(hotDeskPolicy ? { hotDeskPolicy } : {}),
    ...(pauseReasons ? { pauseReasons } : {}),
    ...(r['demoCredentials'] === true ? { demoCredentials: true } : {}),
  };
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
  // PINs are stored hashed only: a plain one in the file is refused, with the way to hash it.
  if (a['pin'] !== undefined)
    throw new DirectoryError(child(path, 'pin'), 'store the PIN hashed as pinHash (npm run hash-secret)');
  const pinHash = optionalSecretHash(a['pinHash'], child(path, 'pinHash'));
  const passwordHash = optionalSecretHash(a['passwordHash'], child(path, 'passwordHash'));
  const sip = a['sip'] === undefined ? undefined : parseSipSettings(a['sip'], child(path, 'sip'));
  const hotDesk = optionalFlag(a['hotDesk'], child(path, 'hotDesk'));
  const membership = parseMembership(a, path);
  // Only a hot-desk agent may go without a line: it rings on the phone it picks at login.
  const line = hotDesk
    ? optionalText(a['line'], child(path, 'line'), LINE)
    : text(a['line'], child(path, 'line'), LINE);
  if (memberInterface && !line)
    throw new DirectoryError(child(path, 'memberInterface'), 'needs a line (it replaces what the line rings)');
  return {
    id: text(a['id'], child(path, 'id'), ID),
    name: text(a['name'], child(path, 'name')),
    ...(line ? { line } : {}),
    ...(hotDesk ? { hotDesk } : {}),
    queues,
    ...(memberInterface ? { memberInterface } : {}),
    ...(pinHash ? { pinHash } : {}),
    ...(passwordHash ? { passwordHash } : {}),
    ...(sip ? { sip } : {}),
    ...(membership ? { membership } : {}),
  };
}

function parseUser(raw: unknown, path: string): UserEntry {
  const u = mapping(raw, path, USER_FIELDS);
  const role = text(u['role'], child(path, 'role'));
  if (role !== 'supervisor' && role !== 'admin')
    throw new DirectoryError(child(path, 'role'), 'must be supervisor or admin');
  const name = optionalText(u['name'], child(path, 'name'));
  const passwordHash = optionalSecretHash(u['passwordHash'], child(path, 'passwordHash'));
  if (!passwordHash) throw new DirectoryError(child(path, 'passwordHash'), 'required');
  return { login: text(u['login'], child(path, 'login'), ID), role, passwordHash, ...(name ? { name } : {}) };
}

function optionalSecretHash(value: unknown, path: string): string | undefined {
  const hash = optionalText(value, path);
  if (hash !== undefined && !SECRET_HASH.test(hash))
    throw new DirectoryError(path, 'must be a hash from npm run hash-secret (scrypt$…)');
  return hash;
}

function parsePhone(raw: unknown, path: string): PhoneEntry {
  const p = mapping(raw, path, PHONE_FIELDS);
  const name = optionalText(p['name'], child(path, 'name'));
  return {
    id: text(p['id'], child(path, 'id'), ID),
    line: text(p['line'], child(path, 'line'), LINE),
    ...(name ? { name } : {}),
  };
}

function parsePinPolicy(raw: unknown, path: string): PinPolicy {
  const p = mapping(raw, path, PIN_POLICY_FIELDS);
  return {
    maxAttempts: positiveInteger(p['maxAttempts'], child(path, 'maxAttempts')),
    lockoutSeconds: positiveInteger(p['lockoutSeconds'], child(path, 'lockoutSeconds')),
  };
}

function parseHotDeskPolicy(raw: unknown, path: string): HotDeskPolicy {
  const p = mapping(raw, path, HOT_DESK_POLICY_FIELDS);
  return { releaseStaleAfterMinutes: positiveInteger(p['releaseStaleAfterMinutes'], child(path, 'releaseStaleAfterMinutes')) };
}

function positiveInteger(value: unknown, path: string): number {
  if (value === undefined) throw new DirectoryError(path, 'required');
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new DirectoryError(path, 'must be a whole number of at least 1');
  return value;
}

function optionalFlag(value: unknown, path: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new DirectoryError(path, 'must be true or false');
  return value;
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
