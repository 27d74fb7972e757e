// Command line of `npm run sim`: which traffic the simulator makes after start-up. Parsed here,
// apart from main.ts, so the rules (and their error messages) can be unit tested.
//   (nothing)                                  demo traffic
//   --scenario <file.yaml> [--speed <n>] [--wait-client] [--exit]
//   --load [--rate <calls/s>] [--agents <n>]

import { parseArgs } from 'node:util';
import { DEFAULT_LOAD, MAX_LOAD_AGENTS } from './load';

export type CliMode =
  | { readonly mode: 'demo' }
  | {
      readonly mode: 'scenario';
      readonly file: string;
      /** Durations of the scenario divided by this (1 = as written). */
      readonly speed: number;
      /** Hold the scenario until a client has logged in (the gateway under test). */
      readonly waitClient: boolean;
      /** Exit when the scenario is over, status 0 if it passed, 1 if not. */
      readonly exit: boolean;
    }
  | { readonly mode: 'load'; readonly rate: number; readonly agents: number };

export const USAGE = [
  'usage: npm run sim -- [--scenario <file.yaml> [--speed <n>] [--wait-client] [--exit]]',
  '                      [--load [--rate <calls per second>] [--agents <n>]]',
].join('\n');

export function parseCli(argv: readonly string[]): CliMode {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      scenario: { type: 'string' },
      speed: { type: 'string' },
      'wait-client': { type: 'boolean' },
      exit: { type: 'boolean' },
      load: { type: 'boolean' },
      rate: { type: 'string' },
      agents: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new Error(`unexpected argument '${positionals[0]}'`);
  const scenarioOnly = (['speed', 'wait-client', 'exit'] as const).filter(
    (k) => values[k] !== undefined,
  );
  const loadOnly = (['rate', 'agents'] as const).filter((k) => values[k] !== undefined);
  if (values.scenario !== undefined && values.load) {
    throw new Error('--scenario and --load cannot be combined');
  }
  if (values.scenario === undefined && scenarioOnly.length > 0) {
    throw new Error(`--${scenarioOnly[0]} needs --scenario`);
  }
  if (!values.load && loadOnly.length > 0) throw new Error(`--${loadOnly[0]} needs --load`);

  if (values.scenario !== undefined) {
    return {
      mode: 'scenario',
      file: values.scenario,
      speed: values.speed === undefined ? 1 : positive('--speed', values.speed),
      waitClient: values['wait-client'] ?? false,
      exit: values.exit ?? false,
    };
  }
  if (values.load) {
    const agents =
      values.agents === undefined ? DEFAULT_LOAD.agents : positive('--agents', values.agents);
    if (!Number.isInteger(agents) || agents > MAX_LOAD_AGENTS) {
      throw new Error(`--agents must be a whole number from 1 to ${MAX_LOAD_AGENTS}`);
    }
    return {
      mode: 'load',
      rate: values.rate === undefined ? DEFAULT_LOAD.rate : positive('--rate', values.rate),
      agents,
    };
  }
  return { mode: 'demo' };
}

function positive(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${flag} must be a positive number, got '${text}'`);
  }
  return value;
}
