import net from 'node:net';
import { freePort, uniqueName } from './free-port';
import { startNatsServer } from './nats-server';

function connectable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

describe('test helpers', () => {
  it('starts a nats-server that accepts connections, and stops it', async () => {
    const server = await startNatsServer();
    expect(await connectable(server.url)).toBe(true);
    await server.stop();
    if (!process.env['NATS_URL']) expect(await connectable(server.url)).toBe(false);
  });

  it('restarts a private server on the same port', async () => {
    const server = await startNatsServer({ private: true });
    try {
      await server.restart();
      expect(await connectable(server.url)).toBe(true);
    } finally {
      await server.stop();
    }
    expect(await connectable(server.url)).toBe(false);
  });

  it('hands out free ports and unique names', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(uniqueName('s')).not.toBe(uniqueName('s'));
  });
});
