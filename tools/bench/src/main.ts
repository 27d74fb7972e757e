import { runAmiFuzzBench } from './ami-fuzz.bench';
import { runGatewayE2eBench } from './gateway-e2e.bench';
import { runJetStreamCeilingBench } from './jetstream-ceiling.bench';
import { describeMachine } from './machine';
import { writeSection } from './report';

/** `npm run bench [name...]`: every benchmark, or the named ones; results into docs/benchmarks.md. */
const benches: Record<string, () => Promise<void>> = {
  fuzz: async () => {
    const r = runAmiFuzzBench();
    const line = `${r.inputs.toLocaleString('en')} mutated inputs (${(r.bytes / 2 ** 20).toFixed(0)} MiB), ${r.frames.toLocaleString('en')} frames read, ${r.badFrames.toLocaleString('en')} bad frames counted, 0 throws, ${r.lostRecoveries} lost recoveries, ${r.seconds.toFixed(1)} s`;
    console.log(`fuzz: ${line}`);
    writeSection(
      'ami-fuzz',
      `## AMI parser fuzzing\n\n${new Date().toISOString().slice(0, 10)} — ${describeMachine()}\n\n${line}.\nInputs: slices of the real captures with bytes inserted (CR, LF, ':', NUL, frame starts), deleted and replaced, fed in random chunks of 1–64 bytes; after each input a valid frame must be read whole.`,
    );
  },
  gateway: async () => {
    const ceiling = await runJetStreamCeilingBench();
    console.log(`jetstream ceiling: ${ceiling} publishes/s`);
    // Node's default heap lets garbage pile up under this allocation rate; a capped old space
    // (as the gateway's Deployment sets through NODE_OPTIONS) keeps RSS down at no cost in speed.
    const lines: string[] = [];
    for (const nodeOptions of ['', '--max-old-space-size=80']) {
      const r = await runGatewayE2eBench(200_000, nodeOptions);
      console.log(`gateway (${nodeOptions || 'default heap'}): ${JSON.stringify(r)}`);
      lines.push(`| ${nodeOptions ? `\`${nodeOptions}\`` : 'default heap'} | ${r.events.toLocaleString('en')} | ${r.seconds.toFixed(1)} s | **${r.eventsPerSecond.toLocaleString('en')} events/s** | ${r.peakRssMb} MB |`);
    }
    const line = lines.join('\n');
    writeSection(
      'gateway-e2e',
      `## Gateway end to end (replay → gateway process → JetStream, every event acked)\n\n${new Date().toISOString().slice(0, 10)} — ${describeMachine()}\n\nThe compiled gateway (\`npm run build:dist\`) in its own process, reading tools/ami-replay serving all captures (repeated) as fast as the socket goes, publishing to a local nats-server with JetStream file storage; the replay server, the gateway and nats-server share the 2 cores. Goal: ≥ 20,000 events/s and RSS < 150 MB.\n\n| NODE_OPTIONS | events stored | time | rate | gateway peak RSS |\n|---|---|---|---|---|\n${line}\n\nFor scale, the same machine's ceiling without any of our code: one nats.js connection publishing acked JetStream messages with a message id, 256 in flight, to the same kind of local nats-server (2.9, file storage): **${ceiling.toLocaleString('en')} publishes/s**.`,
    );
  },
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(benches);
  for (const name of names) {
    const bench = benches[name];
    if (!bench) throw new Error(`unknown benchmark ${name} (known: ${Object.keys(benches).join(', ')})`);
    await bench();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
