import net from 'node:net';
import { AmiFrameParser, encodeMessage, type AmiMessage } from '@switchboard/ami';
import type { ReplayFrame } from './load-capture';

export interface ReplayOptions {
  readonly frames: readonly ReplayFrame[];
  readonly host?: string;
  /** 0: a free port. */
  readonly port?: number;
  /** Recorded speed × speed; 'max': as fast as the socket takes them. */
  readonly speed?: number | 'max';
  /** Send every event in the same write as the login response (the hardest case for a client). */
  readonly oneChunk?: boolean;
  readonly username?: string;
  readonly secret?: string;
}

const BANNER = 'Asterisk Call Manager/9.0.0\r\n';

/**
 * Serves a recorded capture as an AMI server: banner, login, then the recorded events to each
 * client that logs in — at recorded speed, a multiple of it, or as fast as possible. It is how a
 * field problem is reproduced against the gateway. Actions other than Login, Ping, Logoff and
 * QueueStatus (an empty list) are answered with an error: nothing is executed.
 */
export class AmiReplayServer {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private resolveDone: () => void = () => undefined;
  /** Resolves when a client has been sent every frame. */
  readonly done: Promise<void> = new Promise((resolve) => (this.resolveDone = resolve));
  sent = 0;

  constructor(private readonly options: ReplayOptions) {}

  async start(): Promise<{ port: number }> {
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve));
    return { port: (server.address() as net.AddressInfo).port };
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    socket.write(BANNER);
    const parser = new AmiFrameParser({ expectBanner: false });
    let loggedIn = false;
    socket.on('data', (chunk) => {
      for (const frame of parser.push(chunk)) {
        if (frame.kind !== 'message') continue;
        const action = frame.message;
        if (action.name.toLowerCase() === 'login' && !loggedIn) {
          loggedIn = this.login(socket, action);
        } else {
          this.answer(socket, action, loggedIn);
        }
      }
    });
  }

  private login(socket: net.Socket, action: AmiMessage): boolean {
    const { username, secret } = this.options;
    const ok = (!username || action.get('Username') === username) && (!secret || action.get('Secret') === secret);
    const response = respond(action, ok ? 'Success' : 'Error', ok ? 'Authentication accepted' : 'Authentication failed');
    if (!ok) {
      socket.end(response);
      return false;
    }
    if (this.options.oneChunk) {
      socket.write(response + this.options.frames.map((f) => f.raw).join(''));
      this.sent += this.options.frames.length;
      this.resolveDone();
      return true;
    }
    socket.write(response);
    void this.stream(socket);
    return true;
  }

  private async stream(socket: net.Socket): Promise<void> {
    const speed = this.options.speed ?? 1;
    const frames = this.options.frames;
    if (speed === 'max') return this.flood(socket);
    const start = Date.now();
    const t0 = frames[0]?.t ?? 0;
    for (const frame of frames) {
      if (socket.destroyed) return;
      const wait = start + (frame.t - t0) / speed - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // Respect the socket's backpressure so memory stays flat at full speed.
      if (!socket.write(frame.raw)) await new Promise((r) => socket.once('drain', r));
      this.sent++;
    }
    this.resolveDone();
  }

  /** As fast as possible: frames joined into ~64 KiB writes (one write per frame would make the
   *  replay, not the client under test, the bottleneck), each waiting for the socket to drain. */
  private async flood(socket: net.Socket): Promise<void> {
    const frames = this.options.frames;
    let chunk = '';
    for (let i = 0; i < frames.length; i++) {
      chunk += frames[i].raw;
      if (chunk.length < 65_536 && i < frames.length - 1) continue;
      if (socket.destroyed) return;
      const more = socket.write(chunk);
      this.sent = i + 1;
      chunk = '';
      if (!more) await new Promise((r) => socket.once('drain', r));
    }
    this.resolveDone();
  }

  private answer(socket: net.Socket, action: AmiMessage, loggedIn: boolean): void {
    const name = action.name.toLowerCase();
    if (!loggedIn) return void socket.write(respond(action, 'Error', 'Permission denied'));
    if (name === 'ping') return void socket.write(respond(action, 'Success', undefined, [['Ping', 'Pong'], ['Timestamp', (Date.now() / 1000).toFixed(6)]]));
    if (name === 'logoff') return void socket.end(respond(action, 'Goodbye', 'Thanks for all the fish.'));
    if (name === 'queuestatus') {
      const id = action.actionId;
      socket.write(
        respond(action, 'Success', 'Queue status will follow', [['EventList', 'start']]) +
          encodeMessage([
            ['Event', 'QueueStatusComplete'],
            ...(id ? ([['ActionID', id]] as Array<[string, string]>) : []),
            ['EventList', 'Complete'],
            ['ListItems', '0'],
          ]),
      );
      return;
    }
    socket.write(respond(action, 'Error', `ami-replay does not execute ${action.name || 'actions'}`));
  }
}

function respond(action: AmiMessage, response: string, message?: string, extra: Array<[string, string]> = []): string {
  const fields: Array<[string, string]> = [['Response', response]];
  if (action.actionId !== undefined) fields.push(['ActionID', action.actionId]);
  if (message !== undefined) fields.push(['Message', message]);
  return encodeMessage([...fields, ...extra]);
}
