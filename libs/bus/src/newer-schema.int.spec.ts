import { startNatsServer, uniqueName, type TestNatsServer } from '@switchboard/testing';
import { connect } from 'nats';
import type { DeliveredMessage } from './bus.port';
import type { BusLogger } from './bus-logger';
import { NatsBus } from './nats-bus';
import type { NewerSchemaMessage } from './newer-schema';
import { waitFor } from './testing/wait-for';

/**
 * A rolling upgrade on a real nats-server: an old and a new release share one durable consumer, and
 * a message of the new schema version reaches the new release, whichever replica JetStream gives it
 * to first. Nothing is terminated.
 */

interface Envelope {
  readonly type: string;
  readonly data: { readonly caller: string };
  readonly metadata: { readonly schemaVersion: number };
}

const event = (schemaVersion: number, caller: string): Envelope => ({
  type: 'CallStarted',
  data: { caller },
  metadata: { schemaVersion },
});

function release(server: TestNatsServer, stream: string, schemaVersion: number) {
  const lines: string[] = [];
  const logger: BusLogger = { warn: (m) => void lines.push(m), error: (m) => void lines.push(m) };
  const handedBack: NewerSchemaMessage[] = [];
  const handled: DeliveredMessage<Envelope>[] = [];
  const poison: unknown[] = [];
  const connecting = NatsBus.connect({
    servers: server.url,
    name: `release-v${schemaVersion}`,
    streams: [{ name: stream, subjects: [`${stream}.>`], schemaVersion }],
    logger,
    // Short, so the message goes round a few times in the test.
    newerSchemaRetryMs: 100,
    onNewerSchema: (m) => void handedBack.push(m),
  });
  return {
    lines,
    handedBack,
    handled,
    poison,
    connecting,
    consume: async (bus: NatsBus) =>
      bus.consume<Envelope>({
        durable: 'shared',
        filterSubject: `${stream}.>`,
        handler: async (m) => void handled.push(m),
        onPoison: (m) => void poison.push(m),
      }),
  };
}

describe('a message of a newer schema version than the reader knows', () => {
  let server: TestNatsServer;

  beforeAll(async () => {
    server = await startNatsServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('is handed back by the old release and handled by the new one sharing the durable; nothing is terminated', async () => {
    const stream = uniqueName('upgrade');
    const v1 = release(server, stream, 1);
    const v2 = release(server, stream, 2);
    const oldBus = await v1.connecting;
    const newBus = await v2.connecting;
    try {
      // The old release alone at first: it is certain to meet the new message.
      await v1.consume(oldBus);
      await oldBus.publish(`${stream}.call`, event(2, '+15550100'), { msgId: 'new' });
      await oldBus.publish(`${stream}.call`, event(1, '+15550101'), { msgId: 'old' });
      await waitFor(() => v1.handedBack.length >= 3, 'the old release to hand the new message back three times');
      await waitFor(() => v1.handled.length === 1, 'the old release to handle the message it can read');
      expect(v1.handled[0]?.data).toEqual(event(1, '+15550101'));

      // The new release joins the durable (its first replica of a rolling update).
      await v2.consume(newBus);
      await waitFor(() => v2.handled.length === 1, 'the new release to handle the new message');
      const taken = v2.handled[0];
      expect(taken?.data).toEqual(event(2, '+15550100'));
      // Delivered before (to the old release), not terminated: the same message, handed over.
      expect(taken?.deliveryCount).toBeGreaterThan(1);

      expect(v1.handled.map((m) => m.data.metadata.schemaVersion)).toEqual([1]);
      expect(v1.poison).toEqual([]);
      expect(v2.poison).toEqual([]);
      expect(v2.handedBack).toEqual([]);
      for (const m of v1.handedBack) {
        expect(m).toEqual({
          durable: 'shared',
          stream,
          subject: `${stream}.call`,
          seq: taken?.seq,
          type: 'CallStarted',
          schemaVersion: 2,
          knownVersion: 1,
        });
      }
      // Logged once for the type and version, however often it came back; never the payload.
      expect(v1.lines).toHaveLength(1);
      expect(v1.lines[0]).toMatch(/consumer shared: CallStarted of schema version 2 on stream .* newer than this release reads \(1\)/);
      expect(v1.lines.join('\n')).not.toContain('+1555');

      // The durable holds nothing any more: every message acknowledged, none waiting.
      const nc = await connect({ servers: server.url });
      try {
        await waitFor(async () => {
          const info = await (await nc.jetstreamManager()).consumers.info(stream, 'shared');
          return info.num_pending === 0 && info.num_ack_pending === 0;
        }, 'the durable to be empty');
      } finally {
        await nc.close();
      }
    } finally {
      await oldBus.close();
      await newBus.close();
    }
  }, 30_000);

  it('of the same or an older version, or not an envelope, goes to the handler as before', async () => {
    const stream = uniqueName('same');
    const v2 = release(server, stream, 2);
    const bus = await v2.connecting;
    try {
      await v2.consume(bus);
      await bus.publish(`${stream}.call`, event(2, 'a'), { msgId: 'same' });
      await bus.publish(`${stream}.call`, event(1, 'b'), { msgId: 'older' });
      await bus.publish(`${stream}.call`, { no: 'envelope' }, { msgId: 'plain' });
      await waitFor(() => v2.handled.length === 3, 'three messages handled');
      expect(v2.handedBack).toEqual([]);
    } finally {
      await bus.close();
    }
  });
});
