import net from 'node:net';
import { AmiFrameParser, encodeMessage, type AmiMessage } from '@switchboard/ami';

export interface AmiTestServerOptions {
  /** Event frames (exact text) sent after a successful login. */
  readonly loginEvents: readonly string[];
  /** A recorded QueueStatus reply; its ActionID is swapped for the asking client's. */
  readonly queueStatusList: { readonly actionId: string; readonly frames: readonly string[] };
}

/** One connection's writes, queued in order. */
interface Output {
  write(text: string): void;
  /** Written `ms` after everything queued before it. */
  later(ms: number, text: string): void;
  end(): void;
}

/** Login usernames that choose how `loginEvents` follow the login response. */
export const LOGIN_SAME_WRITE = 'same-write';
export const LOGIN_LATER_WRITE = 'later-write';

/**
 * A small AMI server on 127.0.0.1 (free port) for the client checks. It speaks just enough AMI:
 * banner, Login, Ping, Getvar, QueueStatus, Logoff. Writes to one connection are queued, so a
 * reply never overtakes frames scheduled before it: a Ping round trip then proves the client has
 * been given everything sent earlier.
 */
export class AmiTestServer {
  private readonly server = net.createServer((socket) => this.serve(socket));
  private readonly sockets = new Set<net.Socket>();

  constructor(private readonly options: AmiTestServerOptions) {}

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return address.port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    let queue = Promise.resolve();
    const out: Output = {
      later: (ms, text) => {
        const wait =
          ms > 0
            ? queue.then(() => new Promise<void>((resolve) => setTimeout(resolve, ms)))
            : queue;
        queue = wait.then(() => void socket.write(text));
      },
      write: (text) => out.later(0, text),
      end: () => {
        queue = queue.then(() => void socket.end());
      },
    };
    socket.write('Asterisk Call Manager/9.0.0\r\n');
    const parser = new AmiFrameParser({ expectBanner: false });
    socket.on('data', (chunk: Buffer) => {
      for (const frame of parser.push(chunk)) {
        if (frame.kind === 'message') this.answer(frame.message, out);
      }
    });
  }

  private answer(m: AmiMessage, { write, later, end }: Output): void {
    const actionId = m.get('ActionID');
    const id: Array<[string, string]> = actionId === undefined ? [] : [['ActionID', actionId]];
    switch ((m.get('Action') ?? '').toLowerCase()) {
      case 'login': {
        const reply = encodeMessage([
          ['Response', 'Success'],
          ...id,
          ['Message', 'Authentication accepted'],
        ]);
        const events = this.options.loginEvents.join('');
        // ONE write: the case of an Asterisk with events queued at login time.
        if (m.get('Username') === LOGIN_SAME_WRITE) write(reply + events);
        else if (m.get('Username') === LOGIN_LATER_WRITE) {
          write(reply);
          later(50, events);
        } else write(reply);
        return;
      }
      case 'ping':
        write(
          encodeMessage([
            ['Response', 'Success'],
            ...id,
            ['Ping', 'Pong'],
            ['Timestamp', (Date.now() / 1000).toFixed(6)],
          ]),
        );
        return;
      case 'getvar': {
        // A value that names the variable asked for: each action has its own answer.
        const variable = m.get('Variable') ?? '';
        write(
          encodeMessage([
            ['Response', 'Success'],
            ...id,
            ['Variable', variable],
            ['Value', `value of ${variable}`],
          ]),
        );
        return;
      }
      case 'queuestatus': {
        const { actionId: recorded, frames } = this.options.queueStatusList;
        write(
          frames
            .map((f) =>
              f.split(`ActionID: ${recorded}\r\n`).join(`ActionID: ${actionId ?? ''}\r\n`),
            )
            .join(''),
        );
        return;
      }
      case 'logoff':
        write(
          encodeMessage([['Response', 'Goodbye'], ...id, ['Message', 'Thanks for all the fish.']]),
        );
        end();
        return;
      default:
        write(
          encodeMessage([['Response', 'Error'], ...id, ['Message', 'Invalid/unknown command']]),
        );
    }
  }
}
