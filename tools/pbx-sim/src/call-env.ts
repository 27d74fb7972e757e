// What a call flow needs from the PBX around it. Flows get this narrow view instead of the whole
// simulator so each flow file reads as "the events of one kind of call" and nothing else.

import type { AgentPool } from './agent-pool';
import type { AmiFields, Channel, ChannelRegistry } from './channel';
import type { DeviceStates } from './devices';
import type { SimTiming } from './options';
import type { PhoneBook } from './phones';
import type { QueueManager } from './queues';
import type { Random } from './random';
import type { Scheduler } from './scheduler';

export interface CallEnv {
  readonly channels: ChannelRegistry;
  readonly devices: DeviceStates;
  readonly phones: PhoneBook;
  readonly queues: QueueManager;
  /** app_agent_pool: agents sitting in AgentLogin(). */
  readonly agentPool: AgentPool;
  readonly scheduler: Scheduler;
  readonly random: Random;
  readonly timing: SimTiming;
  emit(fields: AmiFields): void;
  /**
   * Member interfaces some queue call is ringing or talking to (ringinuse=no: not rung again).
   * One set per ring attempt: asking call by call for every member was quadratic under load.
   */
  engagedInterfaces(): ReadonlySet<string>;
  /** A flow ended: forget it and its channels. */
  finished(call: Call): void;
}

export interface CallInfo {
  readonly id: string;
  readonly kind: 'feature' | 'inbound' | 'agent-login';
  readonly state: string;
  readonly linkedid: string;
  readonly channels: readonly string[];
  readonly queue?: string;
  readonly caller?: string;
  readonly code?: string;
  readonly member?: string;
}

export interface Call {
  readonly id: string;
  /** Channels of this call that still exist. */
  channels(): readonly Channel[];
  info(): CallInfo;
  /** AMI Redirect of one of this call's channels; false if this call cannot be redirected. */
  redirect(channel: Channel, context: string, exten: string, priority: number): boolean;
  /** AMI Hangup of one of this call's channels. */
  hangup(channel: Channel): void;
  /** The simulator stops: drop everything without events. */
  cancel(): void;
}

/** `"Agent One" <1001>` as the Cdr's CallerID field shows it. */
export function cdrCallerId(ch: Channel): string {
  const name = ch.callerIdName === '<unknown>' ? '' : ch.callerIdName;
  const num = ch.callerIdNum === '<unknown>' ? '' : ch.callerIdNum;
  return `"${name}" <${num}>`;
}
