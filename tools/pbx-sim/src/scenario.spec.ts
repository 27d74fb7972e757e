import type { CallInfo } from './call-env';
import type { RedirectRecord } from './pbx';
import type { Scenario, ScenarioStep, ScenarioTarget } from './scenario';
import { ScenarioError, runScenario, stepLabel } from './scenario';

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

describe('runScenario with the PBX-side steps and expectations', () => {
  /** A fake simulator: records calls, exposes state the test can change while a step waits. */
  function fakeHost() {
    const log: string[] = [];
    const state = {
      members: [] as Array<{ queue: string; interface: string; paused: boolean }>,
      calls: [] as CallInfo[],
      redirects: [] as RedirectRecord[],
    };
    const target: ScenarioTarget = {
      registerPhone: (ext) => log.push(`register ${ext}`),
      unregisterPhone: (ext) => log.push(`unregister ${ext}`),
      dialFeatureCode: async (ext) => {
        throw new Error(`pbx-sim: no phone with extension ${ext}`);
      },
      startInboundCall: async () => undefined,
      addMember: (m) => {
        if (state.members.some((x) => x.interface === m.interface && x.queue === m.queue)) {
          return 'exists';
        }
        state.members.push({ queue: m.queue, interface: m.interface, paused: false });
        return 'ok';
      },
      redirect: (channel, context, exten, priority) => {
        log.push(`redirect ${channel} ${context},${exten},${priority}`);
        return true;
      },
      members: (queue) =>
        state.members
          .filter((m) => m.queue === queue)
          .map((m) => ({ ...view, queue: m.queue, interface: m.interface, paused: m.paused })),
      get redirects() {
        return state.redirects;
      },
      phones: () => [],
      deviceState: () => 'NOT_INUSE',
      queueLog: () => [],
      calls: () => state.calls,
    };
    return { target, log, state };
  }

  const view = {
    memberName: '',
    stateInterface: '',
    penalty: 0,
    callsTaken: 0,
    lastCall: 0,
    lastPause: 0,
    loginTime: 0,
    inCall: false,
    pausedReason: '',
    ringinuse: false,
    wrapuptime: 0,
    status: 1,
  };

  const member = { queue: 'helpdesk', interface: 'Local/1001@agent-phones/n' };

  it('waits for an expectation, in slept time, until it holds', async () => {
    const { target, state } = fakeHost();
    const slept: number[] = [];
    await runScenario(
      target,
      {
        name: 'wait for the gateway',
        steps: [
          {
            kind: 'expect',
            withinMs: 100,
            checks: [{ what: 'member', ...member, present: true }],
          },
        ],
      },
      async (ms) => {
        slept.push(ms);
        // The "gateway" adds the member after 30 ms.
        if (slept.reduce((a, b) => a + b, 0) >= 30)
          state.members.push({ ...member, paused: false });
      },
    );
    expect(slept).toEqual([10, 10, 10]);
  });

  it('fails an expectation that does not come true in time, naming the step', async () => {
    const { target } = fakeHost();
    const scenario: Scenario = {
      name: 'nobody logs in',
      steps: [
        { kind: 'wait', ms: 1 },
        { kind: 'expect', withinMs: 25, checks: [{ what: 'member', ...member, present: true }] },
      ],
    };
    const slept: number[] = [];
    const run = runScenario(target, scenario, async (ms) => {
      slept.push(ms);
    });
    await expect(run).rejects.toThrow(
      new ScenarioError(
        1,
        'steps[1].expect: Local/1001@agent-phones/n is not in helpdesk (waited 25 ms)',
      ),
    );
    await expect(run).rejects.toMatchObject({ stepIndex: 1 });
    expect(slept).toEqual([1, 10, 10, 5]);
  });

  it('reports every failing check of an expect at once', async () => {
    const { target } = fakeHost();
    await expect(
      runScenario(target, {
        name: 'two checks',
        steps: [
          {
            kind: 'expect',
            withinMs: 0,
            checks: [
              { what: 'member', ...member, present: true },
              { what: 'activeCalls', count: 1 },
            ],
          },
        ],
      }),
    ).rejects.toThrow(
      'steps[0].expect: Local/1001@agent-phones/n is not in helpdesk; 0 calls in progress, not 1',
    );
  });

  it('names the step when the simulator refuses it', async () => {
    const { target } = fakeHost();
    const steps: ScenarioStep[] = [
      { kind: 'register', ext: '1001' },
      { kind: 'featureCode', ext: '9999', code: '811' },
    ];
    await expect(runScenario(target, { name: 'unknown phone', steps })).rejects.toThrow(
      'steps[1].dial: pbx-sim: no phone with extension 9999',
    );
  });

  it('fails a step the target cannot do, and one whose result is refused', async () => {
    const { target } = fakeHost();
    await expect(
      runScenario(target, {
        name: 'no pause',
        steps: [{ kind: 'pause', interface: member.interface, paused: false }],
      }),
    ).rejects.toThrow('steps[0].unpause: the target has no pauseMember()');
    await expect(
      runScenario(target, {
        name: 'twice',
        steps: [
          { kind: 'addMember', member },
          { kind: 'addMember', member },
        ],
      }),
    ).rejects.toThrow('steps[1].addMember: Local/1001@agent-phones/n is already in helpdesk');
  });

  it("redirects the channel of the phone's waiting feature-code call", async () => {
    const { target, log, state } = fakeHost();
    const feature = (caller: string, channels: string[], callState: string): CallInfo => ({
      id: channels[0] as string,
      kind: 'feature',
      state: callState,
      linkedid: '1.1',
      channels,
      caller,
    });
    state.calls = [
      feature('1001', ['SIP/1001-00000000'], 'playing'),
      feature('1002', ['SIP/1002-00000001'], 'holding'),
      feature(
        '1001',
        ['Local/811@from-agents-00000000;1', 'Local/811@from-agents-00000000;2'],
        'holding',
      ),
    ];
    await runScenario(target, {
      name: 'redirect',
      steps: [{ kind: 'redirect', ext: '1001', context: 'from-agents', exten: 'gw-loginok' }],
    });
    expect(log).toEqual(['redirect Local/811@from-agents-00000000;2 from-agents,gw-loginok,1']);

    state.calls = [];
    await expect(
      runScenario(target, {
        name: 'too late',
        steps: [{ kind: 'redirect', ext: '1001', context: 'from-agents', exten: 'gw-loginok' }],
      }),
    ).rejects.toThrow(
      'steps[0].redirect: phone 1001 has no feature-code call waiting for a redirect',
    );
  });

  it('tells the caller about each step before running it', async () => {
    const { target } = fakeHost();
    const seen: string[] = [];
    await runScenario(
      target,
      {
        name: 'steps',
        steps: [
          { kind: 'register', ext: '1001' },
          { kind: 'unregister', ext: '1001' },
        ],
      },
      { onStep: (index, step) => seen.push(stepLabel(index, step)), sleep: async () => undefined },
    );
    expect(seen).toEqual(['steps[0].register', 'steps[1].unregister']);
  });
});
