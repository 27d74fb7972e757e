import { DEMO_TIMING } from './options';
import type { Scenario } from './scenario';
import { scenarioTiming, speedUpScenario, speedUpTiming } from './scenario-speed';

describe('speedUpScenario', () => {
  const scenario: Scenario = {
    name: 'paced',
    timing: { queueTimeoutMs: 15_000, retryMs: 2_000 },
    steps: [
      { kind: 'wait', ms: 2_000 },
      {
        kind: 'inboundCall',
        queue: 'helpdesk',
        call: { callerNumber: '06', ringMs: 2_000, talkMs: 6_000, abandonAfterMs: 5 },
      },
      { kind: 'inboundCall', queue: 'sales', call: { callerNumber: '07' } },
      { kind: 'expect', withinMs: 4_000, checks: [{ what: 'activeCalls', count: 0 }] },
      { kind: 'expect', withinMs: 0, checks: [{ what: 'activeCalls', count: 0 }] },
      { kind: 'register', ext: '1001' },
    ],
  };

  it('divides every duration by the speed, never rounding one down to zero', () => {
    expect(speedUpScenario(scenario, 10)).toEqual({
      name: 'paced',
      timing: { queueTimeoutMs: 1_500, retryMs: 200 },
      steps: [
        { kind: 'wait', ms: 200 },
        {
          kind: 'inboundCall',
          queue: 'helpdesk',
          call: { callerNumber: '06', ringMs: 200, talkMs: 600, abandonAfterMs: 1 },
        },
        { kind: 'inboundCall', queue: 'sales', call: { callerNumber: '07' } },
        { kind: 'expect', withinMs: 400, checks: [{ what: 'activeCalls', count: 0 }] },
        { kind: 'expect', withinMs: 0, checks: [{ what: 'activeCalls', count: 0 }] },
        { kind: 'register', ext: '1001' },
      ],
    });
  });

  it('leaves the scenario as written at speed 1 and rejects nonsense speeds', () => {
    expect(speedUpScenario(scenario, 1)).toEqual(scenario);
    expect(() => speedUpScenario(scenario, 0)).toThrow('speed must be a positive number');
    expect(() => speedUpTiming({}, Number.NaN)).toThrow('speed must be a positive number');
  });

  it("puts the scenario's own timing over the lab's, both sped up", () => {
    const timing = scenarioTiming(speedUpScenario(scenario, 10), 10);
    expect(timing).toEqual({
      ...speedUpTiming(DEMO_TIMING, 10),
      queueTimeoutMs: 1_500,
      retryMs: 200,
    });
    expect(timing.ringMs).toBe(DEMO_TIMING.ringMs / 10);
  });
});
