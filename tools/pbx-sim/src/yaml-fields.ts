// Reading one YAML mapping of a scenario file with errors that name where the problem is
// (`steps[3].dial: code is required`). The document is parsed with the failsafe schema, so every
// scalar arrives as the string that was written: `0612345678` keeps its leading zero and `811`
// stays a string. Numbers and booleans are converted here, strictly.

export type YamlPath = readonly (string | number)[];

/** A scenario file that cannot be used; `path` points into the document for the line number. */
export class ScenarioLoadError extends Error {
  constructor(
    readonly path: YamlPath,
    readonly reason: string,
    readonly line?: number,
  ) {
    const where = formatPath(path);
    super(`${where ? `${where}: ` : ''}${reason}${line === undefined ? '' : ` (line ${line})`}`);
    this.name = 'ScenarioLoadError';
  }
}

/** ['steps', 3, 'dial'] → `steps[3].dial`. */
export function formatPath(path: YamlPath): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const INTEGER = /^\d[\d_]*$/;

/** A whole number of milliseconds (or a count); `1_500` is allowed for readability. */
export function parseWholeNumber(text: string, path: YamlPath, what: string): number {
  if (!INTEGER.test(text))
    throw new ScenarioLoadError(path, `${what} must be a whole number, got '${text}'`);
  return Number.parseInt(text.replace(/_/g, ''), 10);
}

/** One mapping with a known set of keys. */
export class Fields {
  private constructor(
    private readonly map: Record<string, unknown>,
    readonly path: YamlPath,
  ) {}

  /**
   * Unknown keys are rejected up front: a misspelt `abandonAfterMS` must not be silently
   * ignored, and naming the expected keys is the most useful answer to a typo.
   */
  static of(value: unknown, path: YamlPath, keys: readonly string[], hint = 'a mapping'): Fields {
    if (!isMap(value)) throw new ScenarioLoadError(path, `must be ${hint}`);
    const unknown = Object.keys(value).filter((k) => !keys.includes(k));
    if (unknown.length > 0) {
      const list = unknown.map((k) => `'${k}'`).join(', ');
      throw new ScenarioLoadError(
        path,
        `unknown key${unknown.length > 1 ? 's' : ''} ${list} (expected ${keys.join(', ')})`,
      );
    }
    return new Fields(value, path);
  }

  has(key: string): boolean {
    const value = this.map[key];
    return value !== undefined && value !== '';
  }

  /** The raw value (nested mappings, lists). */
  raw(key: string): unknown {
    return this.map[key];
  }

  string(key: string): string {
    const value = this.optionalString(key);
    if (value === undefined) throw new ScenarioLoadError(this.path, `${key} is required`);
    return value;
  }

  optionalString(key: string): string | undefined {
    const value = this.raw(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      throw new ScenarioLoadError(
        this.path,
        `${key} must be a single value, not a list or mapping`,
      );
    }
    return value;
  }

  number(key: string): number {
    return parseWholeNumber(this.string(key), [...this.path, key], key);
  }

  optionalNumber(key: string): number | undefined {
    const text = this.optionalString(key);
    return text === undefined ? undefined : parseWholeNumber(text, [...this.path, key], key);
  }

  optionalBoolean(key: string): boolean | undefined {
    const text = this.optionalString(key);
    if (text === undefined) return undefined;
    const lower = text.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw new ScenarioLoadError(this.path, `${key} must be true or false, got '${text}'`);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const value = this.string(key);
    return this.checkOneOf(key, value, allowed);
  }

  optionalOneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(key);
    return value === undefined ? undefined : this.checkOneOf(key, value, allowed);
  }

  private checkOneOf<T extends string>(key: string, value: string, allowed: readonly T[]): T {
    const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (match === undefined) {
      throw new ScenarioLoadError(
        this.path,
        `${key} must be one of ${allowed.join(', ')}, got '${value}'`,
      );
    }
    return match;
  }
}

/** Drop the keys the file did not set, so defaults apply to them (and toEqual in specs agrees). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
