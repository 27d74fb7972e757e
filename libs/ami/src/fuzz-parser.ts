import { AmiFrameParser } from './frame-parser';
import { mapAmiEvent } from './map-event';

export interface FuzzResult {
  readonly inputs: number;
  readonly bytes: number;
  readonly frames: number;
  readonly badFrames: number;
  /** Inputs after which a valid frame was not read back: must stay 0. */
  readonly lostRecoveries: number;
  readonly seconds: number;
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same inputs, so a failure
 *  can be replayed. */
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

const SPICE = ['\r\n', '\r', '\n', ':', ': ', '\r\n\r\n', '\0', 'Event: ', 'Response: ', '\u00ff', 'ActionID: x'];

/**
 * Mutation fuzzing of the parser and the mapper: slices of real capture bytes with random bytes
 * flipped, inserted and deleted, fed in random chunk sizes. Each input must never throw, and a
 * valid frame after a blank line must always come out whole afterwards (the parser never stays
 * lost). Used at a few thousand inputs by npm test and at ≥ 1,000,000 by the benchmark.
 */
export function fuzzParser(corpus: string, inputs: number, seed = 1): FuzzResult {
  const random = prng(seed);
  const started = process.hrtime.bigint();
  let bytes = 0;
  let frames = 0;
  let badFrames = 0;
  let lostRecoveries = 0;
  for (let n = 0; n < inputs; n++) {
    const start = Math.floor(random() * Math.max(1, corpus.length - 600));
    let input = corpus.slice(start, start + 50 + Math.floor(random() * 550));
    const edits = Math.floor(random() * 6);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(random() * (input.length + 1));
      const kind = random();
      if (kind < 0.4) input = input.slice(0, at) + SPICE[Math.floor(random() * SPICE.length)] + input.slice(at);
      else if (kind < 0.7) input = input.slice(0, at) + input.slice(at + 1 + Math.floor(random() * 20));
      else input = input.slice(0, at) + String.fromCharCode(Math.floor(random() * 256)) + input.slice(at + 1);
    }
    const parser = new AmiFrameParser({ expectBanner: random() < 0.5 });
    for (let offset = 0; offset < input.length; ) {
      const size = 1 + Math.floor(random() * 64);
      for (const frame of parser.push(input.slice(offset, offset + size))) {
        if (frame.kind === 'message') mapAmiEvent(frame.message);
      }
      offset += size;
    }
    const after = parser.push('\r\n\r\nEvent: Recovered\r\n\r\n');
    const last = after[after.length - 1];
    if (!(last?.kind === 'message' && last.message.get('Event') === 'Recovered')) lostRecoveries++;
    bytes += input.length;
    frames += parser.stats.frames;
    badFrames += parser.stats.badFrames;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { inputs, bytes, frames, badFrames, lostRecoveries, seconds };
}
