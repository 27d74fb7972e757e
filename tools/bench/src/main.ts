import os from 'node:os';
import { runAmiClientCheck } from './ami-client-check';
import { runAmiFuzzBench } from './ami-fuzz.bench';
import { runAmiParseBench } from './ami-parse.bench';
import { clientCheckRows, clientCheckSection, parseRows, parseSection, readSizeRows } from './ami-sections';
import { runGatewayE2eBench } from './gateway-e2e.bench';
import { runJetStreamCeilingBench } from './jetstream-ceiling.bench';
import { describeMachine } from './machine';
import { reportingSection, runReportingBenches } from './reporting-section';
import { runCommandsBench } from './session-commands.bench';
import { runFeatureCodeBench } from './session-feature-code.bench';
import { runSessionMemoryBench } from './session-memory.bench';
import { commandsSection, featureCodeSection, memorySection } from './session-sections';
import { writeSection } from './report';
import { textTable } from './table';

/**
 * Start time and machine heading each AMI section: figures mean nothing without them. The load
 * average says whether other work shared the cores during the run.
 */
const measuredOn = (): string =>
  `${new Date().toISOString()} — ${describeMachine()}; load average ${os.loadavg()[0]?.toFixed(1)} at start`;

/**
 * `npm run bench [name...]`: every benchmark, or the named ones (a name also selects its
 * `name-…` family: `ami` runs ami-parse and ami-client); results into docs/benchmarks.md.
 */
const benches: Record<string, () => Promise<void>> = {
  'session-feature-code': async () => {
    const on = measuredOn();
    const results = [await runFeatureCodeBench('single process'), await runFeatureCodeBench('over NATS')];
    console.log(`session-feature-code: ${JSON.stringify(results)}`);
    writeSection('session-feature-code', featureCodeSection(results, on));
  },
  'session-commands': async () => {
    const on = measuredOn();
    const r = await runCommandsBench();
    console.log(`session-commands: ${JSON.stringify(r)}`);
    writeSection('session-commands', commandsSection(r, on));
  },
  'session-memory': async () => {
    const on = measuredOn();
    const r = await runSessionMemoryBench();
    console.log(`session-memory: ${JSON.stringify(r)}`);
    writeSection('session-memory', memorySection(r, on));
  },
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
    console.log(`jetstream ceiling: ${JSON.stringify(ceiling)} publishes/s`);
    // Node's default heap lets garbage pile up under this allocation rate; a capped old space with
    // small young-generation semi-spaces keeps RSS down (docs/operations.md gives the setting).
    const lines: string[] = [];
    for (const nodeOptions of ['', '--max-old-space-size=100 --max-semi-space-size=8']) {
      const r = await runGatewayE2eBench(200_000, nodeOptions);
      console.log(`gateway (${nodeOptions || 'default heap'}): ${JSON.stringify(r)}`);
      lines.push(`| ${nodeOptions ? `\`${nodeOptions}\`` : 'default heap'} | ${r.events.toLocaleString('en')} | ${r.seconds.toFixed(1)} s | **${r.eventsPerSecond.toLocaleString('en')} events/s** | ${r.peakRssMb} MB |`);
    }
    const line = lines.join('\n');
    writeSection(
      'gateway-e2e',
      `## Gateway end to end (replay → gateway process → JetStream, every event acked)\n\n${new Date().toISOString().slice(0, 10)} — ${describeMachine()}\n\nThe compiled gateway (\`npm run build:dist\`) in its own process, reading tools/ami-replay serving all captures (repeated) as fast as the socket goes, publishing to a local nats-server with JetStream file storage; the replay server, the gateway and nats-server share the 2 cores. Goal: ≥ 20,000 events/s and RSS < 150 MB.\n\n| NODE_OPTIONS | events stored | time | rate | gateway peak RSS |\n|---|---|---|---|---|\n${line}\n\nFor scale, the transport alone on the same machine: one connection publishing acked JetStream messages with a message id, 256 in flight, to a local nats-server (file storage), with nats.js's \`js.publish\` (one request per message; what the gateway used before): **${ceiling.jsPublish.toLocaleString('en')} publishes/s**; with the bus's JetStreamAsyncPublisher (one reply inbox, acks matched by token, one sweeping timer; what the gateway uses): **${ceiling.asyncPublish.toLocaleString('en')} publishes/s**.`,
    );
  },
  // Ours beside asterisk-ami-client on the same bytes (≈ 70 s: the peer runs to a 30 s cap).
  'ami-parse': async () => {
    const on = measuredOn();
    const r = await runAmiParseBench();
    console.log(`ami-parse: ${r.ratio.toFixed(1)}× asterisk-ami-client\n${textTable(parseRows(r))}\n\n${textTable(readSizeRows(r))}`);
    writeSection('ami-parse', parseSection(r, on));
  },
  // Projection, rebuild, query p95 and CSV export of the Report Call Table (≈ 5 min at full size;
  // REPORTING_BENCH_SCALE=0.1 for a quick try).
  reporting: async () => {
    const on = measuredOn();
    const r = await runReportingBenches((line) => console.log(line));
    writeSection('reporting', reportingSection(r, on));
  },
  // The claims about asterisk-ami-client, re-checked against a local AMI server (≈ 5 s).
  'ami-client': async () => {
    const on = measuredOn();
    const r = await runAmiClientCheck();
    console.log(`ami-client:\n${textTable(clientCheckRows(r))}`);
    writeSection('ami-client-check', clientCheckSection(r, on));
  },
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const known = Object.keys(benches);
  const selects = (w: string, name: string): boolean => name === w || name.startsWith(`${w}-`);
  const unknown = wanted.filter((w) => !known.some((name) => selects(w, name)));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const names = wanted.length ? known.filter((name) => wanted.some((w) => selects(w, name))) : known;
  for (const name of names) {
    await benches[name]?.();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
