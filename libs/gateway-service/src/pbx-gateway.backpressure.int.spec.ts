import path from 'node:path';
import { AmiReplayServer, loadCapture, type ReplayFrame } from '@switchboard/ami-replay';
import { InProcessBus, type PublishOptions } from '@switchboard/bus';
import { subjects, type PbxEvent } from '@switchboard/contracts';
import { BACKLOG_HIGH, PbxGateway } from './pbx-gateway';

const CAPTURES = process.env['AMI_CAPTURES_DIR'] ?? path.resolve(__dirname, '../../../../shared/ami-captures');

/** The in-process bus, except that publishes wait while the gate is shut: a NATS that is slow or away. */
class GatedBus extends InProcessBus {
  private openGate: () => void = () => undefined;
  private gate: Promise<void> | null = null;

  shut(): void {
    this.gate = new Promise((open) => (this.openGate = open));
  }

  override async publish(subject: string, data: unknown, options: PublishOptions): Promise<void> {
    if (this.gate) await this.gate;
    return super.publish(subject, data, options);
  }

  release(): void {
    this.gate = null;
    this.openGate();
  }
}

/**
 * Backpressure: while JetStream does not store, the gateway stops reading the PBX socket once
 * BACKLOG_HIGH events wait (TCP flow control then holds the rest in Asterisk), instead of reading
 * everything into memory; when publishing resumes, every event is published, in AMI order.
 */
describe('PbxGateway under a bus that does not keep up', () => {
  it('stops reading above its backlog bound and loses nothing when the bus comes back', async () => {
    const capture = loadCapture(path.join(CAPTURES, 'queue-call-answered.jsonl'));
    const frames: ReplayFrame[] = Array.from({ length: Math.ceil(20_000 / capture.length) }, () => capture).flat();
    const server = new AmiReplayServer({ frames, speed: 'max' });
    const { port } = await server.start();
    const bus = new GatedBus();
    bus.shut();
    const published: PbxEvent[] = [];
    await bus.consume<PbxEvent>({ durable: 'bp', filterSubject: subjects.pbxEventsOf('pbx1'), handler: async (m) => void published.push(m.data) });
    const gateway = new PbxGateway({ pbxId: 'pbx1', host: '127.0.0.1', port, username: 'gw', secret: 'x' }, bus, {
      actionTimeoutMs: 2000,
      snapshotDelayMs: 60_000,
    });
    await gateway.start();
    try {
      let peak = 0;
      const sampleUntil = Date.now() + 1500;
      while (Date.now() < sampleUntil) {
        peak = Math.max(peak, gateway.backlog);
        await new Promise((r) => setTimeout(r, 5));
      }
      // Reading stops within one socket read past the bound (a 64 KiB read is a few hundred
      // events); without the pause the whole 20,000 would be waiting.
      expect(peak).toBeGreaterThan(BACKLOG_HIGH);
      expect(peak).toBeLessThan(BACKLOG_HIGH + 2_000);
      expect(published).toEqual([]);

      bus.release();
      const deadline = Date.now() + 20_000;
      const recorded = () => published.filter((e) => e.type !== 'AmiConnected' && e.type !== 'QueueStatusSnapshot').length;
      while (recorded() < frames.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(recorded()).toBe(frames.length);
      const seqs = published.map((e) => e.metadata.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    } finally {
      bus.release(); // a failed expectation above must not leave stop() waiting for the gate
      await gateway.stop();
      await server.stop();
      await bus.close();
    }
  }, 40_000);
});
