import type { CallInfo } from './call-env';
import type { DeviceState } from './device-state';
import type { QueueMemberView } from './events';
import type { RedirectRecord } from './pbx';
import type { PhoneView } from './phones';
import type { ScenarioProbe } from './scenario';
import { checkExpectation } from './scenario-checks';

const member = (overrides: Partial<QueueMemberView>): QueueMemberView => ({
  queue: 'helpdesk',
  interface: 'Local/1001@agent-phones/n',
  memberName: 'Agent 1001',
  stateInterface: 'SIP/1001',
  penalty: 0,
  callsTaken: 0,
  lastCall: 0,
  lastPause: 0,
  loginTime: 0,
  inCall: false,
  paused: false,
  pausedReason: '',
  ringinuse: false,
  wrapuptime: 0,
  status: 1,
  ...overrides,
});

const redirect = (channel: string, exten: string): RedirectRecord => ({
  channel,
  context: 'from-agents',
  exten,
  priority: 1,
  at: 0,
});

/** queue_log of one answered call with a ring-no-answer, one abandoned, one still waiting. */
const QUEUE_LOG = [
  '1|MANAGER|helpdesk|Local/1001@agent-phones/n|ADDMEMBER|',
  '2|100.1|helpdesk|NONE|ENTERQUEUE||0612345678|1',
  '3|100.1|helpdesk|Agent 1002|RINGNOANSWER|15000',
  '4|100.1|helpdesk|Agent 1001|CONNECT|2|100.5|2',
  '5|100.9|sales|NONE|ENTERQUEUE||0633000001|1',
  '6|100.9|sales|NONE|ABANDON|1|1|20',
  '7|101.2|helpdesk|NONE|ENTERQUEUE||0655000001|1',
  '8|NONE|sales|Agent 1001|PAUSE|Lunch',
];

function probe(): ScenarioProbe {
  const devices: Record<string, DeviceState> = { 'Queue:helpdesk_avail': 'INUSE' };
  const phones: PhoneView[] = [
    {
      ext: '1002',
      name: 'Agent Two',
      registered: false,
      deviceState: 'UNAVAILABLE',
      activeCalls: 0,
    },
  ];
  const calls: CallInfo[] = [
    { id: 'a', kind: 'inbound', state: 'waiting', linkedid: 'a', channels: [] },
  ];
  return {
    members: (queue) =>
      queue === 'helpdesk'
        ? [member({ status: 2, inCall: true }), member({ interface: 'SIP/1003' })]
        : [],
    redirects: [
      redirect('SIP/1001-00000000', 'gw-loginok'),
      redirect('SIP/2001-00000001', 'gw-refused'),
    ],
    phones: () => phones,
    deviceState: (device) => devices[device] ?? 'INVALID',
    queueLog: () => QUEUE_LOG,
    calls: () => calls,
  };
}

describe('checkExpectation', () => {
  it.each<[string, Parameters<typeof checkExpectation>[1]]>([
    ['member present', { what: 'member', queue: 'helpdesk', interface: 'SIP/1003', present: true }],
    [
      'member with status and inCall',
      {
        what: 'member',
        queue: 'helpdesk',
        interface: 'Local/1001@agent-phones/n',
        present: true,
        status: 2,
        inCall: true,
        paused: false,
      },
    ],
    ['member absent', { what: 'member', queue: 'sales', interface: 'SIP/1003', present: false }],
    ['redirect of a phone', { what: 'redirect', ext: '1001', exten: 'gw-loginok' }],
    ['redirect count', { what: 'redirect', context: 'from-agents', count: 2 }],
    ['no redirect', { what: 'redirect', ext: '1002', count: 0 }],
    ['phone', { what: 'phone', ext: '1002', registered: false, state: 'UNAVAILABLE' }],
    ['device state', { what: 'deviceState', device: 'Queue:helpdesk_avail', state: 'INUSE' }],
    [
      'answered call',
      {
        what: 'call',
        from: '0612345678',
        result: 'answered',
        answeredBy: 'Agent 1001',
        ringNoAnswer: 1,
      },
    ],
    ['abandoned call', { what: 'call', from: '0633000001', result: 'abandoned' }],
    ['waiting call', { what: 'call', from: '0655000001', result: 'waiting' }],
    ['queue_log line', { what: 'queueLog', event: 'PAUSE', queue: 'sales', agent: 'Agent 1001' }],
    ['queue_log count', { what: 'queueLog', event: 'ENTERQUEUE', count: 3 }],
    ['active calls', { what: 'activeCalls', count: 1 }],
  ])('%s holds', (_what, check) => {
    expect(checkExpectation(probe(), check)).toBeUndefined();
  });

  it.each<[string, Parameters<typeof checkExpectation>[1], string]>([
    [
      'member missing',
      { what: 'member', queue: 'sales', interface: 'SIP/1003', present: true },
      'SIP/1003 is not in sales',
    ],
    [
      'member still there',
      { what: 'member', queue: 'helpdesk', interface: 'SIP/1003', present: false },
      'SIP/1003 is still in helpdesk',
    ],
    [
      'member in the wrong state',
      {
        what: 'member',
        queue: 'helpdesk',
        interface: 'Local/1001@agent-phones/n',
        present: true,
        status: 1,
        paused: true,
      },
      'Local/1001@agent-phones/n in helpdesk has paused false, status 2',
    ],
    [
      'redirect missing',
      { what: 'redirect', ext: '1001', exten: 'gw-loggedoff' },
      '0 redirect(s) of phone 1001 to gw-loggedoff, expected at least 1 ' +
        '(seen: SIP/1001-00000000→from-agents,gw-loginok, SIP/2001-00000001→from-agents,gw-refused)',
    ],
    [
      'redirect count',
      { what: 'redirect', ext: '2001', count: 0 },
      expect.stringMatching(/^1 redirect\(s\) of phone 2001, expected 0 /),
    ],
    [
      'phone',
      { what: 'phone', ext: '1002', registered: true, state: 'NOT_INUSE' },
      'phone 1002 is not registered and in state UNAVAILABLE',
    ],
    ['unknown phone', { what: 'phone', ext: '4711' }, 'no phone 4711'],
    [
      'device state',
      { what: 'deviceState', device: 'Queue:helpdesk_avail', state: 'NOT_INUSE' },
      'Queue:helpdesk_avail is INUSE, not NOT_INUSE',
    ],
    [
      'call result and agent',
      { what: 'call', from: '0633000001', result: 'answered', answeredBy: 'Agent 1001' },
      'the call from 0633000001 is abandoned and was not answered',
    ],
    [
      'ring-no-answers',
      { what: 'call', from: '0612345678', ringNoAnswer: 2 },
      'the call from 0612345678 had 1 ring-no-answer(s)',
    ],
    ['unknown call', { what: 'call', from: '0600000000' }, 'no queue call from 0600000000'],
    [
      'queue_log',
      { what: 'queueLog', event: 'PAUSE', queue: 'helpdesk' },
      '0 queue_log PAUSE line(s), expected at least 1',
    ],
    ['active calls', { what: 'activeCalls', count: 0 }, '1 calls in progress, not 0'],
  ])('%s fails with what was found', (_what, check, message) => {
    expect(checkExpectation(probe(), check)).toEqual(message);
  });
});
