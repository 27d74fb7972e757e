import { NatsBus } from '@switchboard/bus';
import { jetStreamTopology } from '@switchboard/platform';
import { startNatsServer, type TestNatsServer } from '@switchboard/testing';

/**
 * A private nats-server for a describe block (the PBX_EVENTS stream is the tests' own), started
 * before all its tests and stopped after; `connect()` opens one replica's bus on it.
 */
export function usePrivateNats(name = 'session-harness'): { connect: () => Promise<NatsBus> } {
  let server: TestNatsServer | undefined;
  beforeAll(async () => {
    server = await startNatsServer({ private: true });
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    connect: () => {
      if (!server) throw new Error('the private nats-server is not started yet');
      return NatsBus.connect({ servers: server.url, name, streams: jetStreamTopology });
    },
  };
}
