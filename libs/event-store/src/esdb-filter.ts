import {
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type Filter,
} from '@eventstore/db-client';
import type { AllFilter, RecordedEvent } from './event-store.port';
import { matchesFilter } from './polling-subscription';

/**
 * The filter EventStoreDB applies before anything crosses the network. A $all subscription takes
 * one filter, on the stream name or on the event type, not both; so:
 *
 * - stream prefixes given: they go to the server (they usually name a category, the narrower cut),
 *   and event types, if any, are checked here (`keep`);
 * - only event types: they go to the server as type prefixes, and `keep` checks the exact type
 *   (a prefix "Claimed" would also let "ClaimedAgain" through);
 * - neither: the server leaves out system events (types starting with `$`).
 */
export function serverFilter(filter: AllFilter | undefined): Filter {
  if (filter?.streamPrefixes?.length)
    return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  if (filter?.eventTypes?.length) return eventTypeFilter({ prefixes: [...filter.eventTypes] });
  return excludeSystemEvents();
}

/** System streams and events (`$stats-…`, `$$…` metadata, `$>` links, `$settings`…) belong to the
 *  server, not to the application: never handed over, whatever the filter says. */
export const isSystemEvent = (event: Pick<RecordedEvent, 'streamName' | 'type'>): boolean =>
  event.streamName.startsWith('$') || event.type.startsWith('$');

/** The final word, on the client: the port's filter semantics, exactly as the embedded stores apply them. */
export const keep = (event: RecordedEvent, filter: AllFilter | undefined): boolean =>
  !isSystemEvent(event) && matchesFilter(event, filter);
