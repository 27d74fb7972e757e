import { NoRespondersError, TransientError, type Bus, type DeliveredMessage } from '../bus.port';
import { waitFor } from './wait-for';

export interface BusFixture {
  readonly bus: Bus;
  /** A second connection to the same bus (another replica); the same object in-process. */
  readonly peer: Bus;
  /** A subject prefix unique to this test; the fixture's durable stream holds `<prefix>.>`. */
  readonly prefix: string;
  cleanup(): Promise<void>;
}


let durableCounter = 0;
const durable = (name: string) => `${name}-${process.pid}-${++durableCounter}`;

/** The behaviour both bus adapters must have; run against the in-process bus and real NATS. */
export function describeBusContract(name: string, factory: () => Promise<BusFixture>): void {
  describe(`bus contract: ${name}`, () => {
    let f: BusFixture;

    beforeEach(async () => {
      f = await factory();
    });

    afterEach(async () => {
      await f?.cleanup();
    });

    it('delivers durable messages in publish order, to a consumer that starts later too', async () => {
      for (let i = 0; i < 20; i++) await f.bus.publish(`${f.prefix}.ev.A`, { i }, { msgId: `m-${i}` });
      const got: number[] = [];
      const c = await f.bus.consume<{ i: number }>({
        durable: durable('order'),
        filterSubject: `${f.prefix}.ev.>`,
        handler: async (m) => void got.push(m.data.i),
      });
      await waitFor(() => got.length === 20, '20 messages');
      expect(got).toEqual([...Array(20).keys()]);
      await c.stop();
    });

    it('filters by subject with wildcards', async () => {
      const got: string[] = [];
      const c = await f.bus.consume({ durable: durable('filter'), filterSubject: `${f.prefix}.f.*.Wanted`, handler: async (m) => void got.push(m.subject) });
      await f.bus.publish(`${f.prefix}.f.p1.Wanted`, {}, { msgId: 'w1' });
      await f.bus.publish(`${f.prefix}.f.p1.Other`, {}, { msgId: 'o1' });
      await f.bus.publish(`${f.prefix}.f.p2.Wanted`, {}, { msgId: 'w2' });
      await waitFor(() => got.length === 2, 'the two wanted messages');
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toEqual([`${f.prefix}.f.p1.Wanted`, `${f.prefix}.f.p2.Wanted`]);
      await c.stop();
    });

    it('drops a second publish with the same message id', async () => {
      const got: unknown[] = [];
      const c = await f.bus.consume({ durable: durable('dedup'), filterSubject: `${f.prefix}.ev.>`, handler: async (m) => void got.push(m.data) });
      await f.bus.publish(`${f.prefix}.ev.X`, { n: 1 }, { msgId: 'same' });
      await f.bus.publish(`${f.prefix}.ev.X`, { n: 1 }, { msgId: 'same' });
      await f.bus.publish(`${f.prefix}.ev.X`, { n: 2 }, { msgId: 'other' });
      await waitFor(() => got.length === 2, 'two distinct messages');
      await new Promise((r) => setTimeout(r, 150));
      expect(got).toEqual([{ n: 1 }, { n: 2 }]);
      await c.stop();
    });

    it('shares one durable between replicas: each message handled once in total', async () => {
      const name = durable('shared');
      const seen: number[] = [];
      const handler = async (m: DeliveredMessage<{ i: number }>) => void seen.push(m.data.i);
      const a = await f.bus.consume({ durable: name, filterSubject: `${f.prefix}.ev.>`, handler });
      const b = await f.peer.consume({ durable: name, filterSubject: `${f.prefix}.ev.>`, handler });
      for (let i = 0; i < 200; i++) await f.bus.publish(`${f.prefix}.ev.S`, { i }, { msgId: `s-${i}` });
      await waitFor(() => seen.length >= 200, '200 messages');
      await new Promise((r) => setTimeout(r, 150));
      expect([...seen].sort((x, y) => x - y)).toEqual([...Array(200).keys()]);
      await a.stop();
      await b.stop();
    });

    it('redelivers after a TransientError, and terminates poison while the next message still flows', async () => {
      const attempts = new Map<number, number>();
      const done: number[] = [];
      const poison: unknown[] = [];
      const c = await f.bus.consume<{ i: number }>({
        durable: durable('retry'),
        filterSubject: `${f.prefix}.ev.>`,
        handler: async (m) => {
          const n = (attempts.get(m.data.i) ?? 0) + 1;
          attempts.set(m.data.i, n);
          if (m.data.i === 1 && n < 3) throw new TransientError('not yet', 20);
          if (m.data.i === 2) throw new Error('poison');
          done.push(m.data.i);
          expect(m.deliveryCount).toBe(n);
        },
        onPoison: (m) => poison.push(m.data),
      });
      for (const i of [1, 2, 3]) await f.bus.publish(`${f.prefix}.ev.R`, { i }, { msgId: `r-${i}` });
      await waitFor(() => done.includes(1) && done.includes(3), 'messages 1 and 3');
      expect(attempts.get(1)).toBe(3);
      expect(attempts.get(2)).toBe(1);
      expect(poison).toEqual([{ i: 2 }]);
      await c.stop();
    });

    it('resumes a stopped durable where it left off', async () => {
      const name = durable('resume');
      const got: number[] = [];
      const handler = async (m: DeliveredMessage<{ i: number }>) => void got.push(m.data.i);
      const first = await f.bus.consume({ durable: name, filterSubject: `${f.prefix}.ev.>`, handler });
      for (let i = 0; i < 5; i++) await f.bus.publish(`${f.prefix}.ev.U`, { i }, { msgId: `u-${i}` });
      await waitFor(() => got.length === 5, 'first five');
      await first.stop();
      for (let i = 5; i < 10; i++) await f.bus.publish(`${f.prefix}.ev.U`, { i }, { msgId: `u-${i}` });
      const second = await f.bus.consume({ durable: name, filterSubject: `${f.prefix}.ev.>`, handler });
      await waitFor(() => got.length === 10, 'the other five');
      expect(got).toEqual([...Array(10).keys()]);
      await second.stop();
    });

    // Request subjects sit outside the durable stream: JetStream would otherwise ack them itself.
    it('answers requests, and fails fast when nobody serves the subject', async () => {
      const responder = await f.peer.respond<{ x: number }, { y: number }>(`rpc.${f.prefix}`, async (req) => ({ y: req.x * 2 }));
      await expect(f.bus.request(`rpc.${f.prefix}`, { x: 21 }, 2000)).resolves.toEqual({ y: 42 });
      await responder.stop();
      const started = Date.now();
      await expect(f.bus.request(`nobody.${f.prefix}`, {}, 5000)).rejects.toBeInstanceOf(NoRespondersError);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('moves 10,000 messages with no loss and no duplicate', async () => {
      const seen = new Set<number>();
      let dups = 0;
      const c = await f.bus.consume<{ i: number }>({
        durable: durable('bulk'),
        filterSubject: `${f.prefix}.ev.>`,
        handler: async (m) => {
          if (seen.has(m.data.i)) dups++;
          seen.add(m.data.i);
        },
      });
      await Promise.all(Array.from({ length: 10_000 }, (_, i) => f.bus.publish(`${f.prefix}.ev.B`, { i }, { msgId: `b-${i}` })));
      await waitFor(() => seen.size === 10_000, '10,000 messages', 30_000);
      expect(dups).toBe(0);
      await c.stop();
    });

    it('hands a backlog over in batches of at most maxBatch, in order, each message once', async () => {
      for (let i = 0; i < 50; i++) await f.bus.publish(`${f.prefix}.ev.K`, { i }, { msgId: `k-${i}` });
      const batches: number[][] = [];
      const c = await f.bus.consumeBatch<{ i: number }>({
        durable: durable('batch'),
        filterSubject: `${f.prefix}.ev.>`,
        maxBatch: 8,
        handler: async (messages) => void batches.push(messages.map((m) => m.data.i)),
      });
      await waitFor(() => batches.flat().length >= 50, '50 messages');
      await new Promise((r) => setTimeout(r, 100));
      expect(batches.flat()).toEqual([...Array(50).keys()]);
      expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(8);
      // Pulled together, handled together: not one call per message.
      expect(batches.length).toBeLessThan(50);
      await c.stop();
    });

    it('does not hold a lone message back to fill a batch', async () => {
      const got: number[] = [];
      const c = await f.bus.consumeBatch<{ i: number }>({
        durable: durable('lone'),
        filterSubject: `${f.prefix}.ev.>`,
        maxBatch: 100,
        handler: async (messages) => void got.push(...messages.map((m) => m.data.i)),
      });
      await f.bus.publish(`${f.prefix}.ev.L`, { i: 1 }, { msgId: 'l-1' });
      await waitFor(() => got.length === 1, 'the one message', 2000);
      await c.stop();
    });

    it('redelivers a whole batch after a TransientError; once it succeeds, each message was handled once', async () => {
      for (let i = 0; i < 20; i++) await f.bus.publish(`${f.prefix}.ev.T`, { i }, { msgId: `t-${i}` });
      let calls = 0;
      const failed: number[] = [];
      const handled: number[] = [];
      const c = await f.bus.consumeBatch<{ i: number }>({
        durable: durable('batch-retry'),
        filterSubject: `${f.prefix}.ev.>`,
        maxBatch: 20,
        handler: async (messages) => {
          if (++calls === 1) {
            failed.push(...messages.map((m) => m.data.i));
            throw new TransientError('database away', 20);
          }
          handled.push(...messages.map((m) => m.data.i));
        },
      });
      await waitFor(() => handled.length >= 20, 'every message after the retry');
      await new Promise((r) => setTimeout(r, 150));
      expect(failed.length).toBeGreaterThan(0);
      expect([...handled].sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
      await c.stop();
    });

    it('splits a batch that fails: only the message at fault is poison, the others are handled once', async () => {
      for (let i = 0; i < 12; i++) await f.bus.publish(`${f.prefix}.ev.P`, { i }, { msgId: `p-${i}` });
      const handled: number[] = [];
      const sizes: number[] = [];
      const poison: unknown[] = [];
      const c = await f.bus.consumeBatch<{ i: number }>({
        durable: durable('batch-poison'),
        filterSubject: `${f.prefix}.ev.>`,
        maxBatch: 12,
        handler: async (messages) => {
          sizes.push(messages.length);
          // All or nothing, as a transaction: a batch holding the bad message changes nothing.
          if (messages.some((m) => m.data.i === 5)) throw new Error('cannot apply 5');
          handled.push(...messages.map((m) => m.data.i));
        },
        onPoison: (m) => poison.push(m.data),
      });
      await waitFor(() => handled.length >= 11 && poison.length === 1, 'the 11 good messages and the poison one');
      await new Promise((r) => setTimeout(r, 150));
      expect([...handled].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11]);
      expect(poison).toEqual([{ i: 5 }]);
      expect(sizes.some((n) => n > 1)).toBe(true);
      await c.stop();
    });
  });
}
