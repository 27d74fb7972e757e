import net from 'node:net';
import { randomBytes } from 'node:crypto';
import {
  ActionCorrelator,
  AmiFrameParser,
  encodeLogin,
  encodeMessage,
  encodePbxAction,
  type AmiMessage,
} from '@switchboard/ami';
import type { PbxAction, PbxActionReply } from '@switchboard/contracts';
import type { AmiEndpoint } from '@switchboard/platform';
import { backoffDelay } from './backoff';

export interface AmiConnectionListener {
  /** A spontaneous AMI event, in AMI order. Returning a promise applies backpressure: reading
   *  pauses while too many are unsettled. */
  onEvent(message: AmiMessage, connectionId: string): void;
  onConnected(info: { connectionId: string; banner: string }): void;
  onDisconnected(info: { connectionId: string; reason: string }): void;
}

export interface AmiConnectionOptions {
  readonly actionTimeoutMs: number;
  readonly reconnectMinMs: number;
  readonly reconnectMaxMs: number;
  readonly logger: { log(msg: string): void; warn(msg: string): void; error(msg: string): void };
}

interface PendingAction {
  resolve(reply: PbxActionReply): void;
  timer: NodeJS.Timeout;
}

/**
 * One AMI session to one PBX: connect, log in, read frames, correlate replies by ActionID, and
 * reconnect with backoff when the PBX goes away. It interprets nothing: events go to the listener.
 */
export class AmiConnection {
  private socket: net.Socket | null = null;
  private parser = new AmiFrameParser();
  private correlator = new ActionCorrelator();
  private readonly pending = new Map<string, PendingAction>();
  private connectionId = '';
  private banner = '';
  private loggedIn = false;
  private stopped = false;
  private attempt = 0;
  private actionCounter = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly endpoint: AmiEndpoint,
    private readonly listener: AmiConnectionListener,
    private readonly options: AmiConnectionOptions,
  ) {}

  get connected(): boolean {
    return this.loggedIn;
  }

  get badFrames(): number {
    return this.parser.stats.badFrames;
  }

  /** Stop reading from the PBX (TCP backpressure reaches Asterisk) until resume(). */
  pause(): void {
    this.socket?.pause();
  }

  resume(): void {
    this.socket?.resume();
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    if (!socket) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      if (this.loggedIn) {
        socket.end(encodeMessage([['Action', 'Logoff'], ['ActionID', `${this.connectionId}-logoff`]]));
      } else {
        socket.end();
      }
      setTimeout(() => socket.destroy(), 1000).unref();
    });
  }

  /** Sends an action and resolves with Asterisk's reply (never rejects: failures are replies). */
  send(action: PbxAction): Promise<PbxActionReply> {
    if (!this.loggedIn || !this.socket) {
      return Promise.resolve(failure('not_connected', `PBX ${this.endpoint.pbxId} is not connected`));
    }
    const actionId = `${this.connectionId}-${++this.actionCounter}`;
    let frame: string;
    try {
      frame = encodePbxAction(action, actionId);
    } catch (error) {
      return Promise.resolve(failure('invalid_action', (error as Error).message));
    }
    return this.request(actionId, frame, action.action === 'Originate' ? 'OriginateResponse' : undefined);
  }

  private request(actionId: string, frame: string, asyncEvent?: string): Promise<PbxActionReply> {
    return new Promise<PbxActionReply>((resolve) => {
      this.correlator.register(actionId, asyncEvent ? { asyncEvent } : undefined);
      const timer = setTimeout(() => {
        this.pending.delete(actionId);
        this.correlator.cancel(actionId);
        resolve(failure('timeout', `No reply from ${this.endpoint.pbxId} within ${this.options.actionTimeoutMs} ms`));
      }, this.options.actionTimeoutMs);
      this.pending.set(actionId, { resolve, timer });
      this.socket?.write(frame);
    });
  }

  private connect(): void {
    this.connectionId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    this.parser = new AmiFrameParser();
    this.correlator = new ActionCorrelator();
    this.banner = '';
    const socket = net.createConnection({ host: this.endpoint.host, port: this.endpoint.port });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    this.socket = socket;
    let closeReason = 'connection closed by the PBX';
    socket.on('connect', () => this.login());
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', (error) => {
      closeReason = error.message;
    });
    socket.on('close', () => this.onClose(closeReason));
  }

  private login(): void {
    const actionId = `${this.connectionId}-login`;
    this.correlator.register(actionId);
    const timer = setTimeout(() => {
      this.options.logger.warn(`AMI ${this.endpoint.pbxId}: no login reply, reconnecting`);
      this.socket?.destroy();
    }, this.options.actionTimeoutMs);
    this.pending.set(actionId, {
      timer,
      resolve: (reply) => {
        if (reply.ok) {
          this.loggedIn = true;
          this.attempt = 0;
          this.options.logger.log(`AMI ${this.endpoint.pbxId}: logged in (${this.banner})`);
          this.listener.onConnected({ connectionId: this.connectionId, banner: this.banner });
        } else {
          // Asterisk closes the socket after a failed login; the close handler schedules the retry.
          this.options.logger.error(`AMI ${this.endpoint.pbxId}: login refused: ${reply.message}`);
          this.attempt = Math.max(this.attempt, 5);
        }
      },
    });
    this.socket?.write(encodeLogin(this.endpoint.username, this.endpoint.secret, actionId));
  }

  private onData(chunk: Buffer): void {
    // Every frame of the chunk is handled in order, including events that arrive in the same
    // read as the login response (asterisk-ami-client loses those).
    for (const frame of this.parser.push(chunk)) {
      if (frame.kind === 'banner') {
        this.banner = frame.text;
        continue;
      }
      if (frame.kind === 'bad') {
        this.options.logger.warn(`AMI ${this.endpoint.pbxId}: bad frame skipped (${frame.reason})`);
        continue;
      }
      const outcome = this.correlator.accept(frame.message);
      if (outcome.completed) {
        const waiting = this.pending.get(outcome.completed.actionId);
        if (waiting) {
          clearTimeout(waiting.timer);
          this.pending.delete(outcome.completed.actionId);
          waiting.resolve(outcome.completed.reply);
        }
      }
      if (!outcome.consumed && frame.message.kind === 'event' && this.loggedIn) {
        this.listener.onEvent(frame.message, this.connectionId);
      }
    }
  }

  private onClose(reason: string): void {
    const wasLoggedIn = this.loggedIn;
    this.loggedIn = false;
    this.socket = null;
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.resolve(failure('not_connected', `AMI connection lost before the reply (${reason})`));
      this.pending.delete(id);
    }
    if (wasLoggedIn) this.listener.onDisconnected({ connectionId: this.connectionId, reason });
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt++, this.options.reconnectMinMs, this.options.reconnectMaxMs);
    this.options.logger.warn(`AMI ${this.endpoint.pbxId}: ${reason}; reconnecting in ${delay} ms`);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }
}

function failure(code: NonNullable<PbxActionReply['error']>['code'], message: string): PbxActionReply {
  return { ok: false, response: 'Error', message, fields: {}, error: { code, message } };
}
