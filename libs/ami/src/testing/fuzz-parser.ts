import { Buffer } from 'node:buffer';
import { ActionCorrelator } from '../correlator';
import { AmiFrameParser, type AmiFrame } from '../frame-parser';
import { mapAmiEvent } from '../map-event';

/**
 * Parser fuzzing, shared by the spec (fast-check, a few hundred cases) and the benchmark
 * (≥ 1,000,000 mutated inputs). Not exported from the library's index: it is test code.
 */

export interface FuzzCaseOptions {
  readonly expectBanner?: boolean;
  /** Keep it above the banner's length (~30 bytes): a banner line longer than the limit is cut
   *  as an oversized frame when it arrives in pieces, but read whole when it arrives at once. */
  readonly maxFrameBytes?: number;
}

export interface FuzzCaseResult {
  readonly frames: number;
  readonly badFrames: number;
  /** What went wrong; empty when every property held. */
  readonly problems: readonly string[];
}

/** Appended after every input: whatever state the garbage left, this frame must come out whole. */
const RECOVERY = '\r\n\r\nEvent: Recovered\r\nX: 1\r\n\r\n';

/**
 * The fuzz body: one input, fed in pieces of the given sizes (cycled). Properties:
 * 1. push never throws, and its internal safety net never fires;
 * 2. the frames are the same as when the input arrives as one chunk (framing is independent of
 *    how TCP cuts the stream);
 * 3. stats agree with what was returned;
 * 4. every message maps (mapAmiEvent) and correlates (ActionCorrelator) without throwing;
 * 5. a blank line and a valid frame afterwards always parse: the parser never stays lost.
 */
export function fuzzParserCase(input: Uint8Array, chunkSizes: readonly number[], options: FuzzCaseOptions = {}): FuzzCaseResult {
  const problems: string[] = [];
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const whole = run(problems, 'whole', () => new AmiFrameParser(options).push(bytes)) ?? [];
  const parser = new AmiFrameParser(options);
  const pieces: AmiFrame[] = [];
  const sizes = chunkSizes.length > 0 ? chunkSizes : [1];
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const size = Math.max(1, Math.floor(sizes[i % sizes.length]));
    const chunk = bytes.subarray(offset, offset + size);
    offset += size;
    const out = run(problems, `chunk at ${offset - size}`, () => parser.push(chunk));
    if (out) pieces.push(...out);
  }
  const a = describe(whole);
  const b = describe(pieces);
  if (a !== b) problems.push(`chunked frames differ from whole frames:\n whole:   ${a.slice(0, 400)}\n chunked: ${b.slice(0, 400)}`);
  for (const frame of pieces) {
    if (frame.kind === 'bad' && frame.reason.startsWith('parser error')) problems.push(`safety net fired: ${frame.reason}`);
  }
  const good = pieces.filter((f) => f.kind !== 'bad').length;
  if (parser.stats.frames !== good || parser.stats.badFrames !== pieces.length - good || parser.stats.bytes !== bytes.length) {
    problems.push(`stats ${JSON.stringify(parser.stats)} disagree with ${pieces.length} frames (${good} good) of ${bytes.length} bytes`);
  }
  const correlator = new ActionCorrelator();
  correlator.register('1');
  correlator.register('x', { asyncEvent: 'OriginateResponse' });
  for (const frame of pieces) {
    if (frame.kind !== 'message') continue;
    const m = frame.message;
    run(problems, 'map/correlate', () => {
      void [m.kind, m.name, m.actionId, m.toRecord(), m.getAll('Output')];
      if (m.kind === 'event') mapAmiEvent(m);
      correlator.accept(m);
    });
  }
  const after = run(problems, 'recovery', () => parser.push(RECOVERY)) ?? [];
  const last = after[after.length - 1];
  const fields = last?.kind === 'message' ? JSON.stringify(last.message.fields) : '';
  if (fields !== '[["Event","Recovered"],["X","1"]]') problems.push(`parser stayed lost: after the input, got ${describe(after).slice(0, 200)}`);
  return { frames: parser.stats.frames, badFrames: parser.stats.badFrames, problems };
}

function run<T>(problems: string[], where: string, body: () => T): T | undefined {
  try {
    return body();
  } catch (error) {
    problems.push(`${where} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return undefined;
  }
}

/** A comparable rendering of frames; the raw text of bad frames is left out (it is a preview
 *  whose length depends on when the frame was found to be bad). */
function describe(frames: readonly AmiFrame[]): string {
  return JSON.stringify(
    frames.map((f) => (f.kind === 'banner' ? ['banner', f.text] : f.kind === 'message' ? f.message.fields : ['bad', f.reason])),
  );
}

export interface FuzzResult {
  readonly inputs: number;
  readonly bytes: number;
  readonly frames: number;
  readonly badFrames: number;
  /** Inputs after which the recovery frame was not read back: must stay 0. */
  readonly lostRecoveries: number;
  /** Inputs that broke any property (throws, chunking dependence, stats, lost parser). */
  readonly failures: number;
  /** The first few problems, with the seed and input number to replay them. */
  readonly problems: readonly string[];
  readonly seconds: number;
}

/** mulberry32: a small deterministic PRNG, so a failure replays from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bytes that matter to AMI framing, inserted more often than chance would. */
const SPICE = ['\r\n', '\r', '\n', ':', ': ', '\r\n\r\n', '\n\n', '\0', 'Event: ', 'Response: ', 'EventList: start', 'ActionID: 1', '\u00e9', 'Asterisk Call Manager/9.0.0\r\n'].map(
  (s) => Buffer.from(s, 'utf8'),
);

/**
 * Mutation fuzzing driver: slices of the capture bytes with insertions (framing bytes, random
 * bytes), deletions and replacements, each fed through `fuzzParserCase` in random chunks of 1–64
 * bytes, with a random banner expectation and sometimes a small frame limit.
 */
export function fuzzParser(corpus: string | Uint8Array, inputs: number, seed = 1): FuzzResult {
  const source = typeof corpus === 'string' ? Buffer.from(corpus, 'latin1') : Buffer.from(corpus.buffer, corpus.byteOffset, corpus.byteLength);
  const random = prng(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const started = performance.now();
  let bytes = 0;
  let frames = 0;
  let badFrames = 0;
  let lostRecoveries = 0;
  let failures = 0;
  const problems: string[] = [];
  for (let n = 0; n < inputs; n++) {
    const start = pick(Math.max(1, source.length - 600));
    let input = Buffer.from(source.subarray(start, start + 20 + pick(600)));
    const edits = pick(7);
    for (let e = 0; e < edits; e++) {
      const at = pick(input.length + 1);
      const kind = random();
      if (kind < 0.4) {
        const insert = random() < 0.7 ? SPICE[pick(SPICE.length)] : Buffer.from(Array.from({ length: 1 + pick(8) }, () => pick(256)));
        input = Buffer.concat([input.subarray(0, at), insert, input.subarray(at)]);
      } else if (kind < 0.7) {
        input = Buffer.concat([input.subarray(0, at), input.subarray(at + 1 + pick(20))]);
      } else if (at < input.length) {
        input[at] = pick(256);
      }
    }
    const cuts = Array.from({ length: 1 + pick(8) }, () => 1 + pick(64));
    const result = fuzzParserCase(input, cuts, {
      expectBanner: random() < 0.5,
      maxFrameBytes: random() < 0.2 ? 64 + pick(512) : undefined,
    });
    bytes += input.length;
    frames += result.frames;
    badFrames += result.badFrames;
    if (result.problems.length > 0) {
      failures++;
      if (result.problems.some((p) => p.startsWith('parser stayed lost'))) lostRecoveries++;
      if (problems.length < 5) problems.push(`seed ${seed} input ${n}: ${result.problems.join('; ')}`);
    }
  }
  return { inputs, bytes, frames, badFrames, lostRecoveries, failures, problems, seconds: (performance.now() - started) / 1000 };
}
