// Every frame builder against a frame of the same kind from the real captures: same header names,
// same order. Pure (no sockets) so it covers the events the TCP specs do not provoke.

import type { AmiMessage } from '@switchboard/ami';
import { Channel } from './channel';
import type { AmiFields, QueueMemberEventName, QueueMemberView } from './events';
import * as ev from './events';
import { captureEvent, captureFrame, captureListItem, captureResponse } from './testing/captures';

const names = (fields: AmiFields): string[] => fields.map(([k]) => k);
const capturedNames = (m: AmiMessage): string[] => m.fields.map(([k]) => k);

function channel(name = 'Local/s@inbound-00000007;2'): Channel {
  const ch = new Channel(name, '1795335069.15', '1795335069.14', {
    state: 'Up',
    context: 'inbound',
    exten: 's',
  });
  ch.setCallerId('0612345678', 'Customer 0612345678');
  return ch;
}

const member: QueueMemberView = {
  queue: 'helpdesk',
  memberName: 'Agent 1001',
  interface: 'Local/1001@agent-phones/n',
  stateInterface: 'SIP/1001',
  penalty: 0,
  callsTaken: 0,
  lastCall: 0,
  lastPause: 0,
  loginTime: 1795335014,
  inCall: false,
  status: 1,
  paused: false,
  pausedReason: '',
  ringinuse: false,
  wrapuptime: 0,
};

const agent: ev.AgentRef = {
  queue: 'helpdesk',
  interface: member.interface,
  memberName: 'Agent 1001',
};
const session: ev.AmiSessionInfo = {
  sessionId: '0x1',
  localAddress: 'IPV4/TCP/127.0.0.1/5038',
  remoteAddress: 'IPV4/TCP/127.0.0.1/50000',
  sessionTv: '2026-11-22T08:09:41.936+0000',
};
const hint: ev.HintView = { exten: '1001', context: 'from-agents', device: 'SIP/1001' };
const bridge: ev.BridgeView = { uniqueid: '3fdf5caf-dae2-4966-ab10-ceddfe450194', numChannels: 1 };
const cdrView: ev.CdrView = {
  source: '1001',
  destination: 'gw-loginok',
  destinationContext: 'from-agents',
  callerId: '"Agent One" <1001>',
  channel: 'SIP/1001-00000001',
  destinationChannel: '',
  lastApplication: 'Hangup',
  lastData: '',
  startTime: '2026-11-22 08:49:31',
  answerTime: '2026-11-22 08:49:31',
  endTime: '2026-11-22 08:49:34',
  duration: 2,
  billableSeconds: 2,
  disposition: 'ANSWERED',
  uniqueid: '1795337371.1',
};

type Case = [string, () => AmiFields, () => AmiMessage];

const cases: Case[] = [
  [
    'Newchannel',
    () => ev.newchannel(channel()),
    () => captureEvent('queue-call-answered', 'Newchannel'),
  ],
  ['Newstate', () => ev.newstate(channel()), () => captureEvent('queue-call-answered', 'Newstate')],
  [
    'Newexten',
    () => ev.newexten(channel(), 'Queue', 'helpdesk'),
    () => captureEvent('queue-call-answered', 'Newexten'),
  ],
  [
    'NewCallerid',
    () => ev.newCallerid(channel()),
    () => captureEvent('queue-call-answered', 'NewCallerid'),
  ],
  [
    'NewConnectedLine',
    () => ev.newConnectedLine(channel()),
    () => captureEvent('queue-call-answered', 'NewConnectedLine'),
  ],
  [
    'VarSet',
    () => ev.varSet(channel(), 'QUEUENAME', 'helpdesk'),
    () => captureEvent('queue-call-answered', 'VarSet', { Variable: 'QUEUENAME' }),
  ],
  [
    'VarSet (global)',
    () => ev.globalVarSet('PHONES', 'sip'),
    () => captureEvent('queue-call-answered', 'VarSet', { Channel: 'none' }),
  ],
  ['Hangup', () => ev.hangup(channel(), 16), () => captureEvent('queue-call-answered', 'Hangup')],
  [
    'HangupRequest',
    () => ev.hangupRequest(channel(), 16),
    () => captureEvent('queue-call-answered', 'HangupRequest'),
  ],
  [
    'SoftHangupRequest',
    () => ev.softHangupRequest(channel(), 16),
    () => captureEvent('queue-call-answered', 'SoftHangupRequest'),
  ],
  [
    'UserEvent',
    () =>
      ev.userEvent(channel(), 'AgentFeature', [
        ['Code', '811'],
        ['Caller', '1001'],
      ]),
    () => captureEvent('feature-code-sip-phone', 'UserEvent'),
  ],
  [
    'MusicOnHoldStart',
    () => ev.musicOnHoldStart(channel()),
    () => captureEvent('queue-call-answered', 'MusicOnHoldStart'),
  ],
  [
    'MusicOnHoldStop',
    () => ev.musicOnHoldStop(channel()),
    () => captureEvent('queue-call-answered', 'MusicOnHoldStop'),
  ],
  [
    'LocalBridge',
    () => ev.localBridge(channel(), channel(), true),
    () => captureEvent('queue-call-answered', 'LocalBridge'),
  ],
  [
    'DialBegin (caller)',
    () => ev.dialBegin(channel(), channel(), 'Local/1001@agent-phones/n'),
    () =>
      captureEvent('queue-call-answered', 'DialBegin', { DialString: 'Local/1001@agent-phones/n' }),
  ],
  [
    'DialBegin (originate)',
    () => ev.dialBegin(undefined, channel(), 's@inbound'),
    () => captureEvent('queue-call-answered', 'DialBegin', { DialString: 's@inbound' }),
  ],
  [
    'DialState',
    () => ev.dialState(channel(), channel(), 'RINGING'),
    () => captureEvent('queue-call-answered', 'DialState'),
  ],
  [
    'DialEnd (caller)',
    () => ev.dialEnd(channel(), channel(), 'ANSWER'),
    () =>
      captureFrame(
        'queue-call-answered',
        (m) => m.get('Event') === 'DialEnd' && m.get('Channel') !== undefined,
      ),
  ],
  [
    'DialEnd (originate)',
    () => ev.dialEnd(undefined, channel(), 'ANSWER'),
    () => captureEvent('queue-call-answered', 'DialEnd'),
  ],
  [
    'BridgeCreate',
    () => ev.bridgeCreate(bridge),
    () => captureEvent('queue-call-answered', 'BridgeCreate'),
  ],
  [
    'BridgeEnter',
    () => ev.bridgeEnter(bridge, channel()),
    () => captureEvent('queue-call-answered', 'BridgeEnter'),
  ],
  [
    'BridgeLeave',
    () => ev.bridgeLeave(bridge, channel()),
    () => captureEvent('queue-call-answered', 'BridgeLeave'),
  ],
  [
    'BridgeDestroy',
    () => ev.bridgeDestroy(bridge),
    () => captureEvent('queue-call-answered', 'BridgeDestroy'),
  ],
  ['Cdr', () => ev.cdr(cdrView), () => captureEvent('feature-code-sip-phone', 'Cdr')],
  [
    'QueueCallerJoin',
    () => ev.queueCallerJoin(channel(), 'helpdesk', 1, 1),
    () => captureEvent('queue-call-answered', 'QueueCallerJoin'),
  ],
  [
    'QueueCallerLeave',
    () => ev.queueCallerLeave(channel(), 'helpdesk', 1, 0),
    () => captureEvent('queue-call-answered', 'QueueCallerLeave'),
  ],
  [
    'QueueCallerAbandon',
    () => ev.queueCallerAbandon(channel(), 'helpdesk', 1, 1, 6),
    () => captureEvent('phone-unregister-while-member', 'QueueCallerAbandon'),
  ],
  [
    'AgentCalled',
    () => ev.agentCalled(channel(), channel(), agent),
    () => captureEvent('queue-call-answered', 'AgentCalled'),
  ],
  [
    'AgentConnect',
    () => ev.agentConnect(channel(), channel(), agent, 2, 2),
    () => captureEvent('queue-call-answered', 'AgentConnect'),
  ],
  [
    'AgentComplete',
    () => ev.agentComplete(channel(), channel(), agent, 2, 6, 'agent'),
    () => captureEvent('queue-call-answered', 'AgentComplete'),
  ],
  [
    'DeviceStateChange',
    () => ev.deviceStateChange('SIP/1001', 'INUSE'),
    () => captureEvent('feature-code-sip-phone', 'DeviceStateChange'),
  ],
  [
    'DeviceStateChange (list item)',
    () => ev.deviceStateItem('x', 'SIP/1001', 'NOT_INUSE'),
    () => captureListItem('devstate-blf', 'DeviceStateChange'),
  ],
  [
    'DeviceStateListComplete',
    () => ev.listComplete('DeviceStateListComplete', 'x', 3),
    () => captureListItem('devstate-blf', 'DeviceStateListComplete'),
  ],
  [
    'ExtensionStatus',
    () => ev.extensionStatus(hint, 'INUSE'),
    () => captureEvent('feature-code-sip-phone', 'ExtensionStatus'),
  ],
  [
    'ExtensionStatus (list item)',
    () => ev.extensionStatusItem('x', hint, 'NOT_INUSE'),
    () => captureListItem('devstate-blf', 'ExtensionStatus'),
  ],
  [
    'ExtensionStateListComplete',
    () => ev.listComplete('ExtensionStateListComplete', 'x', 4),
    () => captureListItem('devstate-blf', 'ExtensionStateListComplete'),
  ],
  [
    'ExtensionState response',
    () => ev.extensionStateResponse('x', hint, 'NOT_INUSE'),
    () => captureResponse('devstate-blf', 'devstate-blf-2'),
  ],
  [
    'PeerStatus Registered',
    () => ev.peerStatusRegistered('1001', '127.0.0.1:5101'),
    () => captureEvent('sip-registration', 'PeerStatus', { PeerStatus: 'Registered' }),
  ],
  [
    'PeerStatus Unregistered',
    () => ev.peerStatusUnregistered('2001'),
    () => captureEvent('sip-registration', 'PeerStatus', { PeerStatus: 'Unregistered' }),
  ],
  ['FullyBooted', () => ev.fullyBooted(152), () => captureEvent('login-and-banner', 'FullyBooted')],
  [
    'SuccessfulAuth',
    () => ev.successfulAuth(session, 'gateway', 'tv'),
    () => captureEvent('login-and-banner', 'SuccessfulAuth'),
  ],
  [
    'RequestBadFormat',
    () => ev.requestBadFormat(session, 'gateway', 'Foo', 'tv'),
    () => captureEvent('errors-after-login', 'RequestBadFormat'),
  ],
  [
    'OriginateResponse',
    () =>
      ev.originateResponse(
        'x',
        true,
        channel(),
        'Local/s@inbound',
        [
          ['Application', 'Wait'],
          ['Data', '90'],
        ],
        '0612345678',
        'Customer',
      ),
    () => captureEvent('queue-call-answered', 'OriginateResponse'),
  ],
  [
    'CoreShowChannel',
    () => ev.coreShowChannelItem('x', channel(), 3),
    () => captureListItem('queue-call-answered', 'CoreShowChannel'),
  ],
  [
    'CoreShowChannelsComplete',
    () => ev.listComplete('CoreShowChannelsComplete', 'x', 5),
    () => captureListItem('queue-call-answered', 'CoreShowChannelsComplete'),
  ],
  [
    'QueueParams',
    () =>
      ev.queueParamsItem('x', {
        queue: 'helpdesk',
        strategy: 'rrmemory',
        calls: 0,
        holdtime: 0,
        talktime: 0,
        completed: 0,
        abandoned: 0,
        serviceLevel: 20,
        serviceLevelPerf: '0.0',
        serviceLevelPerf2: '0.0',
      }),
    () => captureListItem('queue-status', 'QueueParams'),
  ],
  [
    'QueueMember',
    () => ev.queueMemberItem('x', member),
    () => captureListItem('queue-status', 'QueueMember'),
  ],
  [
    'QueueEntry',
    () => ev.queueEntryItem('x', 'helpdesk', 1, channel(), 3),
    () => captureListItem('queue-status', 'QueueEntry'),
  ],
  [
    'QueueStatusComplete',
    () => ev.listComplete('QueueStatusComplete', 'x', 7),
    () => captureListItem('queue-status', 'QueueStatusComplete'),
  ],
  [
    'QueueSummary',
    () =>
      ev.queueSummaryItem('x', {
        queue: 'helpdesk',
        loggedIn: 2,
        available: 0,
        callers: 1,
        holdtime: 0,
        talktime: 0,
        longestHoldTime: 3,
      }),
    () => captureListItem('queue-status', 'QueueSummary'),
  ],
  [
    'QueueSummaryComplete',
    () => ev.listComplete('QueueSummaryComplete', 'x', 2),
    () => captureListItem('queue-status', 'QueueSummaryComplete'),
  ],
  [
    'list start',
    () => ev.listStart('x', 'Queue status will follow'),
    () => captureResponse('queue-status', 'queue-status-8'),
  ],
  [
    'Ping response',
    () =>
      ev.response('Success', 'x', [
        ['Ping', 'Pong'],
        ['Timestamp', '1.000000'],
      ]),
    () => captureResponse('login-and-banner', 'login-and-banner-2'),
  ],
  [
    'Goodbye',
    () => ev.messageResponse('Goodbye', 'x', 'Thanks for all the fish.'),
    () => captureResponse('login-and-banner', 'login-and-banner-3'),
  ],
];

const memberEvents: Array<[QueueMemberEventName, string]> = [
  ['QueueMemberAdded', 'queue-call-answered'],
  ['QueueMemberRemoved', 'feature-code-sip-phone'],
  ['QueueMemberPause', 'pause-unpause'],
  ['QueueMemberStatus', 'queue-call-answered'],
  ['QueueMemberPenalty', 'pause-unpause'],
  ['QueueMemberRinginuse', 'pause-unpause'],
];

describe('frame builders match the captured Asterisk 20 frames', () => {
  it.each(cases)('%s', (_label, build, captured) => {
    expect(names(build())).toEqual(capturedNames(captured()));
  });

  it.each(memberEvents)('%s', (name, capture) => {
    expect(names(ev.queueMemberEvent(name, member))).toEqual(
      capturedNames(captureEvent(capture, name)),
    );
  });

  it('omits ActionID from responses and list items when the action had none', () => {
    expect(names(ev.messageResponse('Success', undefined, 'ok'))).toEqual(['Response', 'Message']);
    expect(names(ev.queueMemberItem(undefined, member))).not.toContain('ActionID');
    expect(names(ev.listComplete('QueueStatusComplete', undefined, 0))).toEqual([
      'Event',
      'EventList',
      'ListItems',
    ]);
  });

  it('writes the channel snapshot values the way Asterisk does', () => {
    const ch = new Channel('SIP/1001-00000001', '1795337371.1', '1795337371.1', {
      state: 'Ring',
      context: 'from-agents',
      exten: '811',
    });
    const record = Object.fromEntries(ev.newstate(ch));
    expect(record).toMatchObject({
      ChannelState: '4',
      ChannelStateDesc: 'Ring',
      CallerIDNum: '<unknown>',
      ConnectedLineName: '<unknown>',
      Language: 'en',
      AccountCode: '',
      Priority: '1',
    });
    expect(Object.fromEntries(ev.hangup(ch, 16))['Cause-txt']).toBe('Normal Clearing');
    expect(Object.fromEntries(ev.extensionStatus(hint, 'RINGING'))).toMatchObject({
      Status: '8',
      StatusText: 'Ringing',
    });
    expect(Object.fromEntries(ev.extensionStatus(hint, 'UNAVAILABLE'))).toMatchObject({
      Status: '4',
      StatusText: 'Unavailable',
    });
  });
});
