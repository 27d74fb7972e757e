import {
  jsonEvent,
  type EventData,
  type JSONType,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { NewEvent, RecordedEvent } from './event-store.port';

/**
 * A port event as the client's JSON event. Data and metadata make a JSON round trip here, before
 * anything is sent: what JSON cannot hold (a bigint, a cycle) fails in the caller's append, as in
 * the embedded stores, instead of inside the client's request stream.
 */
export function toEventData(event: NewEvent): EventData {
  const data = JSON.parse(JSON.stringify(event.data ?? null)) as JSONType;
  const metadata =
    event.metadata === undefined
      ? undefined
      : (JSON.parse(JSON.stringify(event.metadata)) as JSONType);
  return jsonEvent({
    type: event.type,
    data,
    metadata,
    ...(event.id === undefined ? {} : { id: event.id }),
  });
}

/** A client event (from a stream read or a $all subscription) as the port's RecordedEvent; the
 *  commit position is the port's position. */
export function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('EventStoreDB sent a resolved event without its record');
  const position = event.position?.commit ?? resolved.commitPosition;
  if (position === undefined)
    throw new Error(`EventStoreDB sent event ${event.id} without a position`);
  return {
    id: event.id,
    streamName: event.streamId,
    type: event.type,
    revision: event.revision,
    position,
    data: event.data,
    metadata: asRecord(event.metadata),
    recordedAt: event.created.toISOString(),
  };
}

/** Metadata written by this adapter is a JSON object; anything else (none, binary, written by
 *  another tool) reads as an empty record rather than breaking the port's type. */
function asRecord(metadata: unknown): Readonly<Record<string, unknown>> {
  return metadata !== null &&
    typeof metadata === 'object' &&
    !Array.isArray(metadata) &&
    !(metadata instanceof Uint8Array)
    ? (metadata as Record<string, unknown>)
    : {};
}
