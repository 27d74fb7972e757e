// Builders for every AMI frame the simulator sends. Header names and their order are copied from
// the Asterisk 20 captures in shared/ami-captures (the specs compare them header by header), so
// this file is the one place to look when a consumer disagrees with the simulator.

import type { AmiFields, Channel } from './channel';
import type { DeviceState } from './device-state';
import { extensionState } from './device-state';

export type { AmiFields } from './channel';

function event(name: string, privilege: string, ...parts: AmiFields[]): AmiFields {
  return [['Event', name], ['Privilege', privilege], ...parts.flat()];
}

/** `Response: X` with ActionID right after it (only when the action carried one). */
export function response(
  kind: 'Success' | 'Error' | 'Goodbye',
  actionId: string | undefined,
  rest: AmiFields = [],
): AmiFields {
  const fields: AmiFields = [['Response', kind]];
  if (actionId !== undefined) fields.push(['ActionID', actionId]);
  return [...fields, ...rest];
}

export function messageResponse(
  kind: 'Success' | 'Error' | 'Goodbye',
  actionId: string | undefined,
  message: string,
): AmiFields {
  return response(kind, actionId, [['Message', message]]);
}

/** First frame of a list response: `Response: Success`, `EventList: start`, `Message: ...`. */
export function listStart(actionId: string | undefined, message: string): AmiFields {
  return response('Success', actionId, [
    ['EventList', 'start'],
    ['Message', message],
  ]);
}

/** `<Name>Complete` frame closing a list: ActionID, `EventList: Complete`, `ListItems: N`. */
export function listComplete(name: string, actionId: string | undefined, items: number): AmiFields {
  return [
    ['Event', name],
    ...withActionId(actionId),
    ['EventList', 'Complete'],
    ['ListItems', String(items)],
  ];
}

function withActionId(actionId: string | undefined): AmiFields {
  return actionId === undefined ? [] : [['ActionID', actionId]];
}

// --- system and security -------------------------------------------------------------------

export function fullyBooted(uptimeSeconds: number): AmiFields {
  return event('FullyBooted', 'system,all', [
    ['Uptime', String(uptimeSeconds)],
    ['LastReload', String(uptimeSeconds)],
    ['Status', 'Fully Booted'],
  ]);
}

export interface AmiSessionInfo {
  readonly sessionId: string;
  readonly localAddress: string;
  readonly remoteAddress: string;
  readonly sessionTv: string;
}

export function successfulAuth(
  session: AmiSessionInfo,
  accountId: string,
  eventTv: string,
): AmiFields {
  return event('SuccessfulAuth', 'security,all', [
    ['EventTV', eventTv],
    ['Severity', 'Informational'],
    ['Service', 'AMI'],
    ['EventVersion', '1'],
    ['AccountID', accountId],
    ['SessionID', session.sessionId],
    ['LocalAddress', session.localAddress],
    ['RemoteAddress', session.remoteAddress],
    ['UsingPassword', '0'],
    ['SessionTV', session.sessionTv],
  ]);
}

export function requestBadFormat(
  session: AmiSessionInfo,
  accountId: string,
  action: string,
  eventTv: string,
): AmiFields {
  return event('RequestBadFormat', 'security,all', [
    ['EventTV', eventTv],
    ['Severity', 'Error'],
    ['Service', 'AMI'],
    ['EventVersion', '1'],
    ['SessionID', session.sessionId],
    ['LocalAddress', session.localAddress],
    ['RemoteAddress', session.remoteAddress],
    ['RequestType', `Action: ${action}`],
    ['SessionTV', session.sessionTv],
    ['AccountID', accountId],
  ]);
}

// --- devices, hints, peers -----------------------------------------------------------------

export function deviceStateChange(device: string, state: DeviceState): AmiFields {
  return event('DeviceStateChange', 'call,all', [
    ['Device', device],
    ['State', state],
  ]);
}

/** DeviceStateList item: same event name, ActionID instead of Privilege. */
export function deviceStateItem(
  actionId: string | undefined,
  device: string,
  state: DeviceState,
): AmiFields {
  return [
    ['Event', 'DeviceStateChange'],
    ...withActionId(actionId),
    ['Device', device],
    ['State', state],
  ];
}

export interface HintView {
  readonly exten: string;
  readonly context: string;
  readonly device: string;
}

function hintFields(hint: HintView, state: DeviceState): AmiFields {
  const ext = extensionState(state);
  return [
    ['Exten', hint.exten],
    ['Context', hint.context],
    ['Hint', hint.device],
    ['Status', String(ext.status)],
    ['StatusText', ext.text],
  ];
}

export function extensionStatus(hint: HintView, state: DeviceState): AmiFields {
  return event('ExtensionStatus', 'call,all', hintFields(hint, state));
}

/** ExtensionStateList item. */
export function extensionStatusItem(
  actionId: string | undefined,
  hint: HintView,
  state: DeviceState,
): AmiFields {
  return [['Event', 'ExtensionStatus'], ...withActionId(actionId), ...hintFields(hint, state)];
}

/** Response to the ExtensionState action. */
export function extensionStateResponse(
  actionId: string | undefined,
  hint: HintView,
  state: DeviceState,
): AmiFields {
  return response('Success', actionId, [
    ['Message', 'Extension Status'],
    ...hintFields(hint, state),
  ]);
}

export function peerStatusRegistered(ext: string, address: string): AmiFields {
  return event('PeerStatus', 'system,all', [
    ['ChannelType', 'SIP'],
    ['Peer', `SIP/${ext}`],
    ['PeerStatus', 'Registered'],
    ['Address', address],
  ]);
}

export function peerStatusUnregistered(ext: string): AmiFields {
  return event('PeerStatus', 'system,all', [
    ['ChannelType', 'SIP'],
    ['Peer', `SIP/${ext}`],
    ['PeerStatus', 'Unregistered'],
    ['Cause', 'Expired'],
  ]);
}

// --- queue members -------------------------------------------------------------------------

export interface QueueMemberView {
  readonly queue: string;
  readonly memberName: string;
  readonly interface: string;
  readonly stateInterface: string;
  readonly penalty: number;
  readonly callsTaken: number;
  readonly lastCall: number;
  readonly lastPause: number;
  readonly loginTime: number;
  readonly inCall: boolean;
  readonly status: number;
  readonly paused: boolean;
  readonly pausedReason: string;
  readonly ringinuse: boolean;
  readonly wrapuptime: number;
}

export type QueueMemberEventName =
  | 'QueueMemberAdded'
  | 'QueueMemberRemoved'
  | 'QueueMemberPause'
  | 'QueueMemberStatus'
  | 'QueueMemberPenalty'
  | 'QueueMemberRinginuse';

export function queueMemberEvent(name: QueueMemberEventName, m: QueueMemberView): AmiFields {
  return event(name, 'agent,all', [
    ['Queue', m.queue],
    ['MemberName', m.memberName],
    ['Interface', m.interface],
    ['StateInterface', m.stateInterface],
    ['Membership', 'dynamic'],
    ['Penalty', String(m.penalty)],
    ['CallsTaken', String(m.callsTaken)],
    ['LastCall', String(m.lastCall)],
    ['LastPause', String(m.lastPause)],
    ['LoginTime', String(m.loginTime)],
    ['InCall', m.inCall ? '1' : '0'],
    ['Status', String(m.status)],
    ['Paused', m.paused ? '1' : '0'],
    ['PausedReason', m.pausedReason],
    ['Ringinuse', m.ringinuse ? '1' : '0'],
    ['Wrapuptime', String(m.wrapuptime)],
  ]);
}

// --- QueueStatus / QueueSummary list items (no Privilege, ActionID last) ----------------------

export interface QueueParamsView {
  readonly queue: string;
  readonly strategy: string;
  readonly calls: number;
  readonly holdtime: number;
  readonly talktime: number;
  readonly completed: number;
  readonly abandoned: number;
  readonly serviceLevel: number;
  readonly serviceLevelPerf: string;
  readonly serviceLevelPerf2: string;
}

export function queueParamsItem(actionId: string | undefined, q: QueueParamsView): AmiFields {
  return [
    ['Event', 'QueueParams'],
    ['Queue', q.queue],
    ['Max', '0'],
    ['Strategy', q.strategy],
    ['Calls', String(q.calls)],
    ['Holdtime', String(q.holdtime)],
    ['TalkTime', String(q.talktime)],
    ['Completed', String(q.completed)],
    ['Abandoned', String(q.abandoned)],
    ['ServiceLevel', String(q.serviceLevel)],
    ['ServicelevelPerf', q.serviceLevelPerf],
    ['ServicelevelPerf2', q.serviceLevelPerf2],
    ['Weight', '0'],
    ...withActionId(actionId),
  ];
}

/** QueueStatus member item: `Name` and `Location`, no Ringinuse. */
export function queueMemberItem(actionId: string | undefined, m: QueueMemberView): AmiFields {
  return [
    ['Event', 'QueueMember'],
    ['Queue', m.queue],
    ['Name', m.memberName],
    ['Location', m.interface],
    ['StateInterface', m.stateInterface],
    ['Membership', 'dynamic'],
    ['Penalty', String(m.penalty)],
    ['CallsTaken', String(m.callsTaken)],
    ['LastCall', String(m.lastCall)],
    ['LastPause', String(m.lastPause)],
    ['LoginTime', String(m.loginTime)],
    ['InCall', m.inCall ? '1' : '0'],
    ['Status', String(m.status)],
    ['Paused', m.paused ? '1' : '0'],
    ['PausedReason', m.pausedReason],
    ['Wrapuptime', String(m.wrapuptime)],
    ...withActionId(actionId),
  ];
}

export function queueEntryItem(
  actionId: string | undefined,
  queue: string,
  position: number,
  caller: Channel,
  waitSeconds: number,
): AmiFields {
  return [
    ['Event', 'QueueEntry'],
    ['Queue', queue],
    ['Position', String(position)],
    ['Channel', caller.name],
    ['Uniqueid', caller.uniqueid],
    ['CallerIDNum', caller.callerIdNum],
    ['CallerIDName', caller.callerIdName],
    ['ConnectedLineNum', caller.connectedNum],
    ['ConnectedLineName', caller.connectedName],
    ['Wait', String(waitSeconds)],
    ['Priority', '0'],
    ...withActionId(actionId),
  ];
}

export interface QueueSummaryView {
  readonly queue: string;
  readonly loggedIn: number;
  readonly available: number;
  readonly callers: number;
  readonly holdtime: number;
  readonly talktime: number;
  readonly longestHoldTime: number;
}

export function queueSummaryItem(actionId: string | undefined, s: QueueSummaryView): AmiFields {
  return [
    ['Event', 'QueueSummary'],
    ['Queue', s.queue],
    ['LoggedIn', String(s.loggedIn)],
    ['Available', String(s.available)],
    ['Callers', String(s.callers)],
    ['HoldTime', String(s.holdtime)],
    ['TalkTime', String(s.talktime)],
    ['LongestHoldTime', String(s.longestHoldTime)],
    ...withActionId(actionId),
  ];
}

// --- channels ------------------------------------------------------------------------------

export function newchannel(ch: Channel): AmiFields {
  return event('Newchannel', 'call,all', ch.snapshot());
}

export function newstate(ch: Channel): AmiFields {
  return event('Newstate', 'call,all', ch.snapshot());
}

export function newexten(ch: Channel, application: string, appData: string): AmiFields {
  return event('Newexten', 'dialplan,all', ch.snapshot(), [
    ['Extension', ch.exten],
    ['Application', application],
    ['AppData', appData],
  ]);
}

export function newCallerid(ch: Channel): AmiFields {
  return event('NewCallerid', 'call,all', ch.snapshot(), [
    ['CID-CallingPres', '0 (Presentation Allowed, Not Screened)'],
  ]);
}

export function newConnectedLine(ch: Channel): AmiFields {
  return event('NewConnectedLine', 'call,all', ch.snapshot());
}

export function varSet(ch: Channel, variable: string, value: string): AmiFields {
  return event('VarSet', 'dialplan,all', ch.snapshot(), [
    ['Variable', variable],
    ['Value', value],
  ]);
}

/** A global variable set without a channel (`Channel: none`, `Uniqueid: none`). */
export function globalVarSet(variable: string, value: string): AmiFields {
  return event('VarSet', 'dialplan,all', [
    ['Channel', 'none'],
    ['Uniqueid', 'none'],
    ['Variable', variable],
    ['Value', value],
  ]);
}

const CAUSE_TEXT: Readonly<Record<number, string>> = {
  0: 'Unknown',
  16: 'Normal Clearing',
  17: 'User busy',
  19: 'No user responding',
  21: 'Call Rejected',
  26: 'Answered elsewhere',
};

export function hangup(ch: Channel, cause: number): AmiFields {
  return event('Hangup', 'call,all', ch.snapshot(), [
    ['Cause', String(cause)],
    ['Cause-txt', CAUSE_TEXT[cause] ?? 'Unknown'],
  ]);
}

export function hangupRequest(ch: Channel, cause: number): AmiFields {
  return event('HangupRequest', 'call,all', ch.snapshot(), [['Cause', String(cause)]]);
}

export function softHangupRequest(ch: Channel, cause: number): AmiFields {
  return event('SoftHangupRequest', 'call,all', ch.snapshot(), [['Cause', String(cause)]]);
}

export function userEvent(ch: Channel, userEventName: string, body: AmiFields): AmiFields {
  return event('UserEvent', 'user,all', ch.snapshot(), [['UserEvent', userEventName]], body);
}

export function musicOnHoldStart(ch: Channel): AmiFields {
  return event('MusicOnHoldStart', 'call,all', ch.snapshot(), [['Class', 'default']]);
}

export function musicOnHoldStop(ch: Channel): AmiFields {
  return event('MusicOnHoldStop', 'call,all', ch.snapshot());
}

export function localBridge(one: Channel, two: Channel, optimization: boolean): AmiFields {
  return event('LocalBridge', 'call,all', one.snapshot('LocalOne'), two.snapshot('LocalTwo'), [
    ['Context', two.context],
    ['Exten', two.exten],
    ['LocalOptimization', optimization ? 'Yes' : 'No'],
  ]);
}

/** DialBegin: the caller snapshot is absent when an Originate dials (no calling channel). */
export function dialBegin(
  caller: Channel | undefined,
  dest: Channel,
  dialString: string,
): AmiFields {
  return event('DialBegin', 'call,all', caller ? caller.snapshot() : [], dest.snapshot('Dest'), [
    ['DialString', dialString],
  ]);
}

export function dialState(caller: Channel | undefined, dest: Channel, status: string): AmiFields {
  return event('DialState', 'call,all', caller ? caller.snapshot() : [], dest.snapshot('Dest'), [
    ['DialStatus', status],
  ]);
}

export function dialEnd(caller: Channel | undefined, dest: Channel, status: string): AmiFields {
  return event('DialEnd', 'call,all', caller ? caller.snapshot() : [], dest.snapshot('Dest'), [
    ['DialStatus', status],
  ]);
}

export interface BridgeView {
  readonly uniqueid: string;
  readonly numChannels: number;
}

function bridgeFields(b: BridgeView): AmiFields {
  return [
    ['BridgeUniqueid', b.uniqueid],
    ['BridgeType', 'basic'],
    ['BridgeTechnology', 'simple_bridge'],
    ['BridgeCreator', '<unknown>'],
    ['BridgeName', '<unknown>'],
    ['BridgeNumChannels', String(b.numChannels)],
    ['BridgeVideoSourceMode', 'none'],
  ];
}

export function bridgeCreate(b: BridgeView): AmiFields {
  return event('BridgeCreate', 'call,all', bridgeFields(b));
}

export function bridgeDestroy(b: BridgeView): AmiFields {
  return event('BridgeDestroy', 'call,all', bridgeFields(b));
}

export function bridgeEnter(b: BridgeView, ch: Channel): AmiFields {
  return event('BridgeEnter', 'call,all', bridgeFields(b), ch.snapshot());
}

export function bridgeLeave(b: BridgeView, ch: Channel): AmiFields {
  return event('BridgeLeave', 'call,all', bridgeFields(b), ch.snapshot());
}

export interface CdrView {
  readonly source: string;
  readonly destination: string;
  readonly destinationContext: string;
  readonly callerId: string;
  readonly channel: string;
  readonly destinationChannel: string;
  readonly lastApplication: string;
  readonly lastData: string;
  readonly startTime: string;
  readonly answerTime: string;
  readonly endTime: string;
  readonly duration: number;
  readonly billableSeconds: number;
  readonly disposition: 'ANSWERED' | 'NO ANSWER' | 'BUSY' | 'FAILED';
  readonly uniqueid: string;
}

export function cdr(c: CdrView): AmiFields {
  return event('Cdr', 'cdr,all', [
    ['AccountCode', ''],
    ['Source', c.source],
    ['Destination', c.destination],
    ['DestinationContext', c.destinationContext],
    ['CallerID', c.callerId],
    ['Channel', c.channel],
    ['DestinationChannel', c.destinationChannel],
    ['LastApplication', c.lastApplication],
    ['LastData', c.lastData],
    ['StartTime', c.startTime],
    ['AnswerTime', c.answerTime],
    ['EndTime', c.endTime],
    ['Duration', String(c.duration)],
    ['BillableSeconds', String(c.billableSeconds)],
    ['Disposition', c.disposition],
    ['AMAFlags', 'DOCUMENTATION'],
    ['UniqueID', c.uniqueid],
    ['UserField', ''],
  ]);
}

export function originateResponse(
  actionId: string | undefined,
  success: boolean,
  channel: Channel | undefined,
  channelName: string,
  target: AmiFields,
  callerIdNum: string,
  callerIdName: string,
): AmiFields {
  return [
    ['Event', 'OriginateResponse'],
    ['Privilege', 'call,all'],
    ...withActionId(actionId),
    ['Response', success ? 'Success' : 'Failure'],
    ['Channel', channel?.name ?? channelName],
    ...target,
    ['Reason', success ? '4' : '0'],
    ['Uniqueid', channel?.uniqueid ?? '<null>'],
    ['CallerIDNum', callerIdNum],
    ['CallerIDName', callerIdName],
  ];
}

export function coreShowChannelItem(
  actionId: string | undefined,
  ch: Channel,
  durationSeconds: number,
): AmiFields {
  const hh = String(Math.floor(durationSeconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor((durationSeconds % 3600) / 60)).padStart(2, '0');
  const ss = String(durationSeconds % 60).padStart(2, '0');
  return [
    ['Event', 'CoreShowChannel'],
    ...withActionId(actionId),
    ...ch.snapshot(),
    ['Application', ch.application],
    ['ApplicationData', ch.applicationData],
    ['Duration', `${hh}:${mm}:${ss}`],
    ['BridgeId', ch.bridgeId],
  ];
}

// --- queue callers and agents --------------------------------------------------------------

export function queueCallerJoin(
  caller: Channel,
  queue: string,
  position: number,
  count: number,
): AmiFields {
  return event('QueueCallerJoin', 'agent,all', caller.snapshot(), [
    ['Queue', queue],
    ['Position', String(position)],
    ['Count', String(count)],
  ]);
}

export function queueCallerLeave(
  caller: Channel,
  queue: string,
  position: number,
  count: number,
): AmiFields {
  return event('QueueCallerLeave', 'agent,all', caller.snapshot(), [
    ['Queue', queue],
    ['Position', String(position)],
    ['Count', String(count)],
  ]);
}

export function queueCallerAbandon(
  caller: Channel,
  queue: string,
  position: number,
  originalPosition: number,
  holdTime: number,
): AmiFields {
  return event('QueueCallerAbandon', 'agent,all', caller.snapshot(), [
    ['Queue', queue],
    ['Position', String(position)],
    ['OriginalPosition', String(originalPosition)],
    ['HoldTime', String(holdTime)],
  ]);
}

export interface AgentRef {
  readonly queue: string;
  readonly interface: string;
  readonly memberName: string;
}

function agentFields(a: AgentRef): AmiFields {
  return [
    ['Queue', a.queue],
    ['Interface', a.interface],
    ['MemberName', a.memberName],
  ];
}

export function agentCalled(caller: Channel, member: Channel, a: AgentRef): AmiFields {
  return event(
    'AgentCalled',
    'agent,all',
    caller.snapshot(),
    member.snapshot('Dest'),
    agentFields(a),
  );
}

/** HoldTime and RingTime in seconds. */
export function agentConnect(
  caller: Channel,
  member: Channel,
  a: AgentRef,
  holdTime: number,
  ringTime: number,
): AmiFields {
  return event(
    'AgentConnect',
    'agent,all',
    caller.snapshot(),
    member.snapshot('Dest'),
    agentFields(a),
    [
      ['HoldTime', String(holdTime)],
      ['RingTime', String(ringTime)],
    ],
  );
}

/** HoldTime and TalkTime in seconds. */
export function agentComplete(
  caller: Channel,
  member: Channel,
  a: AgentRef,
  holdTime: number,
  talkTime: number,
  reason: 'agent' | 'caller' | 'transfer',
): AmiFields {
  return event(
    'AgentComplete',
    'agent,all',
    caller.snapshot(),
    member.snapshot('Dest'),
    agentFields(a),
    [
      ['HoldTime', String(holdTime)],
      ['TalkTime', String(talkTime)],
      ['Reason', reason],
    ],
  );
}

/** RingTime in MILLISECONDS (unlike AgentConnect's seconds): app_queue's rna() passes ms. */
export function agentRingNoAnswer(
  caller: Channel,
  member: Channel,
  a: AgentRef,
  ringTimeMs: number,
): AmiFields {
  return event(
    'AgentRingNoAnswer',
    'agent,all',
    caller.snapshot(),
    member.snapshot('Dest'),
    agentFields(a),
    [['RingTime', String(ringTimeMs)]],
  );
}
