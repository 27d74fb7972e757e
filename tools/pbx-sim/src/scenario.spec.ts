import type { Scenario, ScenarioTarget } from './scenario';
import { runScenario } from './scenario';

describe('runScenario', () => {
  it('runs the steps in order against the target', async () => {
    const log: string[] = [];
    const target: ScenarioTarget = {
      registerPhone: (ext) => log.push(`register ${ext}`),
      unregisterPhone: (ext) => log.push(`unregister ${ext}`),
      dialFeatureCode: async (ext, code) => log.push(`dial ${ext} ${code}`),
      startInboundCall: async (queue, o) => log.push(`call ${queue} ${o.callerNumber}`),
    };
    const scenario: Scenario = {
      name: 'login then call',
      steps: [
        { kind: 'unregister', ext: '2001' },
        { kind: 'featureCode', ext: '1001', code: '811' },
        { kind: 'wait', ms: 5 },
        { kind: 'inboundCall', queue: 'helpdesk', call: { callerNumber: '0612345678' } },
        { kind: 'register', ext: '2001' },
      ],
    };
    const slept: number[] = [];
    await runScenario(target, scenario, async (ms) => {
      slept.push(ms);
    });
    expect(log).toEqual([
      'unregister 2001',
      'dial 1001 811',
      'call helpdesk 0612345678',
      'register 2001',
    ]);
    expect(slept).toEqual([5]);
  });
});
