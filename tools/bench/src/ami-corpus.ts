import fs from 'node:fs';
import path from 'node:path';

// The real Asterisk 20 captures (see their README.md): the benchmarks feed real bytes, not
// synthetic frames, because frame sizes and header counts decide what parsing costs.
const capturesDir =
  process.env['AMI_CAPTURES_DIR'] ?? path.resolve(__dirname, '../../../../shared/ami-captures');

/** 64 KiB: what a Node socket hands over per 'data' event when the PBX floods the connection. */
export const CHUNK_BYTES = 64 * 1024;

function captureFiles(ext: '.ami' | '.jsonl'): string[] {
  if (!fs.existsSync(capturesDir))
    throw new Error(`AMI captures not found at ${capturesDir} (set AMI_CAPTURES_DIR)`);
  return fs
    .readdirSync(capturesDir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => path.join(capturesDir, f));
}

/** How many captures the corpus is made of. */
export function captureCount(): number {
  return captureFiles('.ami').length;
}

/**
 * Every capture's inbound bytes, in file-name order, each without its banner line: the banner is
 * sent once per connection, and a long stream of one connection has a single one.
 */
export function loadInboundCorpus(): Buffer {
  const parts = captureFiles('.ami').map((file) => {
    const bytes = fs.readFileSync(file);
    const firstLineEnd = bytes.indexOf('\r\n');
    return bytes.subarray(
      bytes.subarray(0, firstLineEnd).toString('latin1').startsWith('Asterisk Call Manager/')
        ? firstLineEnd + 2
        : 0,
    );
  });
  return Buffer.concat(parts);
}

/**
 * `totalBytes` of the corpus repeated end to end, cut into `size` chunks. Each chunk is a fresh
 * buffer (asterisk-ami-client keeps references to unfinished chunks, so one reused buffer would
 * corrupt it), and chunks are made lazily so the input never holds the whole stream in memory:
 * peak RSS then shows the parser, not the workload.
 */
export function* repeatedChunks(
  corpus: Buffer,
  totalBytes: number,
  size = CHUNK_BYTES,
): Generator<Buffer> {
  for (let done = 0; done < totalBytes; done += size) {
    const chunk = Buffer.allocUnsafe(Math.min(size, totalBytes - done));
    let filled = 0;
    while (filled < chunk.length) {
      const from = (done + filled) % corpus.length;
      filled += corpus.copy(
        chunk,
        filled,
        from,
        Math.min(corpus.length, from + chunk.length - filled),
      );
    }
    yield chunk;
  }
}

interface JsonlFrame {
  readonly dir: 'in' | 'out';
  readonly raw: string;
}

function jsonlFrames(file: string): JsonlFrame[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as JsonlFrame);
}

/** The first `count` recorded event frames (exact text), across the captures; repeated if needed. */
export function captureEventFrames(count: number): string[] {
  const events = captureFiles('.jsonl')
    .flatMap(jsonlFrames)
    .filter((f) => f.dir === 'in')
    // chan_sip's stray CRLF is glued to the front of the next frame in the recording.
    .map((f) => f.raw.replace(/^(\r\n)+/, ''))
    .filter((raw) => raw.startsWith('Event:'));
  return Array.from({ length: count }, (_, i) => events[i % events.length] as string);
}

/**
 * The reply to the first QueueStatus of queue-status.jsonl as Asterisk sent it: the Response with
 * `EventList: start`, the QueueParams/QueueMember/QueueEntry items and QueueStatusComplete, all
 * carrying the action's ActionID (returned so a server can swap in its client's own).
 */
export function captureQueueStatusList(): { actionId: string; frames: string[] } {
  const frames = jsonlFrames(
    path.join(path.dirname(captureFiles('.jsonl')[0] ?? ''), 'queue-status.jsonl'),
  );
  const action = frames.find((f) => f.dir === 'out' && /^Action: QueueStatus\r\n/i.test(f.raw));
  const actionId = action ? /ActionID: (.*)\r\n/.exec(action.raw)?.[1] : undefined;
  if (!actionId) throw new Error('no QueueStatus action in queue-status.jsonl');
  const reply = frames
    .filter((f) => f.dir === 'in' && f.raw.includes(`\r\nActionID: ${actionId}\r\n`))
    .map((f) => f.raw);
  if (!reply[reply.length - 1]?.includes('EventList: Complete'))
    throw new Error('QueueStatus list without its Complete event');
  return { actionId, frames: reply };
}
