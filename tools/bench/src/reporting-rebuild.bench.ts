import { InMemoryEventStore, type ExpectedRevision } from '@switchboard/event-store';
import {
  batchesOf,
  CallReportProjection,
  openReportDb,
  ReportRebuilder,
  syntheticStream,
  type StreamEntry,
} from '@switchboard/reporting-service';
import type { BenchStore } from './reporting-stores';

export interface RebuildFigures {
  readonly store: string;
  readonly pbxEvents: number;
  readonly agentEvents: number;
  readonly rows: number;
  readonly seconds: number;
}

/**
 * Rebuild time: the stream is first projected as the live service would (which journals the
 * PBX events) with its agent events in an in-memory event store; then the rebuild replays both
 * into fresh tables and swaps them in. Only the rebuild is timed.
 */
export async function runRebuildBench(store: BenchStore, calls: number): Promise<RebuildFigures> {
  const db = await openReportDb(store.url);
  const events = new InMemoryEventStore();
  try {
    const live = new CallReportProjection(db);
    const revisions = new Map<string, ExpectedRevision>();
    const agentEntries: Array<Extract<StreamEntry, { source: 'agent' }>> = [];
    const stream = (function* () {
      for (const entry of syntheticStream({ calls, seed: 6 })) {
        if (entry.source === 'agent') agentEntries.push(entry);
        yield entry;
      }
    })();
    for (const batch of batchesOf(stream, 2000)) {
      await live.applyBatch(batch.inputs, []);
      for (const entry of agentEntries.splice(0)) {
        const name = `agent-${entry.event.data.agentId}`;
        const r = await events.append(name, [{ type: entry.event.type, data: entry.event.data, metadata: entry.event.metadata }], revisions.get(name) ?? 'no_stream');
        revisions.set(name, r.nextExpectedRevision);
      }
    }
    const rebuilder = new ReportRebuilder(db, events, live);
    const start = performance.now();
    const status = await rebuilder.run();
    const seconds = (performance.now() - start) / 1000;
    if (status.state !== 'done') throw new Error(`rebuild failed: ${status.error}`);
    return { store: store.name, pbxEvents: status.pbxEventsApplied, agentEvents: status.agentEventsApplied, rows: status.rows ?? 0, seconds };
  } finally {
    await events.close();
    await db.destroy();
  }
}
