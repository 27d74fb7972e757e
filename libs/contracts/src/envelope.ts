/**
 * Every message that crosses a process boundary is a readonly `{ type, data, metadata }` record.
 * `schemaVersion` lets a consumer refuse (rather than misread) a message written by a newer
 * producer during a rolling upgrade.
 */
export interface Message<TType extends string, TData, TMeta = MessageMetadata> {
  readonly type: TType;
  readonly data: Readonly<TData>;
  readonly metadata: Readonly<TMeta>;
}

export interface MessageMetadata {
  readonly schemaVersion: number;
  /** Follows one business flow (a feature code, a call) through every service and log line. */
  readonly correlationId?: string;
  /** ISO 8601 time the message was produced. */
  readonly occurredAt: string;
}

/** Compile-time exhaustiveness for `switch (x.type)`; throws if an unknown value slips through at run time. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
