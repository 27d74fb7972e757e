import { once } from 'node:events';
import net from 'node:net';
import { ActionCorrelator, AmiFrameParser, encodeMessage, type AmiMessage } from '@switchboard/ami';
import type { PbxActionReply } from '@switchboard/contracts';

/**
 * The smallest client over our AMI library, for the checks: AmiFrameParser + ActionCorrelator on
 * a socket, handling each read the way gateway-service's AmiConnection.onData does (every frame
 * of a read in order; a completed reply is settled before the next frame is looked at, so events
 * right behind the login response count as events of the logged-in session).
 */
export class OurAmiClient {
  /** Spontaneous events delivered after login (replies and list items are not events). */
  readonly events: AmiMessage[] = [];
  /** Socket reads, to show how the server's writes were cut. */
  reads = 0;
  /** Events that came in the same socket read as the login response, behind it. */
  eventsInLoginRead = 0;
  private readonly parser = new AmiFrameParser();
  private readonly correlator = new ActionCorrelator();
  private readonly waiting = new Map<string, (reply: PbxActionReply) => void>();
  private loggedIn = false;
  private counter = 0;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined);
  }

  static async login(port: number, username: string): Promise<OurAmiClient> {
    const socket = net.createConnection({ host: '127.0.0.1', port });
    await once(socket, 'connect');
    const client = new OurAmiClient(socket);
    const reply = await client.send(
      [
        ['Action', 'Login'],
        ['Username', username],
        ['Secret', 'bench'],
        ['Events', 'on'],
      ],
      (r) => (client.loggedIn = r.ok),
    );
    if (!reply.ok) throw new Error(`login refused: ${reply.message}`);
    return client;
  }

  /** Sends an action (first field: Action) with a fresh ActionID; resolves with its full reply. */
  action(
    fields: ReadonlyArray<readonly [string, string]>,
    asyncEvent?: string,
  ): Promise<PbxActionReply> {
    return this.send(fields, () => undefined, asyncEvent);
  }

  async close(): Promise<void> {
    const closed = once(this.socket, 'close');
    this.socket.destroy();
    await closed;
  }

  private send(
    fields: ReadonlyArray<readonly [string, string]>,
    onReply: (reply: PbxActionReply) => void,
    asyncEvent?: string,
  ): Promise<PbxActionReply> {
    // A counter, unique per connection: two actions in one tick never share an ActionID.
    const actionId = `bench-${++this.counter}`;
    this.correlator.register(actionId, asyncEvent ? { asyncEvent } : {});
    return new Promise((resolve) => {
      this.waiting.set(actionId, (reply) => {
        onReply(reply);
        resolve(reply);
      });
      const [first, ...rest] = fields;
      this.socket.write(
        encodeMessage([...(first ? [first] : []), ['ActionID', actionId], ...rest]),
      );
    });
  }

  private onData(chunk: Buffer): void {
    this.reads++;
    const loggedInBefore = this.loggedIn;
    for (const frame of this.parser.push(chunk)) {
      if (frame.kind !== 'message') continue;
      const outcome = this.correlator.accept(frame.message);
      if (outcome.completed) {
        const settle = this.waiting.get(outcome.completed.actionId);
        this.waiting.delete(outcome.completed.actionId);
        settle?.(outcome.completed.reply);
      }
      if (!outcome.consumed && frame.message.kind === 'event' && this.loggedIn) {
        this.events.push(frame.message);
        if (!loggedInBefore) this.eventsInLoginRead++;
      }
    }
  }
}
