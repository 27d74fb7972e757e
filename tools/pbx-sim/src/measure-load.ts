// Manual throughput measurement of load mode (a script, not a test: speed depends on the
// machine, so no spec asserts it). One AMI client logs in and parses every frame with
// @switchboard/ami's AmiFrameParser; events received are counted per second.
//
//   node tools/scripts/run-ts.mjs tools/pbx-sim/src/measure-load.ts --rate 100 --agents 60
//   node tools/scripts/run-ts.mjs tools/pbx-sim/src/measure-load.ts --connect 127.0.0.1:5038
//
// Without --connect the simulator runs in this process (client and server share one core: the
// pessimistic figure). With --connect it measures a simulator started with `npm run sim -- --load`.

import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { AmiFrameParser, encodeMessage } from '@switchboard/ami';
import { PbxSimulator } from './simulator';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '100' },
      agents: { type: 'string', default: '60' },
      seconds: { type: 'string', default: '10' },
      connect: { type: 'string' },
    },
  });
  const seconds = Number(values.seconds);
  let sim: PbxSimulator | undefined;
  let host = '127.0.0.1';
  let port: number;
  if (values.connect) {
    const [h, p] = values.connect.split(':');
    host = h || host;
    port = Number(p);
  } else {
    sim = new PbxSimulator({ seed: 1 });
    ({ port } = await sim.start());
  }

  const socket = connect(port, host);
  const parser = new AmiFrameParser();
  let events = 0;
  let malformed = 0;
  let loggedIn = false;
  socket.on('data', (chunk: Buffer) => {
    for (const frame of parser.push(chunk)) {
      if (frame.kind === 'message') {
        if (frame.message.kind === 'event') events++;
        if (frame.message.get('Message') === 'Authentication accepted') loggedIn = true;
      } else if (frame.kind !== 'banner') malformed++;
    }
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    encodeMessage([
      ['Action', 'Login'],
      ['Username', process.env['AMI_USERNAME'] ?? 'gateway'],
      ['Secret', process.env['AMI_SECRET'] ?? 'gateway-secret'],
    ]),
  );
  while (!loggedIn) await sleep(10);
  sim?.startLoad({ rate: Number(values.rate), agents: Number(values.agents) });

  const perSecond: number[] = [];
  let last = events;
  for (let i = 0; i < seconds; i++) {
    await sleep(1000);
    const count = events - last;
    perSecond.push(count);
    last = events;
    const reported = sim ? ` stats().eventsSentPerSecond=${sim.stats().eventsSentPerSecond}` : '';
    console.log(`second ${i + 1}: ${count} events received${reported}`);
  }
  // The first second includes the ramp-up (agents registering, first calls ringing).
  const steady = perSecond.slice(1);
  const mean = Math.round(steady.reduce((a, b) => a + b, 0) / Math.max(1, steady.length));
  const source = values.connect
    ? `simulator at ${values.connect}`
    : `rate=${values.rate} calls/s agents=${values.agents}`;
  console.log(
    `${source}: mean ${mean} events/s over ` +
      `${steady.length} s (min ${Math.min(...steady)}, max ${Math.max(...steady)}), ` +
      `malformed frames ${malformed}`,
  );
  socket.destroy();
  await sim?.stop();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
