/** One AMI frame's headers, in order, names as received (repeated headers such as Output: kept). */
export class AmiMessage {
  private index: Map<string, string> | null = null;

  constructor(readonly fields: Array<[string, string]>) {}

  /** First value of a header, case-insensitive (Asterisk accepts `actionid:` as `ActionID:`). */
  get(name: string): string | undefined {
    if (!this.index) {
      this.index = new Map();
      for (const [k, v] of this.fields) {
        const key = k.toLowerCase();
        if (!this.index.has(key)) this.index.set(key, v);
      }
    }
    return this.index.get(name.toLowerCase());
  }

  getAll(name: string): string[] {
    const key = name.toLowerCase();
    return this.fields.filter(([k]) => k.toLowerCase() === key).map(([, v]) => v);
  }

  /** Decided by the first of Event / Response / Action present. */
  get kind(): 'event' | 'response' | 'action' | 'unknown' {
    for (const [k] of this.fields) {
      const key = k.toLowerCase();
      if (key === 'event') return 'event';
      if (key === 'response') return 'response';
      if (key === 'action') return 'action';
    }
    return 'unknown';
  }

  /** The Event name, Response value or Action name; '' when the frame has none. */
  get name(): string {
    switch (this.kind) {
      case 'event':
        return this.get('Event') ?? '';
      case 'response':
        return this.get('Response') ?? '';
      case 'action':
        return this.get('Action') ?? '';
      default:
        return '';
    }
  }

  get actionId(): string | undefined {
    return this.get('ActionID');
  }

  /** First value per header name, names as received. */
  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (const [k, v] of this.fields) if (!(k in record)) record[k] = v;
    return record;
  }
}
