import type { Checkpoint, ProjectionInput } from '../projection/projection-input';
import { CHECKPOINTS } from '../projection/projection-input';
import type { StreamEntry } from './synthetic-stream';

/** A recorded entry as the projection takes it. */
export function inputOf(entry: StreamEntry): ProjectionInput {
  return entry.source === 'pbx' ? { source: 'pbx', event: entry.event } : { source: 'agent', event: entry.event };
}

/** The checkpoint an entry moves its log to. */
export function checkpointOf(entry: StreamEntry): Checkpoint {
  return entry.source === 'pbx'
    ? { name: CHECKPOINTS.pbxEvents, position: String(entry.seq) }
    : { name: CHECKPOINTS.agentEvents, position: String(entry.position) };
}

/**
 * Batches of entries with the checkpoints they reach (the last position of each log in the
 * batch), ready for CallReportProjection.applyBatch.
 */
export function* batchesOf(
  entries: Iterable<StreamEntry>,
  size: number,
): Generator<{ inputs: ProjectionInput[]; checkpoints: Checkpoint[]; entries: number }> {
  let inputs: ProjectionInput[] = [];
  let reached = new Map<string, Checkpoint>();
  for (const entry of entries) {
    inputs.push(inputOf(entry));
    const c = checkpointOf(entry);
    reached.set(c.name, c);
    if (inputs.length >= size) {
      yield { inputs, checkpoints: [...reached.values()], entries: inputs.length };
      inputs = [];
      reached = new Map();
    }
  }
  if (inputs.length > 0) yield { inputs, checkpoints: [...reached.values()], entries: inputs.length };
}
