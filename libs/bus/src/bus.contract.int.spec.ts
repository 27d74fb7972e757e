import { startNatsServer, uniqueName, type TestNatsServer } from '@switchboard/testing';
import { NatsBus } from './nats-bus';
import { describeBusContract } from './testing/bus-contract';

let server: TestNatsServer;

beforeAll(async () => {
  server = await startNatsServer();
});

afterAll(async () => {
  await server.stop();
});

describeBusContract('NATS JetStream (real nats-server)', async () => {
  const prefix = uniqueName('t');
  const streams = [{ name: prefix, subjects: [`${prefix}.>`], duplicateWindowMs: 60_000 }];
  const bus = await NatsBus.connect({ servers: server.url, name: 'contract-a', streams });
  const peer = await NatsBus.connect({ servers: server.url, name: 'contract-b', streams });
  return {
    bus,
    peer,
    prefix,
    cleanup: async () => {
      await bus.close();
      await peer.close();
    },
  };
});
