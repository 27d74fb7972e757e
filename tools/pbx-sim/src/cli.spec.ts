import { parseCli } from './cli';
import { DEFAULT_LOAD } from './load';

describe('parseCli', () => {
  it('runs the demo without arguments', () => {
    expect(parseCli([])).toEqual({ mode: 'demo' });
  });

  it('runs a scenario, optionally faster, after a client, and exiting', () => {
    expect(parseCli(['--scenario', 'tools/pbx-sim/scenarios/x.yaml'])).toEqual({
      mode: 'scenario',
      file: 'tools/pbx-sim/scenarios/x.yaml',
      speed: 1,
      waitClient: false,
      exit: false,
    });
    expect(parseCli(['--scenario=x.yaml', '--speed', '2.5', '--wait-client', '--exit'])).toEqual({
      mode: 'scenario',
      file: 'x.yaml',
      speed: 2.5,
      waitClient: true,
      exit: true,
    });
  });

  it('runs load with defaults or the given rate and agents', () => {
    expect(parseCli(['--load'])).toEqual({
      mode: 'load',
      rate: DEFAULT_LOAD.rate,
      agents: DEFAULT_LOAD.agents,
    });
    expect(parseCli(['--load', '--rate', '120', '--agents', '80'])).toEqual({
      mode: 'load',
      rate: 120,
      agents: 80,
    });
  });

  it.each([
    [['--scenario', 'x.yaml', '--load'], '--scenario and --load cannot be combined'],
    [['--rate', '10'], '--rate needs --load'],
    [['--speed', '10'], '--speed needs --scenario'],
    [['--load', '--rate', 'fast'], "--rate must be a positive number, got 'fast'"],
    [['--load', '--rate', '0'], "--rate must be a positive number, got '0'"],
    [['--load', '--agents', '2.5'], '--agents must be a whole number from 1 to 999'],
    [['--load', '--agents', '1000'], '--agents must be a whole number from 1 to 999'],
    [['--scenario', 'x.yaml', '--speed', ''], "--speed must be a positive number, got ''"],
    [['x.yaml'], "unexpected argument 'x.yaml'"],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(message);
  });
});
