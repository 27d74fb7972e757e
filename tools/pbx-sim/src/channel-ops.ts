// Small dialplan-level operations shared by the call flows: run a priority (Newexten), set
// channel variables (VarSet), bridges (BridgeCreate/Enter/Leave/Destroy), the Cdr of a channel,
// and the variable sets Queue() and Dial() write. Each one emits exactly what Asterisk emits.

import type { CallEnv } from './call-env';
import { cdrCallerId } from './call-env';
import type { AmiFields, Channel } from './channel';
import * as ev from './events';
import type { Member } from './queues';
import { cdrTime, secondsBetween } from './time-format';

type Env = Pick<CallEnv, 'emit' | 'random' | 'queues'>;

/** The channel reaches a dialplan priority: Newexten. */
export function dialplanStep(
  env: Env,
  ch: Channel,
  priority: number,
  application: string,
  data: string,
): void {
  ch.priority = priority;
  ch.application = application;
  ch.applicationData = data;
  env.emit(ev.newexten(ch, application, data));
}

/** Channel variables set by the dialplan or an application, each with its VarSet. */
export function setVars(
  env: Env,
  ch: Channel,
  vars: ReadonlyArray<readonly [string, string]>,
): void {
  for (const [name, value] of vars) {
    ch.variables.set(name, value);
    env.emit(ev.varSet(ch, name, value));
  }
}

export interface Bridge {
  readonly uniqueid: string;
  numChannels: number;
}

export function createBridge(env: Env): Bridge {
  const bridge: Bridge = { uniqueid: env.random.uuid(), numChannels: 0 };
  env.emit(ev.bridgeCreate(bridge));
  return bridge;
}

export function enterBridge(env: Env, bridge: Bridge, ch: Channel): void {
  bridge.numChannels++;
  ch.bridgeId = bridge.uniqueid;
  env.emit(ev.bridgeEnter(bridge, ch));
}

export function leaveBridge(env: Env, bridge: Bridge, ch: Channel): void {
  bridge.numChannels = Math.max(0, bridge.numChannels - 1);
  ch.bridgeId = '';
  env.emit(ev.bridgeLeave(bridge, ch));
}

export function destroyBridge(env: Env, bridge: Bridge): void {
  env.emit(ev.bridgeDestroy(bridge));
}

/** cdr_manager's record of one channel. */
export function channelCdr(
  ch: Channel,
  peer: Channel | undefined,
  start: number,
  answered: number | undefined,
  end: number,
  disposition: ev.CdrView['disposition'],
): AmiFields {
  return ev.cdr({
    source: ch.callerIdNum === '<unknown>' ? '' : ch.callerIdNum,
    destination: ch.exten,
    destinationContext: ch.context,
    callerId: cdrCallerId(ch),
    channel: ch.name,
    destinationChannel: peer?.name ?? '',
    lastApplication: ch.application,
    lastData: ch.applicationData,
    startTime: cdrTime(start),
    answerTime: answered ? cdrTime(answered) : '',
    endTime: cdrTime(end),
    duration: secondsBetween(start, end),
    billableSeconds: answered ? secondsBetween(answered, end) : 0,
    disposition,
    uniqueid: ch.uniqueid,
  });
}

/** Variables Queue() clears when it starts. */
export const QUEUE_START_VARS: ReadonlyArray<readonly [string, string]> = [
  'ANSWEREDTIME',
  'ANSWEREDTIME_MS',
  'DIALEDTIME',
  'DIALEDTIME_MS',
  'QUEUEWAIT',
  'QUEUEWAIT_MS',
].map((name) => [name, ''] as const);

/** Variables Dial() clears when it starts. */
export const DIAL_START_VARS: ReadonlyArray<readonly [string, string]> = [
  'DIALSTATUS',
  'DIALEDPEERNUMBER',
  'DIALEDPEERNAME',
  'ANSWEREDTIME',
  'ANSWEREDTIME_MS',
  'DIALEDTIME',
  'DIALEDTIME_MS',
  'RINGTIME',
  'RINGTIME_MS',
  'PROGRESSTIME',
  'PROGRESSTIME_MS',
].map((name) => [name, ''] as const);

/** Dial()'s ANSWEREDTIME/DIALEDTIME (+ _MS) when it returns. */
export function dialTimeVars(
  dialled: number,
  answered: number | undefined,
  end: number,
): Array<[string, string]> {
  const talk = answered === undefined ? 0 : end - answered;
  return [
    ['ANSWEREDTIME', String(Math.floor(talk / 1000))],
    ['ANSWEREDTIME_MS', String(talk)],
    ['DIALEDTIME', String(Math.floor((end - dialled) / 1000))],
    ['DIALEDTIME_MS', String(end - dialled)],
  ];
}

/** MEMBERINTERFACE & co., set on both sides when a member answers. */
export function memberVars(member: Member): Array<[string, string]> {
  return [
    ['MEMBERINTERFACE', member.interface],
    ['MEMBERNAME', member.memberName],
    ['MEMBERCALLS', String(member.callsTaken)],
    ['MEMBERLASTCALL', String(member.lastCall)],
    ['MEMBERPENALTY', String(member.penalty)],
    ['MEMBERDYNAMIC', '1'],
    ['MEMBERREALTIME', '0'],
  ];
}

/** app_queue's set_queue_variables(). */
export function queueVars(env: Env, queue: string): Array<[string, string]> {
  const p = env.queues.params(queue);
  if (!p) return [];
  return [
    ['QUEUENAME', p.queue],
    ['QUEUEMAX', '0'],
    ['QUEUESTRATEGY', p.strategy],
    ['QUEUECALLS', String(p.calls)],
    ['QUEUEHOLDTIME', String(p.holdtime)],
    ['QUEUETALKTIME', String(p.talktime)],
    ['QUEUECOMPLETED', String(p.completed)],
    ['QUEUEABANDONED', String(p.abandoned)],
    ['QUEUESRVLEVEL', String(p.serviceLevel)],
    ['QUEUESRVLEVELPERF', p.serviceLevelPerf],
  ];
}

export function agentRef(member: Member): ev.AgentRef {
  return { queue: member.queue, interface: member.interface, memberName: member.memberName };
}
