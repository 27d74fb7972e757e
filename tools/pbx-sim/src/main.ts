// `npm run sim`: the simulator on 127.0.0.1:5038, for a laptop demo or for pointing a gateway at.
// Env: SIM_HOST, SIM_PORT, AMI_USERNAME, AMI_SECRET, SIM_SEED. The command line (cli.ts) picks the
// traffic: demo (default), one YAML scenario, or load. Logs one line per action received (never
// the secret) and a periodic summary.

import { readFileSync } from 'node:fs';
import type { CliMode } from './cli';
import { USAGE, parseCli } from './cli';
import type { SimTiming } from './options';
import { DEFAULT_TIMING, DEMO_TIMING } from './options';
import type { Scenario } from './scenario';
import { runScenario, stepLabel } from './scenario';
import { scenarioTiming, speedUpScenario } from './scenario-speed';
import { loadScenario } from './scenario-yaml';
import { PbxSimulator } from './simulator';

async function main(): Promise<void> {
  const cli = parseCliOrExit(process.argv.slice(2));
  // Read the scenario before listening: a broken file should fail at once, not after start-up.
  const scenario = cli.mode === 'scenario' ? readScenario(cli.file, cli.speed) : undefined;
  const port = Number.parseInt(process.env['SIM_PORT'] ?? '5038', 10);
  const seedText = process.env['SIM_SEED'];
  const sim = new PbxSimulator({
    host: process.env['SIM_HOST'] ?? '127.0.0.1',
    port: Number.isNaN(port) ? 5038 : port,
    username: process.env['AMI_USERNAME'] ?? 'gateway',
    secret: process.env['AMI_SECRET'] ?? 'gateway-secret',
    timing: timingFor(cli, scenario),
    seed: seedText ? Number.parseInt(seedText, 10) : undefined,
    demo: cli.mode === 'demo',
  });
  sim.on('action', (a) => {
    console.log(`[pbx-sim] #${a.session} ${a.remote} ${a.action} ${a.summary}`.trimEnd());
  });
  sim.on('client', (c) => {
    console.log(`[pbx-sim] #${c.id} ${c.remote} ${c.connected ? 'connected' : 'disconnected'}`);
  });
  sim.on('sim-error', (error) => console.error('[pbx-sim] error:', error));

  const { host, port: listening } = await sim.start();
  console.log(`[pbx-sim] AMI listening on ${host}:${listening} (${describeMode(cli)})`);
  // Load mode is watched for its throughput, so it reports far more often.
  const summary = setInterval(
    () => {
      const s = sim.stats();
      console.log(
        `[pbx-sim] clients=${s.clients} calls=${s.activeCalls} events=${s.eventsEmitted} ` +
          `events/s=${s.eventsPerSecond} sent/s=${s.eventsSentPerSecond} actions=${s.actionsReceived}` +
          (s.load ? ` loadCalls=${s.load.callsStarted}` : ''),
      );
    },
    cli.mode === 'load' ? 5_000 : 60_000,
  );

  const shutdown = (reason: string, code = 0): void => {
    console.log(`[pbx-sim] ${reason}: stopping`);
    clearInterval(summary);
    void sim.stop().then(() => process.exit(code));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  if (cli.mode === 'load') sim.startLoad({ rate: cli.rate, agents: cli.agents });
  if (cli.mode === 'scenario' && scenario) {
    if (cli.waitClient) await waitForClient(sim);
    const passed = await playScenario(sim, scenario);
    if (cli.exit) shutdown(passed ? 'scenario passed' : 'scenario failed', passed ? 0 : 1);
  }
}

function parseCliOrExit(argv: readonly string[]): CliMode {
  try {
    return parseCli(argv);
  } catch (error) {
    console.error(`[pbx-sim] ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}

function readScenario(file: string, speed: number): Scenario {
  const scenario = loadScenario(readFileSync(file, 'utf8'));
  return speed === 1 ? scenario : speedUpScenario(scenario, speed);
}

/** Demo and scenarios run at the lab's pace; load mode needs the quick re-checks of the defaults. */
function timingFor(cli: CliMode, scenario: Scenario | undefined): SimTiming {
  if (cli.mode === 'load') return DEFAULT_TIMING;
  if (cli.mode === 'scenario' && scenario) return scenarioTiming(scenario, cli.speed);
  return DEMO_TIMING;
}

function describeMode(cli: CliMode): string {
  switch (cli.mode) {
    case 'demo':
      return 'demo traffic on';
    case 'scenario':
      return `scenario ${cli.file}${cli.speed === 1 ? '' : ` at ${cli.speed}x`}`;
    case 'load':
      return `load: ${cli.rate} calls/s, ${cli.agents} agents`;
    default: {
      const never: never = cli;
      return String(never);
    }
  }
}

async function waitForClient(sim: PbxSimulator): Promise<void> {
  console.log('[pbx-sim] scenario waits for a client to log in');
  while (sim.stats().authenticatedClients === 0) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function playScenario(sim: PbxSimulator, scenario: Scenario): Promise<boolean> {
  console.log(`[pbx-sim] scenario '${scenario.name}': ${scenario.steps.length} steps`);
  try {
    await runScenario(sim, scenario, {
      onStep: (index, step) => {
        const fields = Object.fromEntries(Object.entries(step).filter(([k]) => k !== 'kind'));
        console.log(`[pbx-sim] ${stepLabel(index, step)} ${JSON.stringify(fields)}`);
      },
    });
    console.log(`[pbx-sim] scenario '${scenario.name}' passed`);
    return true;
  } catch (error) {
    console.error(`[pbx-sim] scenario '${scenario.name}' failed: ${String(error)}`);
    return false;
  }
}

main().catch((error: unknown) => {
  console.error('[pbx-sim] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
