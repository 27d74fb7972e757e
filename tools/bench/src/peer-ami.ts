import { createRequire } from 'node:module';
import type { Transform } from 'node:stream';

/** A frame as asterisk-ami-event-utils' toObject builds it. */
export type PeerAmiObject = Record<string, string | undefined>;

/** asterisk-ami-events-stream's Transform: bytes in, 'amiEvent' / 'amiResponse' objects out. */
export interface PeerAmiEventsStream extends Transform {
  on(event: 'amiEvent' | 'amiResponse', listener: (message: PeerAmiObject) => void): this;
  on(event: string, listener: (...args: never[]) => void): this;
}

/**
 * The class asterisk-ami-client really parses with. AmiClient gets its connection from
 * asterisk-ami-connector, whose AmiConnection pipes the socket into an `AmiEventsStream`
 * (framing on CRLF CRLF, then asterisk-ami-event-utils' toObject per frame). It is resolved
 * through that dependency chain, so the benchmark runs the very module instance the client loads.
 */
export function loadPeerEventsStream(): new () => PeerAmiEventsStream {
  const fromClient = createRequire(require.resolve('asterisk-ami-client'));
  const fromConnector = createRequire(fromClient.resolve('asterisk-ami-connector'));
  return fromConnector('asterisk-ami-events-stream') as new () => PeerAmiEventsStream;
}
