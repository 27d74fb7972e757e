import { randomUUID } from 'node:crypto';

/** One event as the fake EventStoreDB holds it: the bytes and headers the client sent. */
export interface FakeRecord {
  readonly id: string;
  readonly stream: string;
  readonly type: string;
  readonly contentType: string;
  readonly revision: bigint;
  /** Commit and prepare position alike, as a single node reports them for ordinary appends. */
  readonly position: bigint;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch: what the client turns into `created`. */
  readonly created: bigint;
}

export type ProposedRecord = Pick<
  FakeRecord,
  'id' | 'type' | 'contentType' | 'data' | 'customMetadata'
>;

/** The expectation an append carried on the wire; 'unset' when the request had none. */
export type WireExpectation =
  | { readonly kind: 'revision'; readonly revision: bigint }
  | { readonly kind: 'no_stream' | 'any' | 'stream_exists' | 'unset' };

export type CurrentRevision = bigint | 'no_stream';

export type AppendOutcome =
  | { readonly ok: true; readonly revision: CurrentRevision; readonly position: bigint | undefined }
  | { readonly ok: false; readonly current: CurrentRevision };

/**
 * The in-memory log behind the fake server: streams, the global order ($all) and the listeners of
 * live subscriptions. Every method is synchronous, so an append is checked and committed in one
 * tick: two racing appends over the wire can never both pass the expected-revision check.
 */
export class FakeLog {
  private readonly all: FakeRecord[] = [];
  private readonly streams = new Map<string, FakeRecord[]>();
  private readonly listeners = new Set<(record: FakeRecord) => void>();
  /** Starts away from 0 and grows by a record's size, like a byte offset in a real log: an
   *  adapter that treated positions as a counter would be caught. */
  private nextPosition = 1024n;

  current(stream: string): CurrentRevision {
    const events = this.streams.get(stream);
    return events?.length ? events[events.length - 1].revision : 'no_stream';
  }

  append(
    stream: string,
    expected: WireExpectation,
    proposed: readonly ProposedRecord[],
  ): AppendOutcome {
    const current = this.current(stream);
    if (!satisfies(expected, current)) return { ok: false, current };
    if (proposed.length === 0) return { ok: true, revision: current, position: undefined };
    const events = this.streams.get(stream) ?? [];
    const created = BigInt(Date.now()) * 10_000n;
    const records = proposed.map((p, i): FakeRecord => {
      const position = this.nextPosition;
      this.nextPosition += 64n + BigInt(p.data.length + p.customMetadata.length);
      return {
        ...p,
        id: p.id || randomUUID(),
        stream,
        revision: BigInt(events.length + i),
        position,
        created,
      };
    });
    events.push(...records);
    this.streams.set(stream, events);
    this.all.push(...records);
    for (const record of records) for (const listener of this.listeners) listener(record);
    const last = records[records.length - 1];
    return { ok: true, revision: last.revision, position: last.position };
  }

  stream(stream: string): readonly FakeRecord[] | undefined {
    return this.streams.get(stream);
  }

  /** Records strictly after `position` (undefined: from the start), in log order. */
  after(position: bigint | undefined): readonly FakeRecord[] {
    return position === undefined ? [...this.all] : this.all.filter((r) => r.position > position);
  }

  lastPosition(): bigint | undefined {
    return this.all.length ? this.all[this.all.length - 1].position : undefined;
  }

  /** Called with each record committed from now on; returns the unsubscribe function. */
  onAppend(listener: (record: FakeRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clearListeners(): void {
    this.listeners.clear();
  }
}

function satisfies(expected: WireExpectation, current: CurrentRevision): boolean {
  switch (expected.kind) {
    case 'revision':
      return current === expected.revision;
    case 'no_stream':
      return current === 'no_stream';
    case 'stream_exists':
      return current !== 'no_stream';
    case 'any':
      return true;
    case 'unset':
      // A real server rejects a request without an expectation; the fake refuses it too.
      return false;
  }
}
