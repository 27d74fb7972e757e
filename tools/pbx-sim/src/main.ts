// `npm run sim`: the simulator on 127.0.0.1:5038 with demo traffic, for a laptop demo or for
// pointing a gateway at. Env: SIM_HOST, SIM_PORT, AMI_USERNAME, AMI_SECRET, SIM_SEED.
// Logs one line per action received (never the secret) and a summary every minute.

import { DEMO_TIMING } from './options';
import { PbxSimulator } from './simulator';

async function main(): Promise<void> {
  const port = Number.parseInt(process.env['SIM_PORT'] ?? '5038', 10);
  const seedText = process.env['SIM_SEED'];
  const sim = new PbxSimulator({
    host: process.env['SIM_HOST'] ?? '127.0.0.1',
    port: Number.isNaN(port) ? 5038 : port,
    username: process.env['AMI_USERNAME'] ?? 'gateway',
    secret: process.env['AMI_SECRET'] ?? 'gateway-secret',
    timing: DEMO_TIMING,
    seed: seedText ? Number.parseInt(seedText, 10) : undefined,
    demo: true,
  });
  sim.on('action', (a) => {
    console.log(`[pbx-sim] #${a.session} ${a.remote} ${a.action} ${a.summary}`.trimEnd());
  });
  sim.on('client', (c) => {
    console.log(`[pbx-sim] #${c.id} ${c.remote} ${c.connected ? 'connected' : 'disconnected'}`);
  });
  sim.on('sim-error', (error) => console.error('[pbx-sim] error:', error));

  const { host, port: listening } = await sim.start();
  console.log(`[pbx-sim] AMI listening on ${host}:${listening} (demo traffic on)`);
  const summary = setInterval(() => {
    const s = sim.stats();
    console.log(
      `[pbx-sim] clients=${s.clients} calls=${s.activeCalls} events=${s.eventsEmitted} actions=${s.actionsReceived}`,
    );
  }, 60_000);

  const shutdown = (signal: string): void => {
    console.log(`[pbx-sim] ${signal}: stopping`);
    clearInterval(summary);
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('[pbx-sim] failed to start:', error);
  process.exit(1);
});
