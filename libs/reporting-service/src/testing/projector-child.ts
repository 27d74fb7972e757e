import fs from 'node:fs';
import { CallReportProjection } from '../projection/call-report.projection';
import { CHECKPOINTS, type ProjectionInput } from '../projection/projection-input';
import { syntheticStream } from '../recorded-stream/synthetic-stream';
import { checkpointOf, inputOf } from '../recorded-stream/projection-inputs';
import { openReportDb } from '../store/open-report-db';

/**
 * The projection as a process of its own, over a recorded stream, for the kill test
 * (call-report.kill.int.spec.ts). The two logs resume as in the service:
 * - agent events from the checkpoint committed with the rows (the event-store follower);
 * - PBX events from an ack file written only after the commit, like JetStream's ack: a kill
 *   between the two redelivers the batch, which must change nothing.
 * Prints "batch" after each ack and "done" at the end.
 * Arguments: <databaseUrl> <ackFile> <calls> <seed> <batchSize>
 */
async function main(): Promise<void> {
  const [url = '', ackFile = '', calls = '0', seed = '1', batchSize = '50'] = process.argv.slice(2);
  const db = await openReportDb(url);
  const projection = new CallReportProjection(db);
  const agentFrom = Number((await projection.checkpoint(CHECKPOINTS.agentEvents)) ?? 0);
  const ackedSeq = fs.existsSync(ackFile) ? Number(fs.readFileSync(ackFile, 'utf8')) : 0;
  const size = Number(batchSize);

  let inputs: ProjectionInput[] = [];
  let lastPbx = ackedSeq;
  let agentCheckpoint: ReturnType<typeof checkpointOf> | undefined;
  const commit = async () => {
    await projection.applyBatch(inputs, agentCheckpoint ? [agentCheckpoint] : []);
    // The ack, after the commit (a rename is atomic: the file never holds half a number).
    fs.writeFileSync(`${ackFile}.tmp`, String(lastPbx));
    fs.renameSync(`${ackFile}.tmp`, ackFile);
    process.stdout.write('batch\n');
    inputs = [];
    agentCheckpoint = undefined;
  };
  for (const entry of syntheticStream({ calls: Number(calls), seed: Number(seed) })) {
    if (entry.source === 'pbx') {
      if (entry.seq <= ackedSeq) continue;
      lastPbx = entry.seq;
    } else {
      if (entry.position <= agentFrom) continue;
      agentCheckpoint = checkpointOf(entry);
    }
    inputs.push(inputOf(entry));
    if (inputs.length >= size) await commit();
  }
  if (inputs.length > 0) await commit();
  await db.destroy();
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
