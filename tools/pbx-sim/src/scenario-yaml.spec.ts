import { loadScenario } from './scenario-yaml';
import { ScenarioLoadError } from './yaml-fields';

/** A scenario file with the given step lines under `steps:`. */
const withSteps = (...lines: string[]): string =>
  ['name: test', 'steps:', ...lines.map((l) => `  ${l}`)].join('\n');

function loadError(text: string): ScenarioLoadError {
  try {
    loadScenario(text);
  } catch (error) {
    if (error instanceof ScenarioLoadError) return error;
    throw error;
  }
  throw new Error('loadScenario accepted the file');
}

describe('loadScenario', () => {
  it('reads every kind of step', () => {
    const scenario = loadScenario(
      [
        'name: everything',
        'description: one of each',
        'timing: { featureHoldMs: 3000, queueTimeoutMs: 15_000 }',
        'steps:',
        '  - wait: 500',
        '  - wait: { ms: 1_500 }',
        '  - register: 1001',
        '  - unregister: { ext: 2001 }',
        "  - dial: { ext: 1001, code: '*35*1001*1234#' }",
        '  - call: { queue: helpdesk, from: 0612345678, name: Jane, ringMs: 2000, talkMs: 6000,',
        '            abandonAfterMs: 9000, answer: false }',
        '  - call: { queue: sales, from: 0699 }',
        '  - deviceState: { device: "Custom:agent-1001-helpdesk", state: inuse }',
        '  - addMember: { queue: helpdesk, ext: 1001, paused: true, reason: Lunch, penalty: 2 }',
        '  - addMember: { queue: sales, interface: SIP/1003 }',
        '  - removeMember: { queue: helpdesk, ext: 1001 }',
        '  - pause: { ext: 1001, queue: helpdesk, reason: Coffee }',
        '  - unpause: { interface: SIP/1003 }',
        '  - redirect: { ext: 1001, exten: gw-loginok }',
        '  - redirect: { ext: 1001, exten: s, context: elsewhere }',
      ].join('\n'),
    );
    expect(scenario).toEqual({
      name: 'everything',
      description: 'one of each',
      timing: { featureHoldMs: 3000, queueTimeoutMs: 15000 },
      steps: [
        { kind: 'wait', ms: 500 },
        { kind: 'wait', ms: 1500 },
        { kind: 'register', ext: '1001' },
        { kind: 'unregister', ext: '2001' },
        { kind: 'featureCode', ext: '1001', code: '*35*1001*1234#' },
        {
          kind: 'inboundCall',
          queue: 'helpdesk',
          call: {
            callerNumber: '0612345678',
            callerName: 'Jane',
            ringMs: 2000,
            talkMs: 6000,
            abandonAfterMs: 9000,
            answer: false,
          },
        },
        { kind: 'inboundCall', queue: 'sales', call: { callerNumber: '0699' } },
        { kind: 'deviceState', device: 'Custom:agent-1001-helpdesk', state: 'INUSE' },
        {
          kind: 'addMember',
          member: {
            queue: 'helpdesk',
            interface: 'Local/1001@agent-phones/n',
            stateInterface: 'SIP/1001',
            memberName: 'Agent 1001',
            paused: true,
            reason: 'Lunch',
            penalty: 2,
          },
        },
        { kind: 'addMember', member: { queue: 'sales', interface: 'SIP/1003' } },
        { kind: 'removeMember', queue: 'helpdesk', interface: 'Local/1001@agent-phones/n' },
        {
          kind: 'pause',
          interface: 'Local/1001@agent-phones/n',
          paused: true,
          queue: 'helpdesk',
          reason: 'Coffee',
        },
        { kind: 'pause', interface: 'SIP/1003', paused: false },
        { kind: 'redirect', ext: '1001', exten: 'gw-loginok', context: 'from-agents' },
        { kind: 'redirect', ext: '1001', exten: 's', context: 'elsewhere' },
      ],
    });
  });

  it('keeps numbers as written: leading zeros, codes', () => {
    const scenario = loadScenario(withSteps('- call: { queue: q, from: 0031612345678 }'));
    expect(scenario.steps[0]).toMatchObject({ call: { callerNumber: '0031612345678' } });
  });

  it('reads expect steps with every check and a within', () => {
    const scenario = loadScenario(
      withSteps(
        '- expect:',
        '    member: { queue: helpdesk, ext: 1001, status: 2, paused: false, inCall: true }',
        '    redirect: { ext: 1001, exten: gw-loginok, context: from-agents, count: 1 }',
        '    phone: { ext: 1002, registered: false, state: UNAVAILABLE }',
        '    deviceState: { device: "Queue:helpdesk_avail", state: INUSE }',
        '    call: { from: 0612345678, result: answered, answeredBy: Agent 1001, ringNoAnswer: 1 }',
        '    queueLog: { event: PAUSE, queue: sales, agent: Agent 1001, count: 2 }',
        '    activeCalls: 0',
        '    within: 2000',
        '- expect: { member: { queue: helpdesk, interface: SIP/1003, present: false } }',
      ),
    );
    expect(scenario.steps).toEqual([
      {
        kind: 'expect',
        withinMs: 2000,
        checks: [
          {
            what: 'member',
            queue: 'helpdesk',
            interface: 'Local/1001@agent-phones/n',
            present: true,
            paused: false,
            status: 2,
            inCall: true,
          },
          { what: 'redirect', ext: '1001', exten: 'gw-loginok', context: 'from-agents', count: 1 },
          { what: 'phone', ext: '1002', registered: false, state: 'UNAVAILABLE' },
          { what: 'deviceState', device: 'Queue:helpdesk_avail', state: 'INUSE' },
          {
            what: 'call',
            from: '0612345678',
            result: 'answered',
            answeredBy: 'Agent 1001',
            ringNoAnswer: 1,
          },
          { what: 'queueLog', event: 'PAUSE', queue: 'sales', agent: 'Agent 1001', count: 2 },
          { what: 'activeCalls', count: 0 },
        ],
      },
      {
        kind: 'expect',
        withinMs: 0,
        checks: [{ what: 'member', queue: 'helpdesk', interface: 'SIP/1003', present: false }],
      },
    ]);
  });

  describe('errors name the step, the field and the line', () => {
    it.each([
      [
        'a missing field',
        withSteps('- wait: 1', '- wait: 2', '- register: 1001', '- dial: { ext: 1001 }'),
        'steps[3].dial: code is required (line 6)',
      ],
      [
        'an unknown step',
        withSteps('- wait: 1', '- dail: { ext: 1001, code: 811 }'),
        "steps[1]: unknown step 'dail' (expected one of wait, register, unregister, dial, call, " +
          'deviceState, addMember, removeMember, pause, unpause, redirect, expect) (line 4)',
      ],
      [
        'a misspelt field',
        withSteps('- call: { queue: helpdesk, from: 06, abandonAfterMS: 5 }'),
        "steps[0].call: unknown key 'abandonAfterMS' (expected queue, from, name, ringMs, " +
          'talkMs, abandonAfterMs, answer) (line 3)',
      ],
      [
        'a number that is not one',
        withSteps('- wait: soon'),
        "steps[0].wait: ms must be a whole number, got 'soon' (line 3)",
      ],
      [
        'a bad number inside a step',
        withSteps('- call: { queue: q, from: 06, ringMs: 2.5 }'),
        "steps[0].call.ringMs: ringMs must be a whole number, got '2.5' (line 3)",
      ],
      [
        'a bad boolean',
        withSteps('- call: { queue: q, from: 06, answer: nope }'),
        "steps[0].call: answer must be true or false, got 'nope' (line 3)",
      ],
      [
        'an unknown device state',
        withSteps('- deviceState: { device: "Custom:x", state: BUSYISH }'),
        'steps[0].deviceState: state must be one of UNKNOWN, NOT_INUSE, INUSE, BUSY, INVALID, ' +
          "UNAVAILABLE, RINGING, RINGINUSE, ONHOLD, got 'BUSYISH' (line 3)",
      ],
      [
        'a step with two names',
        withSteps('- wait: 1', '  register: 1001'),
        'steps[0]: a step has exactly one key, the step name; got wait, register (indent the ' +
          'step fields under the step name) (line 3)',
      ],
      [
        'a step that is not a mapping',
        withSteps('- wait'),
        "steps[0]: a step is a mapping like '- wait: 500', got 'wait' (line 3)",
      ],
      [
        'both ext and interface',
        withSteps('- addMember: { queue: q, ext: 1001, interface: SIP/1001 }'),
        'steps[0].addMember: give either ext or interface (line 3)',
      ],
      [
        'an expect without checks',
        withSteps('- expect: { within: 100 }'),
        'steps[0].expect: needs at least one check (member, redirect, phone, deviceState, ' +
          'call, queueLog, activeCalls) (line 3)',
      ],
      [
        'a bad check',
        withSteps('- wait: 1', '- expect:', '    call: { from: 06, result: lost }'),
        'steps[1].expect.call: result must be one of waiting, answered, abandoned, timeout, ' +
          "got 'lost' (line 5)",
      ],
      [
        'an unknown timing',
        'name: t\ntiming: { ringTime: 5 }\nsteps:\n  - wait: 1\n',
        "timing: unknown key 'ringTime' (expected ringMs, talkMs, featureHoldMs, playbackMs, " +
          'queueTimeoutMs, retryMs, patienceMs, maxWaitMs, recheckMs, authFailureDelayMs, agentProbationMs) (line 2)',
      ],
      ['no name', 'steps:\n  - wait: 1\n', 'name is required (line 1)'],
      ['no steps', 'name: t\nsteps: []\n', 'steps: must be a non-empty list of steps (line 2)'],
      ['not a mapping at all', '- wait: 1\n', 'must be a mapping with name and steps (line 1)'],
    ])('%s', (_what, text, message) => {
      expect(loadError(text).message).toBe(message);
    });

    it('reports YAML syntax errors with their line', () => {
      const error = loadError(withSteps('- dial: { ext: 1001', '- wait: 1'));
      expect(error.message).toMatch(/^invalid YAML: .*\(line \d+\)$/s);
    });

    it('explains the unquoted-asterisk trap', () => {
      const error = loadError(withSteps('- wait: 1', '- dial: { ext: 1001, code: *36 }'));
      expect(error.message).toMatch(
        /^invalid YAML: .*quote values that start with \*.*\(line 4\)$/,
      );
    });
  });
});
