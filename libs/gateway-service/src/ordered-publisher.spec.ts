import { InProcessBus, type Bus } from '@switchboard/bus';
import { OrderedPublisher } from './ordered-publisher';

/** The in-process bus, with publishes that fail while `down` is set (NATS unreachable). */
class FlakyBus extends InProcessBus {
  down = false;
  attempts = 0;
  override async publish(subject: string, data: unknown, options: { msgId: string }): Promise<void> {
    this.attempts++;
    if (this.down) throw new Error('nats: timeout');
    return super.publish(subject, data, options);
  }
}

async function collect(bus: Bus): Promise<number[]> {
  const got: number[] = [];
  await bus.consume<{ i: number }>({ durable: 'c', filterSubject: 'pbx.>', handler: async (m) => void got.push(m.data.i) });
  return got;
}

describe('OrderedPublisher', () => {
  it('publishes everything in order', async () => {
    const bus = new InProcessBus();
    const got = await collect(bus);
    const publisher = new OrderedPublisher(bus, () => undefined, 1, 16);
    for (let i = 0; i < 1000; i++) publisher.enqueue('pbx.p.event.X', { i }, `m${i}`);
    await publisher.drained();
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([...Array(1000).keys()]);
    expect(publisher.published).toBe(1000);
    await bus.close();
  });

  it('loses nothing and duplicates nothing while the bus is away, and keeps the order', async () => {
    const bus = new FlakyBus();
    const got = await collect(bus);
    const errors: number[] = [];
    const publisher = new OrderedPublisher(bus, (_e, attempt) => errors.push(attempt), 5, 8);
    for (let i = 0; i < 20; i++) publisher.enqueue('pbx.p.event.X', { i }, `m${i}`);
    bus.down = true;
    for (let i = 20; i < 40; i++) publisher.enqueue('pbx.p.event.X', { i }, `m${i}`);
    await new Promise((r) => setTimeout(r, 40));
    expect(publisher.backlog).toBeGreaterThan(0);
    bus.down = false;
    await publisher.drained();
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([...Array(40).keys()]);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toBe(1);
    await bus.close();
  });
});
