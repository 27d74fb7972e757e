import { NatsBus } from '@switchboard/bus';
import { subjects, type PbxEvent } from '@switchboard/contracts';
import { jetStreamTopology } from '@switchboard/platform';
import { uniqueName } from '@switchboard/testing';

export interface PbxEventObserver {
  /** Every PBX event on the bus, in stream order. */
  readonly events: PbxEvent[];
  close(): Promise<void>;
}

/** Reads the PBX_EVENTS stream with a durable of its own, as one more (passive) consumer. */
export async function observePbxEvents(natsUrl: string, credentials: { user?: string; pass?: string } = {}): Promise<PbxEventObserver> {
  const bus = await NatsBus.connect({
    servers: natsUrl,
    name: 'e2e-observer',
    // The services' own definitions: declaring the stream with others would change its settings.
    streams: jetStreamTopology,
    ...credentials,
  });
  const events: PbxEvent[] = [];
  await bus.consume<PbxEvent>({
    durable: uniqueName('e2e-observer'),
    filterSubject: subjects.allPbxEvents,
    handler: async (m) => void events.push(m.data),
  });
  return { events, close: () => bus.close() };
}

/**
 * Checks that no event was published twice or lost by a gateway: per AMI connection the sequence
 * numbers are 1, 2, 3, … and the connections follow each other without overlapping.
 */
export function connectionsOf(events: readonly PbxEvent[]): Array<{ connectionId: string; seqs: number[]; types: string[] }> {
  const connections: Array<{ connectionId: string; seqs: number[]; types: string[] }> = [];
  for (const e of events) {
    let current = connections[connections.length - 1];
    if (!current || current.connectionId !== e.metadata.connectionId) {
      current = { connectionId: e.metadata.connectionId, seqs: [], types: [] };
      connections.push(current);
    }
    current.seqs.push(e.metadata.seq);
    current.types.push(e.type);
  }
  return connections;
}
