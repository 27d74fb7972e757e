import { once } from 'node:events';
import { AmiFrameParser, mapAmiEvent } from '@switchboard/ami';
import { loadPeerEventsStream } from './peer-ami';

export interface ParseRunOptions {
  /** Checked before each chunk: the time cap of the benchmark. */
  readonly stop?: () => boolean;
  /** Gets every event's name, for the cross-check of the two parsers. */
  readonly onEvent?: (name: string) => void;
  /** Ours only: false skips mapAmiEvent, to compare bare framing with the peer's bare framing. */
  readonly map?: boolean;
}

export interface ParseRun {
  readonly events: number;
  readonly bytes: number;
  /** True when `stop` ended the run before the last chunk. */
  readonly stoppedEarly: boolean;
}

/**
 * Our path, as the gateway runs it per socket read: AmiFrameParser.push(chunk), then
 * mapAmiEvent on every event (the typed body is what gets published).
 */
export function parseWithOurs(chunks: Iterable<Buffer>, options: ParseRunOptions = {}): ParseRun {
  const parser = new AmiFrameParser({ expectBanner: false });
  let events = 0;
  let bytes = 0;
  let typeChars = 0;
  const map = options.map ?? true;
  for (const chunk of chunks) {
    if (options.stop?.()) return { events, bytes, stoppedEarly: true };
    bytes += chunk.length;
    for (const frame of parser.push(chunk)) {
      if (frame.kind !== 'message' || frame.message.kind !== 'event') continue;
      events++;
      // The mapped body is used, so the mapping cannot be optimised away.
      if (map) typeChars += mapAmiEvent(frame.message).type.length;
      options.onEvent?.(frame.message.name);
    }
  }
  if (map && typeChars === 0 && events > 0) throw new Error('mapAmiEvent returned no types');
  return { events, bytes, stoppedEarly: false };
}

/**
 * asterisk-ami-client's path: the AmiEventsStream its connection pipes the socket into, fed
 * with write() and 'drain' as Socket.pipe() does, with a 'data' listener as AmiConnection has
 * (without one the Transform stops once its readable side is full).
 */
export async function parseWithPeer(
  chunks: Iterable<Buffer>,
  options: ParseRunOptions = {},
): Promise<ParseRun> {
  const AmiEventsStream = loadPeerEventsStream();
  const stream = new AmiEventsStream();
  let events = 0;
  let bytes = 0;
  let stoppedEarly = false;
  stream.on('amiEvent', (event) => {
    events++;
    options.onEvent?.(event['Event'] ?? '');
  });
  stream.on('data', () => undefined);
  for (const chunk of chunks) {
    if (options.stop?.()) {
      stoppedEarly = true;
      break;
    }
    bytes += chunk.length;
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  const finished = once(stream, 'finish');
  stream.end();
  await finished;
  return { events, bytes, stoppedEarly };
}
