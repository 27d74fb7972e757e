import type { BusLogger } from './bus-logger';

/** A message handed back because its envelope is of a newer schema version than this reader's. */
export interface NewerSchemaMessage {
  readonly durable: string;
  readonly stream: string;
  readonly subject: string;
  readonly seq: number;
  /** The envelope's `type`, when it has one. */
  readonly type: string;
  readonly schemaVersion: number;
  /** The newest version this process reads on the stream. */
  readonly knownVersion: number;
}

/** The `{ type, metadata: { schemaVersion } }` of an envelope (libs/contracts), when the data is one. */
function envelopeVersion(data: unknown): { type: string; schemaVersion: number } | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, metadata } = data as { type?: unknown; metadata?: unknown };
  if (typeof metadata !== 'object' || metadata === null) return null;
  const schemaVersion = (metadata as { schemaVersion?: unknown }).schemaVersion;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion)) return null;
  return { type: typeof type === 'string' ? type : '(no type)', schemaVersion };
}

/**
 * Keeps messages written by a newer release away from a reader that cannot read them, without
 * losing them. During a rolling upgrade old and new replicas share a durable consumer: a message of
 * a newer schema version must reach a new replica, so the old one hands it back (nak with a delay)
 * instead of handing it to its handler, which would refuse it as poison and terminate it. Logged
 * once per type and version (never the payload: PBX events carry caller numbers); every hand-back
 * is reported to `onNewer` (metrics). Older or equal versions go on to the handler, which reads or
 * refuses them as before.
 */
export class NewerSchemaGuard {
  private readonly logged = new Set<string>();

  constructor(
    private readonly durable: string,
    private readonly stream: string,
    /** Undefined: the stream's messages are not versioned envelopes; nothing is held back. */
    private readonly knownVersion: number | undefined,
    private readonly logger: BusLogger,
    private readonly onNewer: (message: NewerSchemaMessage) => void = () => undefined,
  ) {}

  /** True when the message is newer than this reader knows and must be handed back. */
  isNewer(data: unknown, subject: string, seq: number): boolean {
    if (this.knownVersion === undefined) return false;
    const envelope = envelopeVersion(data);
    if (!envelope || envelope.schemaVersion <= this.knownVersion) return false;
    const message: NewerSchemaMessage = {
      durable: this.durable,
      stream: this.stream,
      subject,
      seq,
      type: envelope.type,
      schemaVersion: envelope.schemaVersion,
      knownVersion: this.knownVersion,
    };
    const key = `${envelope.type}\u0000${envelope.schemaVersion}`;
    if (!this.logged.has(key)) {
      this.logged.add(key);
      this.logger.warn(
        `consumer ${this.durable}: ${envelope.type} of schema version ${envelope.schemaVersion} on stream ${this.stream} ` +
          `is newer than this release reads (${this.knownVersion}); handing such messages back for a newer replica ` +
          `(first: message ${seq}; logged once per type and version)`,
      );
    }
    try {
      this.onNewer(message);
    } catch (error) {
      this.logger.warn(`consumer ${this.durable}: onNewerSchema threw: ${error instanceof Error ? error.message : String(error)}`);
    }
    return true;
  }
}
