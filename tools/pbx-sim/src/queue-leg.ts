// What an inbound call needs of the member it rings, whichever kind: a callback member that dials
// a phone (member-leg.ts) or an app_agent_pool member that reaches an agent sitting in
// AgentLogin() (agent-pool-leg.ts).

import { AgentPoolLeg, poolAgentOf } from './agent-pool-leg';
import type { CallEnv } from './call-env';
import type { Channel } from './channel';
import { MemberLeg } from './member-leg';
import type { Member } from './queues';
import type { TimerHandle } from './scheduler';

export interface QueueLeg {
  readonly member: Member;
  /** The extension of the phone that rings (for the `answer` option), if one does. */
  readonly ext: string | undefined;
  /** Whether anybody can pick this call up (a pool agent that was not ready cannot). */
  readonly canAnswer: boolean;
  /** The channel the queue dialled (AgentCalled's Dest). */
  readonly dest: Channel;
  readonly startedAt: number;
  readonly timers: TimerHandle[];
  channels(): Channel[];
  owns(channel: Channel): boolean;
  cancelTimers(): void;
  pickUp(now: number): void;
  connect(caller: Channel, now: number): void;
  agentHangsUp(connectedAt: number, now: number): void;
  releaseCaller(caller: Channel): void;
  callerLeaves(caller: Channel): void;
  hangUpAfterCaller(now: number): void;
  drop(cause: number): void;
}

export function ringMember(env: CallEnv, caller: Channel, member: Member): QueueLeg {
  return poolAgentOf(member.interface) !== undefined ? AgentPoolLeg.ring(env, caller, member) : MemberLeg.ring(env, caller, member);
}
