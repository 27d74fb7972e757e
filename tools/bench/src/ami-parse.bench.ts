import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHUNK_BYTES, captureCount, loadInboundCorpus, repeatedChunks } from './ami-corpus';
import type { ParseSide, ParseSideResult } from './ami-parse.worker';
import { parseWithOurs, parseWithPeer } from './parse-runners';

export interface AmiParseBenchResult {
  readonly captures: number;
  readonly corpusBytes: number;
  readonly eventsPerPass: number;
  readonly passes: number;
  /** Events in the whole repeated stream (≥ the requested minimum). */
  readonly streamEvents: number;
  readonly streamBytes: number;
  /** Both parsers read the same event names, in the same order, on one pass of the corpus. */
  readonly sameEvents: boolean;
  /** Whether the children were pinned to one CPU with taskset. */
  readonly pinnedCpu: number | null;
  readonly ours: ParseSideResult;
  /** Our framing without mapAmiEvent: the like-for-like figure, since the peer maps nothing. */
  readonly oursFramesOnly: ParseSideResult;
  readonly peer: ParseSideResult;
  /** Ours / peer, in events per second. */
  readonly ratio: number;
  /** Both again with smaller reads (shorter time cap): the peer's cost per event grows with the read. */
  readonly byReadSize: ReadonlyArray<{
    readonly ours: ParseSideResult;
    readonly peer: ParseSideResult;
  }>;
  readonly sweepSeconds: number;
}

export interface AmiParseBenchOptions {
  readonly minEvents?: number;
  /** Time caps per side: asterisk-ami-client reads about 10k events/s here, 1M would take minutes. */
  readonly oursSeconds?: number;
  readonly peerSeconds?: number;
  /** Extra read sizes measured for both sides, each for `sweepSeconds` at most. */
  readonly readSizes?: readonly number[];
  readonly sweepSeconds?: number;
}

const TASKSET = '/usr/bin/taskset';

/**
 * Runs the worker for one side in its own process (peak RSS is per process), pinned to one CPU
 * when taskset exists so the garbage collector's helper threads cannot use a second core.
 */
function measureInChild(
  side: ParseSide,
  stream: { readonly bytes: number; readonly events: number },
  capSeconds: number,
  cpu: number | null,
  chunkBytes = CHUNK_BYTES,
): Promise<ParseSideResult> {
  // Same extension as this file: .ts under ts-node (whose -r hook is in execArgv), .js when compiled.
  const worker = path.join(__dirname, `ami-parse.worker${path.extname(__filename)}`);
  const nodeArgs = [
    ...process.execArgv,
    worker,
    side,
    String(stream.bytes),
    String(capSeconds),
    String(chunkBytes),
  ];
  const [command, args] =
    cpu === null
      ? [process.execPath, nodeArgs]
      : [TASKSET, ['-c', String(cpu), process.execPath, ...nodeArgs]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: ParseSideResult | undefined;
    child.on('message', (message) => (result = message as ParseSideResult));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!result) reject(new Error(`${side} parse worker exited with ${code}`));
      // A parser that misreads (say, a library caught half-edited) must fail the run, not
      // put a meaningless rate into the docs.
      else if (result.stoppedEarly ? result.events === 0 : result.events !== stream.events) {
        reject(new Error(`${side} parser read ${result.events} of ${stream.events} events`));
      } else resolve(result);
    });
  });
}

/**
 * Events/s of our AmiFrameParser + mapAmiEvent and of asterisk-ami-client's own parsing, on the
 * same bytes (all captures, banners stripped, repeated to ≥ 1M events, 64 KiB chunks), one
 * after the other on the same machine.
 */
export async function runAmiParseBench(
  options: AmiParseBenchOptions = {},
): Promise<AmiParseBenchResult> {
  // 1,460 bytes: one TCP segment's payload, what a lightly loaded connection reads at a time.
  const {
    minEvents = 1_000_000,
    oursSeconds = 60,
    peerSeconds = 30,
    readSizes = [1460, 16 * 1024],
    sweepSeconds = 4,
  } = options;
  const corpus = loadInboundCorpus();
  // Cross-check first: if the two read different events, their rates would compare different work.
  const oursNames: string[] = [];
  const peerNames: string[] = [];
  parseWithOurs(repeatedChunks(corpus, corpus.length), { onEvent: (name) => oursNames.push(name) });
  await parseWithPeer(repeatedChunks(corpus, corpus.length), {
    onEvent: (name) => peerNames.push(name),
  });
  const sameEvents =
    oursNames.length === peerNames.length && oursNames.every((name, i) => name === peerNames[i]);
  const eventsPerPass = oursNames.length;
  if (eventsPerPass === 0) throw new Error('AmiFrameParser read no events from the captures');
  const passes = Math.ceil(minEvents / eventsPerPass);
  const streamBytes = passes * corpus.length;
  const cpu = fs.existsSync(TASKSET) ? 0 : null;
  const stream = { bytes: streamBytes, events: passes * eventsPerPass };
  const ours = await measureInChild('ours', stream, oursSeconds, cpu);
  const oursFramesOnly = await measureInChild('ours-frames', stream, oursSeconds, cpu);
  const peer = await measureInChild('peer', stream, peerSeconds, cpu);
  const byReadSize = [];
  for (const size of readSizes) {
    byReadSize.push({
      ours: await measureInChild('ours', stream, sweepSeconds, cpu, size),
      peer: await measureInChild('peer', stream, sweepSeconds, cpu, size),
    });
  }
  return {
    captures: captureCount(),
    corpusBytes: corpus.length,
    eventsPerPass,
    passes,
    streamEvents: passes * eventsPerPass,
    streamBytes,
    sameEvents,
    pinnedCpu: cpu,
    ours,
    oursFramesOnly,
    peer,
    ratio: ours.eventsPerSecond / peer.eventsPerSecond,
    byReadSize,
    sweepSeconds,
  };
}
