import { Logger } from '@nestjs/common';
import { agentsSnapshot, mapAmiEvent, queueStatusSnapshot, type AmiMessage } from '@switchboard/ami';
import type { Bus, Responder } from '@switchboard/bus';
import {
  PBX_EVENT_SCHEMA_VERSION,
  subjects,
  type PbxActionReply,
  type PbxActionRequest,
  type PbxEventBody,
} from '@switchboard/contracts';
import type { AmiEndpoint } from '@switchboard/platform';
import { AmiConnection } from './ami-connection';
import { OrderedPublisher } from './ordered-publisher';

/** Reading from the PBX pauses above this many unpublished events and resumes below LOW: memory
 *  stays bounded while NATS is slow or away, and TCP flow control holds the rest in Asterisk.
 *  Small on purpose: two publish windows keep JetStream busy, and events that wait longer survive
 *  garbage collections into the old space — 4,096 cost about 100 MB of RSS at 20,000 events/s
 *  (docs/benchmarks.md) for no gain in speed. Exported for the backpressure test. */
export const BACKLOG_HIGH = 512;
export const BACKLOG_LOW = 128;

export interface PbxGatewayOptions {
  readonly actionTimeoutMs: number;
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
  /** AMI event names not to publish (e.g. VarSet, Newexten): counted in `filtered`. */
  readonly eventFilter?: readonly string[];
  /** Without FullyBooted this long after login, the snapshot is taken anyway. */
  readonly snapshotDelayMs?: number;
}

/** The gateway for one PBX: its AMI connection, its ordered event publisher, its action responder. */
export class PbxGateway {
  private readonly logger: Logger;
  private readonly connection: AmiConnection;
  private readonly publisher: OrderedPublisher;
  private responder: Responder | null = null;
  private seq = 0;
  private readonly filter: ReadonlySet<string>;
  private readonly snapshotDelayMs: number;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private snapshotTaken = false;
  private currentConnection = '';
  private readingPaused = false;
  eventsIn = 0;
  filtered = 0;

  constructor(
    readonly endpoint: AmiEndpoint,
    private readonly bus: Bus,
    options: PbxGatewayOptions,
  ) {
    this.logger = new Logger(`PbxGateway:${endpoint.pbxId}`);
    this.filter = new Set(options.eventFilter ?? []);
    this.snapshotDelayMs = options.snapshotDelayMs ?? 1000;
    this.publisher = new OrderedPublisher(
      bus,
      (error, attempt) => this.logger.warn(`publish failed (attempt ${attempt}): ${(error as Error).message}`),
      500,
      256,
      (backlog) => {
        if (this.readingPaused && backlog < BACKLOG_LOW) {
          this.readingPaused = false;
          this.connection.resume();
        }
      },
    );
    this.connection = new AmiConnection(
      endpoint,
      {
        onEvent: (message, connectionId) => this.onEvent(message, connectionId),
        onConnected: ({ connectionId, banner }) => {
          this.seq = 0;
          this.snapshotTaken = false;
          this.currentConnection = connectionId;
          this.publish(connectionId, { type: 'AmiConnected', data: { banner } });
          this.snapshotTimer = setTimeout(() => void this.snapshot(connectionId, 'connected'), this.snapshotDelayMs);
        },
        onDisconnected: ({ connectionId, reason }) => {
          if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
          this.publish(connectionId, { type: 'AmiDisconnected', data: { reason } });
        },
      },
      {
        actionTimeoutMs: options.actionTimeoutMs,
        reconnectMinMs: options.reconnectMinMs ?? 500,
        reconnectMaxMs: options.reconnectMaxMs ?? 30_000,
        logger: this.logger,
      },
    );
  }

  get connected(): boolean {
    return this.connection.connected;
  }

  get backlog(): number {
    return this.publisher.backlog;
  }

  get published(): number {
    return this.publisher.published;
  }

  get publishFailures(): number {
    return this.publisher.failures;
  }

  get badFrames(): number {
    return this.connection.badFrames;
  }

  async start(): Promise<void> {
    this.responder = await this.bus.respond<PbxActionRequest, PbxActionReply>(
      subjects.pbxAction(this.endpoint.pbxId),
      (request) => this.execute(request),
    );
    this.connection.start();
  }

  async stop(): Promise<void> {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    await this.responder?.stop();
    await this.connection.stop();
    await this.publisher.drained();
  }

  execute(request: PbxActionRequest): Promise<PbxActionReply> {
    if (!request || typeof request !== 'object' || !request.action || typeof request.action !== 'object') {
      const message = 'Request must be {pbxId, action: {action, ...}}';
      return Promise.resolve({ ok: false, response: 'Error', message, fields: {}, error: { code: 'invalid_action', message } });
    }
    // The action's name and the flow's id only: field values can carry PINs or secrets.
    this.logger.debug({ msg: `action ${request.action.action}`, correlationId: request.correlationId, action: request.action.action });
    return this.connection.send(request.action);
  }

  private onEvent(message: AmiMessage, connectionId: string): void {
    this.eventsIn++;
    if (this.filter.has(message.name)) {
      this.filtered++;
      return;
    }
    const body = mapAmiEvent(message);
    this.publish(connectionId, body);
    if (body.type === 'FullyBooted') void this.snapshot(connectionId, 'fully-booted');
  }

  /**
   * Publishes what Asterisk holds (QueueStatus, then where app_agent_pool's agents sit: Agents) so
   * consumers can resync after a (re)connect or a PBX restart: taken on FullyBooted, or shortly
   * after login when FullyBooted does not come. What happened while the gateway was away (a missed
   * AgentLogoff) shows only here.
   */
  private async snapshot(connectionId: string, reason: 'connected' | 'fully-booted'): Promise<void> {
    if (reason === 'connected' && this.snapshotTaken) return;
    this.snapshotTaken = true;
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    const reply = await this.connection.send({ action: 'QueueStatus' });
    if (connectionId !== this.currentConnection) return; // the connection changed meanwhile
    if (!reply.ok) {
      this.logger.warn(`QueueStatus snapshot failed: ${reply.message}`);
    } else {
      this.publish(connectionId, { type: 'QueueStatusSnapshot', data: queueStatusSnapshot(reply, reason) });
    }
    await this.agentsSnapshot(connectionId, reason);
  }

  /**
   * `askedAt` is taken before the action is sent: events published before it are reflected in the
   * list, those after may not be, so consumers judge only what they recorded before it.
   */
  private async agentsSnapshot(connectionId: string, reason: 'connected' | 'fully-booted'): Promise<void> {
    const askedAt = new Date().toISOString();
    const reply = await this.connection.send({ action: 'Agents' });
    if (connectionId !== this.currentConnection) return;
    if (!reply.ok) {
      // A PBX without app_agent_pool answers "Invalid/unknown command": it has no seats to resync.
      this.logger.debug(`Agents snapshot not taken: ${reply.message}`);
      return;
    }
    this.publish(connectionId, { type: 'AgentsSnapshot', data: agentsSnapshot(reply, reason, askedAt) });
  }

  private publish(connectionId: string, body: PbxEventBody): void {
    const seq = ++this.seq;
    const pbxId = this.endpoint.pbxId;
    const correlationId = correlationOf(body);
    const envelope = {
      type: body.type,
      data: body.data,
      metadata: {
        schemaVersion: PBX_EVENT_SCHEMA_VERSION,
        pbxId,
        connectionId,
        seq,
        occurredAt: new Date().toISOString(),
        ...(correlationId ? { correlationId } : {}),
      },
    };
    // The type and ids only: a FeatureCodeDialed's code can carry a PIN.
    if (correlationId) this.logger.debug({ msg: `event ${body.type} #${seq}`, correlationId, type: body.type, seq });
    this.publisher.enqueue(subjects.pbxEvent(pbxId, body.type), envelope, `${pbxId}:${connectionId}:${seq}`);
    if (!this.readingPaused && this.publisher.backlog > BACKLOG_HIGH) {
      this.readingPaused = true;
      this.connection.pause();
    }
  }
}

/**
 * The call an event belongs to: its Linkedid (one per call, shared by all its channels; for a
 * feature-code call the phone's own channel), so a feature code is followed from the UserEvent to
 * the Redirect and a queue call from AMI to its report row, through every service's logs.
 */
function correlationOf(body: PbxEventBody): string | undefined {
  const data = body.data as { linkedid?: unknown; uniqueid?: unknown };
  if (typeof data.linkedid === 'string' && data.linkedid !== '') return data.linkedid;
  return typeof data.uniqueid === 'string' && data.uniqueid !== '' ? data.uniqueid : undefined;
}
