import { DirectoryError } from './directory-error';

/** Small readers over untrusted YAML values; each names the path it refuses. */

type Fields = Readonly<Record<string, unknown>>;

export function mapping(value: unknown, path: string, allowed: readonly string[]): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new DirectoryError(path, 'must be a mapping');
  // A misspelt key (loginNumer) would otherwise be dropped silently and the number never work.
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw new DirectoryError(path === '(root)' ? key : `${path}.${key}`, 'unknown field');
  }
  return value as Fields;
}

export function list(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new DirectoryError(path, 'must be a list');
  return value;
}

/** A required text; YAML numbers are accepted (an unquoted `id: 1001`). */
export function text(value: unknown, path: string, pattern?: RegExp): string {
  const v =
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === ''))
    throw new DirectoryError(path, 'required');
  if (typeof v !== 'string') throw new DirectoryError(path, 'must be text');
  // Directory text ends up in AMI headers, queue_log lines and Asterisk configuration files.
  if (/[\r\n\0]/.test(v)) throw new DirectoryError(path, 'must not contain CR, LF or NUL');
  if (pattern && !pattern.test(v))
    throw new DirectoryError(path, `invalid value ${JSON.stringify(v)}`);
  return v;
}

export function optionalText(value: unknown, path: string, pattern?: RegExp): string | undefined {
  return value === undefined ? undefined : text(value, path, pattern);
}

/** Joins a child to a path: child('agents', 2) → agents[2], child('agents[2]', 'line') → agents[2].line. */
export function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '(root)' ? key : `${path}.${key}`;
}
