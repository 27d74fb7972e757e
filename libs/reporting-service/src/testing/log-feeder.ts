import { subjects } from '@switchboard/contracts';
import type { ExpectedRevision } from '@switchboard/event-store';
import { CHECKPOINTS } from '../projection/projection-input';
import type { StreamEntry } from '../recorded-stream/synthetic-stream';
import type { ReportingTestApp } from './reporting-test-app';

const pause = () => new Promise((r) => setTimeout(r, 20));

/**
 * Feeds recorded-stream entries into a reporting test app's two logs, as the services would write
 * them: PBX events published on the bus, agent events appended to their agent's stream. feed()
 * returns once the live projection has committed everything fed so far (its checkpoints say so).
 */
export class LogFeeder {
  private readonly revisions = new Map<string, ExpectedRevision>();
  private publishedSeq = 0;
  private agentPosition: bigint | undefined;

  constructor(private readonly t: ReportingTestApp) {}

  async feed(entries: Iterable<StreamEntry>): Promise<void> {
    for (const entry of entries) {
      if (entry.source === 'pbx') {
        const e = entry.event;
        await this.t.bus.publish(subjects.pbxEvent(e.metadata.pbxId, e.type), e, { msgId: `${e.metadata.connectionId}:${e.metadata.seq}` });
        this.publishedSeq++;
      } else {
        const stream = `agent-${entry.event.data.agentId}`;
        const r = await this.t.store.append(stream, [{ type: entry.event.type, data: entry.event.data, metadata: entry.event.metadata }], this.revisions.get(stream) ?? 'no_stream');
        this.revisions.set(stream, r.nextExpectedRevision);
        this.agentPosition = r.position;
      }
    }
    await this.caughtUp();
  }

  private async caughtUp(): Promise<void> {
    const live = this.t.projection;
    for (;;) {
      const pbx = Number((await live.checkpoint(CHECKPOINTS.pbxEvents)) ?? 0);
      const agent = await live.checkpoint(CHECKPOINTS.agentEvents);
      if (pbx >= this.publishedSeq && (this.agentPosition === undefined || (agent !== undefined && BigInt(agent) >= this.agentPosition))) return;
      await pause();
    }
  }
}
