// One AMI client connection: banner, frame parsing, authentication state, which events the client
// wants, and writing frames. Actions are handled one at a time per connection, in arrival order,
// like Asterisk's per-session thread does.

import type { Socket } from 'node:net';
import type { AmiMessage } from '@switchboard/ami';
import { AmiFrameParser, encodeMessage } from '@switchboard/ami';
import type { AmiFields } from './channel';
import type { AmiSessionInfo } from './events';
import { eventTv } from './time-format';

export const BANNER = 'Asterisk Call Manager/9.0.0\r\n';

/** What a session needs from the server that owns it. */
export interface SessionHost {
  handleAction(session: AmiSession, message: AmiMessage): void | Promise<void>;
  sessionClosed(session: AmiSession): void;
  countSent(kind: 'event' | 'response'): void;
  reportError(error: unknown): void;
}

let nextSessionNumber = 1;

export class AmiSession {
  readonly id = nextSessionNumber++;
  readonly info: AmiSessionInfo;
  authenticated = false;
  username: string | undefined;
  /** Event classes the client asked for: all, none, or a list (EventMask: call,agent). */
  private eventMask: 'all' | 'none' | ReadonlySet<string> = 'all';
  private readonly parser = new AmiFrameParser({ expectBanner: false });
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly host: SessionHost,
  ) {
    this.info = {
      sessionId: `0x${(0x5611bb000000 + this.id * 0x1c30).toString(16)}`,
      localAddress: `IPV4/TCP/${socket.localAddress ?? '127.0.0.1'}/${socket.localPort ?? 0}`,
      remoteAddress: `IPV4/TCP/${stripV6Prefix(socket.remoteAddress)}/${socket.remotePort ?? 0}`,
      sessionTv: eventTv(),
    };
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => this.markClosed());
    socket.on('close', () => this.markClosed());
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  get remote(): string {
    return `${stripV6Prefix(this.socket.remoteAddress)}:${this.socket.remotePort ?? 0}`;
  }

  /** The banner line; Asterisk sends it without a blank line after it. */
  greet(): void {
    this.writeRaw(BANNER);
  }

  /** A response or a list item for this client (sent regardless of its event mask). */
  send(fields: AmiFields): void {
    this.writeFrame(fields, 'response');
  }

  /** An event: sent only to logged-in clients that want its class. */
  deliver(fields: AmiFields): void {
    if (!this.authenticated || !this.wants(fields)) return;
    this.writeFrame(fields, 'event');
  }

  /** `Events: on|off|<class list>` from Login or the Events action. Returns the new mask state. */
  setEventMask(mask: string | undefined): 'on' | 'off' {
    const value = (mask ?? 'on').trim().toLowerCase();
    if (['on', 'yes', 'true', 'y', 't', '1', 'all'].includes(value)) this.eventMask = 'all';
    else if (['off', 'no', 'false', 'n', 'f', '0', 'none'].includes(value)) this.eventMask = 'none';
    else
      this.eventMask = new Set(
        value
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      );
    return this.eventMask === 'none' ? 'off' : 'on';
  }

  /** Flush what was written, then close (Logoff, failed login). */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.end();
    this.host.sessionClosed(this);
  }

  /** Close at once (simulator stopping). */
  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let frames;
    try {
      frames = this.parser.push(chunk);
    } catch (error) {
      this.host.reportError(error);
      return;
    }
    for (const frame of frames) {
      // Malformed frames and stray banners from a confused client are ignored, as Asterisk does.
      if (frame.kind !== 'message') continue;
      const message = frame.message;
      this.chain = this.chain
        .then(() => (this.closed ? undefined : this.host.handleAction(this, message)))
        .catch((error: unknown) => this.host.reportError(error));
    }
  }

  private wants(fields: AmiFields): boolean {
    if (this.eventMask === 'all') return true;
    if (this.eventMask === 'none') return false;
    const privilege = fields.find(([k]) => k === 'Privilege')?.[1];
    if (!privilege) return true;
    const mask = this.eventMask;
    return privilege
      .split(',')
      .filter((c) => c !== 'all')
      .some((c) => mask.has(c));
  }

  private writeFrame(fields: AmiFields, kind: 'event' | 'response'): void {
    if (this.closed) return;
    let text: string;
    try {
      text = encodeMessage(fields);
    } catch (error) {
      this.host.reportError(error);
      return;
    }
    this.writeRaw(text);
    this.host.countSent(kind);
  }

  private writeRaw(text: string): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(text);
  }

  private markClosed(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.host.sessionClosed(this);
  }
}

function stripV6Prefix(address: string | undefined): string {
  return (address ?? '127.0.0.1').replace(/^::ffff:/, '');
}
