import net from 'node:net';
import { AmiConnection } from './ami-connection';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** An AMI server that logs the client in and then never answers: a hung PBX. */
async function silentPbx(): Promise<{ port: number; close(): Promise<void>; received: string[] }> {
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.write('Asterisk Call Manager/9.0.0\r\n');
    socket.on('data', (chunk) => {
      const text = chunk.toString();
      received.push(text);
      const id = /ActionID: (\S+)/.exec(text)?.[1];
      if (/Action: Login/.test(text)) socket.write(`Response: Success\r\nActionID: ${id}\r\nMessage: Authentication accepted\r\n\r\n`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('AmiConnection', () => {
  it('answers an action Asterisk never replies to with a timeout, and stays connected', async () => {
    const pbx = await silentPbx();
    let connected = false;
    const connection = new AmiConnection(
      { pbxId: 'pbx1', host: '127.0.0.1', port: pbx.port, username: 'gw', secret: 's3cret' },
      { onEvent: () => undefined, onConnected: () => (connected = true), onDisconnected: () => undefined },
      { actionTimeoutMs: 200, reconnectMinMs: 50, reconnectMaxMs: 100, logger: quiet },
    );
    connection.start();
    const deadline = Date.now() + 3000;
    while (!connected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const reply = await connection.send({ action: 'Ping' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(connection.connected).toBe(true);
    await connection.stop();
    await pbx.close();
  });

  it('replies not_connected at once when there is no AMI session', async () => {
    const connection = new AmiConnection(
      { pbxId: 'pbx1', host: '127.0.0.1', port: 9, username: 'gw', secret: 's' },
      { onEvent: () => undefined, onConnected: () => undefined, onDisconnected: () => undefined },
      { actionTimeoutMs: 200, reconnectMinMs: 50, reconnectMaxMs: 100, logger: quiet },
    );
    expect(await connection.send({ action: 'Ping' })).toMatchObject({ ok: false, error: { code: 'not_connected' } });
  });
});
