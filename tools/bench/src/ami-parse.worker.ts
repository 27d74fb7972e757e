// Child process of ami-parse.bench.ts: measures ONE parser, so its peak RSS is that parser's alone.
// Arguments: ours|ours-frames|peer, total bytes to parse, time cap in seconds, chunk bytes.
import { performance } from 'node:perf_hooks';
import { CHUNK_BYTES, loadInboundCorpus, repeatedChunks } from './ami-corpus';
import { parseWithOurs, parseWithPeer, type ParseRun, type ParseRunOptions } from './parse-runners';

/** ours: AmiFrameParser + mapAmiEvent; ours-frames: AmiFrameParser alone; peer: asterisk-ami-client. */
export type ParseSide = 'ours' | 'ours-frames' | 'peer';

export interface ParseSideResult extends ParseRun {
  readonly side: ParseSide;
  readonly chunkBytes: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** RSS once the code and corpus are loaded and warmed up, before the timed run. */
  readonly rssBeforeMb: number;
  /** Peak RSS of the process (getrusage maxrss) at the end of the timed run. */
  readonly peakRssMb: number;
}

async function measure(
  side: ParseSide,
  totalBytes: number,
  capSeconds: number,
  chunkBytes: number,
): Promise<ParseSideResult> {
  const corpus = loadInboundCorpus();
  const run = (chunks: Iterable<Buffer>, options: ParseRunOptions): Promise<ParseRun> =>
    side === 'peer'
      ? parseWithPeer(chunks, options)
      : Promise.resolve(parseWithOurs(chunks, { ...options, map: side === 'ours' }));
  // One untimed pass first, so the timed run measures JIT-compiled code on both sides.
  await run(repeatedChunks(corpus, corpus.length, chunkBytes), {});
  const rssBeforeMb = process.memoryUsage.rss() / 2 ** 20;
  const started = performance.now();
  const deadline = started + capSeconds * 1000;
  const result = await run(repeatedChunks(corpus, totalBytes, chunkBytes), {
    stop: () => performance.now() > deadline,
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    side,
    chunkBytes,
    ...result,
    seconds,
    eventsPerSecond: result.events / seconds,
    rssBeforeMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

const [side, totalBytes, capSeconds, chunkBytes] = process.argv.slice(2);
if (side !== 'ours' && side !== 'ours-frames' && side !== 'peer') {
  throw new Error(
    `usage: ami-parse.worker ours|ours-frames|peer <bytes> <cap seconds> [chunk bytes] (got ${side})`,
  );
}
measure(side, Number(totalBytes), Number(capSeconds), Number(chunkBytes ?? CHUNK_BYTES)).then(
  (result) => {
    if (process.send) process.send(result);
    else console.log(JSON.stringify(result));
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
