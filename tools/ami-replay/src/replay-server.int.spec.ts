import net from 'node:net';
import path from 'node:path';
import { AmiFrameParser, encodeLogin, type AmiMessage } from '@switchboard/ami';
import { loadCapture } from './load-capture';
import { AmiReplayServer } from './replay-server';

const CAPTURES = process.env['AMI_CAPTURES_DIR'] ?? path.resolve(__dirname, '../../../../shared/ami-captures');

/** Logs in over real TCP and collects the events until `count` arrived. */
async function receive(port: number, count: number, secret = 'x'): Promise<{ events: AmiMessage[]; login: AmiMessage }> {
  const socket = net.connect(port, '127.0.0.1');
  const parser = new AmiFrameParser();
  const events: AmiMessage[] = [];
  let login: AmiMessage | undefined;
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('close', () => (login ? resolve() : reject(new Error('closed before login'))));
    socket.on('data', (chunk) => {
      for (const f of parser.push(chunk)) {
        if (f.kind === 'banner') socket.write(encodeLogin('gw', secret, 'l1'));
        if (f.kind !== 'message') continue;
        if (f.message.kind === 'response' && f.message.actionId === 'l1') login = f.message;
        if (f.message.kind === 'event') events.push(f.message);
      }
      if (events.length >= count) resolve();
    });
  });
  socket.destroy();
  return { events, login: login as AmiMessage };
}

describe('ami-replay', () => {
  it.each([false, true])('serves every event of a .jsonl capture in recorded order (one chunk: %s)', async (oneChunk) => {
    const frames = loadCapture(path.join(CAPTURES, 'queue-call-answered.jsonl'));
    expect(frames.length).toBeGreaterThan(200);
    const server = new AmiReplayServer({ frames, speed: 'max', oneChunk });
    const { port } = await server.start();
    const { events, login } = await receive(port, frames.length);
    await server.stop();
    expect(login.get('Message')).toBe('Authentication accepted');
    expect(events.map((e) => e.fields)).toEqual(frames.map((f) => new AmiFrameParser({ expectBanner: false }).push(f.raw).flatMap((x) => (x.kind === 'message' ? [x.message.fields] : []))[0]));
  });

  it('reads raw .ami captures too, events only', async () => {
    const frames = loadCapture(path.join(CAPTURES, 'pause-unpause.ami'));
    expect(frames.length).toBe(49);
    expect(frames.every((f) => f.raw.startsWith('Event: ') && f.raw.endsWith('\r\n\r\n'))).toBe(true);
  });

  it('streams at recorded speed to the last event, then reports done', async () => {
    const frames = loadCapture(path.join(CAPTURES, 'login-and-banner.jsonl'));
    const server = new AmiReplayServer({ frames, speed: 1 });
    const { port } = await server.start();
    const { events } = await receive(port, frames.length);
    await server.done;
    await server.stop();
    expect(events.map((e) => e.get('Event'))).toEqual(['FullyBooted', 'SuccessfulAuth']);
    expect(server.sent).toBe(frames.length);
  });

  it('refuses a wrong secret and closes the socket, as Asterisk does', async () => {
    const server = new AmiReplayServer({ frames: [], secret: 'right' });
    const { port } = await server.start();
    const { login } = await receive(port, 1, 'wrong');
    await server.stop();
    expect(login.get('Message')).toBe('Authentication failed');
  });
});
