// A minimal AMI client for the simulator's specs: a real TCP socket, frames parsed by
// @switchboard/ami, and helpers to wait for responses and events. Test-only; not exported.

import { connect, type Socket } from 'node:net';
import type { AmiMessage } from '@switchboard/ami';
import { AmiFrameParser, encodeMessage } from '@switchboard/ami';

type Predicate = (m: AmiMessage) => boolean;

interface Waiter {
  readonly predicate: Predicate;
  readonly from: number;
  readonly resolve: (m: AmiMessage) => void;
}

export class AmiTestClient {
  /** Every message received, in order. */
  readonly messages: AmiMessage[] = [];
  /** Every byte received, as text. */
  raw = '';
  banner: string | undefined;
  readonly closed: Promise<void>;
  private readonly parser = new AmiFrameParser();
  private waiters: Waiter[] = [];
  private nextId = 1;
  private isClosed = false;

  private constructor(private readonly socket: Socket) {
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.isClosed = true;
        resolve();
      }),
    );
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      this.raw += chunk.toString('utf8');
      for (const frame of this.parser.push(chunk)) {
        if (frame.kind === 'banner') this.banner = frame.text;
        if (frame.kind !== 'message') continue;
        this.messages.push(frame.message);
        const index = this.messages.length - 1;
        const pending = this.waiters;
        this.waiters = [];
        for (const w of pending) {
          if (index >= w.from && w.predicate(frame.message)) w.resolve(frame.message);
          else this.waiters.push(w);
        }
      }
    });
  }

  static connect(port: number, host = '127.0.0.1'): Promise<AmiTestClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host, () => resolve(new AmiTestClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Connect and log in (ActionID login-1); waits for the Response. */
  static async login(
    port: number,
    options: { username?: string; secret?: string; events?: string } = {},
  ): Promise<AmiTestClient> {
    const client = await AmiTestClient.connect(port);
    const response = await client.action('Login', [
      ['Username', options.username ?? 'gateway'],
      ['Secret', options.secret ?? 'gateway-secret'],
      ['Events', options.events ?? 'on'],
    ]);
    if (response.get('Response') !== 'Success') throw new Error('login failed');
    if ((options.events ?? 'on') !== 'off') {
      await client.waitFor((m) => m.get('Event') === 'SuccessfulAuth');
    }
    return client;
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  /** Index of the next message; pass as `from` to wait only for what comes later. */
  mark(): number {
    return this.messages.length;
  }

  sendRaw(text: string): void {
    this.socket.write(text);
  }

  send(fields: Array<[string, string]>): void {
    this.socket.write(encodeMessage(fields));
  }

  /** Send an action with a fresh ActionID and resolve with its Response. */
  action(
    name: string,
    headers: Array<[string, string]> = [],
    actionId?: string,
  ): Promise<AmiMessage> {
    const id = actionId ?? `t-${this.nextId++}`;
    const from = this.mark();
    const response = this.waitFor((m) => m.kind === 'response' && m.get('ActionID') === id, {
      from,
    });
    this.send([['Action', name], ['ActionID', id], ...headers]);
    return response;
  }

  /** Send a list action and collect everything up to its `...Complete` event. */
  async list(
    name: string,
    headers: Array<[string, string]> = [],
  ): Promise<{ response: AmiMessage; items: AmiMessage[]; complete: AmiMessage }> {
    const id = `t-${this.nextId++}`;
    const from = this.mark();
    const complete = this.waitFor(
      (m) => m.get('ActionID') === id && m.get('EventList') === 'Complete',
      { from },
    );
    this.send([['Action', name], ['ActionID', id], ...headers]);
    const done = await complete;
    const mine = this.messages.slice(from).filter((m) => m.get('ActionID') === id);
    const response = mine.find((m) => m.kind === 'response');
    if (!response) throw new Error(`no response to ${name}`);
    return { response, items: mine.filter((m) => m !== response && m !== done), complete: done };
  }

  waitFor(
    predicate: Predicate,
    options: { from?: number; timeoutMs?: number } = {},
  ): Promise<AmiMessage> {
    const from = options.from ?? 0;
    const existing = this.messages.slice(from).find(predicate);
    if (existing) return Promise.resolve(existing);
    const timeoutMs = options.timeoutMs ?? 3000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for an AMI message`));
      }, timeoutMs);
      const waiter: Waiter = {
        predicate,
        from,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Wait for an event by name whose headers include `match`. */
  waitForEvent(
    name: string,
    match: Record<string, string> = {},
    options: { from?: number; timeoutMs?: number } = {},
  ): Promise<AmiMessage> {
    return this.waitFor(
      (m) =>
        m.get('Event') === name &&
        Object.entries(match).every(([k, v]) => m.get(k) === v) &&
        m.get('ActionID') === undefined,
      options,
    );
  }

  /** Events (not list items) received since `from`, optionally by name. */
  events(from = 0, name?: string): AmiMessage[] {
    return this.messages
      .slice(from)
      .filter((m) => m.kind === 'event' && (!name || m.get('Event') === name));
  }

  async close(): Promise<void> {
    if (!this.isClosed) this.socket.destroy();
    await this.closed;
  }
}

/** Header names of a message, in order. */
export function headerNames(m: AmiMessage): string[] {
  return m.fields.map(([k]) => k);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
