export type AmiMessageKind = 'event' | 'response' | 'action' | 'unknown';

/**
 * One AMI frame's headers, in order, names as received. Repeated headers are kept (a Command
 * response has one `Output:` per CLI line; Originate sends one `Variable:` per variable).
 */
export class AmiMessage {
  private kindCache: AmiMessageKind | null = null;

  constructor(readonly fields: Array<[string, string]>) {}

  /**
   * First value of a header, case-insensitive: Asterisk itself accepts `actionid:` for `ActionID:`.
   * A linear scan: frames hold ~20 short headers, and comparing lengths first rejects almost all
   * of them before any lower-casing, which beats building an index per frame.
   */
  get(name: string): string | undefined {
    const fields = this.fields;
    const length = name.length;
    let lower: string | undefined;
    for (let i = 0; i < fields.length; i++) {
      const key = fields[i][0];
      if (key.length !== length) continue;
      if (key === name) return fields[i][1];
      lower ??= name.toLowerCase();
      if (key.toLowerCase() === lower) return fields[i][1];
    }
    return undefined;
  }

  /** Every value of a header, in order, case-insensitive. */
  getAll(name: string): string[] {
    const key = name.toLowerCase();
    const values: string[] = [];
    for (const [k, v] of this.fields) if (k.toLowerCase() === key) values.push(v);
    return values;
  }

  /**
   * Decided by the first of Event / Response / Action present. First, because an
   * `Event: OriginateResponse` also carries a `Response:` header, and it is an event.
   */
  get kind(): AmiMessageKind {
    if (this.kindCache === null) {
      let kind: AmiMessageKind = 'unknown';
      for (const [k] of this.fields) {
        const key = k.toLowerCase();
        if (key === 'event' || key === 'response' || key === 'action') {
          kind = key;
          break;
        }
      }
      this.kindCache = kind;
    }
    return this.kindCache;
  }

  /** The Event name, Response value or Action name; '' when the frame has none. */
  get name(): string {
    const kind = this.kind;
    return kind === 'unknown' ? '' : (this.get(kind) ?? '');
  }

  get actionId(): string | undefined {
    return this.get('ActionID');
  }

  /**
   * First value per header name, names as received. Names are compared exactly here (a frame
   * with both `ActionID` and `actionid` keeps both): the record is for carrying headers along
   * (Unmapped events, reply fields), and exact keys keep it cheap; lookups go through get().
   */
  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (const [k, v] of this.fields) {
      if (Object.hasOwn(record, k)) continue;
      // A hostile `__proto__:` header would otherwise set the prototype and vanish.
      if (k === '__proto__') Object.defineProperty(record, k, { value: v, enumerable: true, writable: true, configurable: true });
      else record[k] = v;
    }
    return record;
  }
}
