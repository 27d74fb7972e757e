// The member side of a queue call to an app_agent_pool agent. The queue dials
// `Local/<id>@agent-pool/n`; its ;2 half runs AgentRequest(<id>), which presents the call to the
// agent (Agent:<id> INUSE) and, once connected, moves the agent's AgentLogin() channel out of the
// holding bridge into a bridge with the ;2 half (apps/app_agent_pool.c: agent_request_exec,
// agent_connect_caller). When the call ends the agent goes back to the holding bridge, ready
// again; the agent's channel is never hung up by the call. The queue's own bridge (caller and the
// ;1 half) is as for any Local member (member-leg.ts).

import type { CallEnv } from './call-env';
import type { Channel } from './channel';
import type { Bridge } from './channel-ops';
import { agentRef, createBridge, destroyBridge, dialplanStep, enterBridge, leaveBridge, setVars } from './channel-ops';
import * as ev from './events';
import type { Member } from './queues';
import type { TimerHandle } from './scheduler';

const POOL_MEMBER = /^Local\/([^@/]+)@agent-pool(?:\/n)?$/;

/** The agent id of a pool member interface, or undefined for any other member. */
export function poolAgentOf(iface: string): string | undefined {
  return POOL_MEMBER.exec(iface)?.[1];
}

export class AgentPoolLeg {
  readonly startedAt = Date.now();
  readonly timers: TimerHandle[] = [];
  private callBridge: Bridge | undefined;
  private queueBridge: Bridge | undefined;
  private constructor(
    private readonly env: CallEnv,
    readonly member: Member,
    readonly agentId: string,
    /** The phone the agent sits at (its AgentLogin channel's extension) when the call was
     *  presented to it; undefined: nobody can answer. */
    readonly ext: string | undefined,
    readonly dest: Channel,
    /** The ;2 half running AgentRequest(<id>). */
    readonly inner: Channel,
    /** AgentRequest presented the call to the agent (Agent:<id> INUSE). */
    private readonly presented: boolean,
  ) {}

  static ring(env: CallEnv, caller: Channel, member: Member): AgentPoolLeg {
    const agentId = poolAgentOf(member.interface) as string;
    const [m1, m2] = env.channels.createLocalPair(agentId, 'agent-pool', caller.linkedid);
    env.emit(ev.newchannel(m1));
    env.emit(ev.newchannel(m2));
    for (const ch of [m1, m2]) ch.setCallerId(caller.callerIdNum, caller.callerIdName);
    m2.setConnected(caller.callerIdNum, caller.callerIdName);
    env.emit(ev.localBridge(m1, m2, false));
    m1.setConnected(caller.callerIdNum, caller.callerIdName);
    m1.exten = 's';
    m1.application = 'AppQueue';
    m1.applicationData = '(Outgoing Line)';
    env.emit(ev.agentCalled(caller, m1, agentRef(member)));
    env.emit(ev.dialBegin(caller, m1, member.interface));
    dialplanStep(env, m2, 1, 'AgentRequest', agentId);
    const seat = env.agentPool.seat(agentId);
    const presented = env.agentPool.callPresent(agentId);
    // Not ready (logged out, on a call): AgentRequest sets AGENT_STATUS and nobody answers.
    if (!presented) setVars(env, m2, [['AGENT_STATUS', seat ? 'BUSY' : 'NOT_LOGGED_IN']]);
    m1.state = 'Ringing';
    env.emit(ev.newstate(m1));
    env.emit(ev.dialState(caller, m1, 'RINGING'));
    const ext = presented && seat ? extensionOf(seat.channel) : undefined;
    return new AgentPoolLeg(env, member, agentId, ext, m1, m2, presented);
  }

  get canAnswer(): boolean {
    return this.presented;
  }

  channels(): Channel[] {
    return [this.dest, this.inner];
  }

  owns(channel: Channel): boolean {
    return this.channels().includes(channel);
  }

  cancelTimers(): void {
    this.timers.forEach((t) => t.cancel());
  }

  /** The agent is connected (no ackcall): both halves of the member answer. */
  pickUp(now: number): void {
    for (const ch of [this.inner, this.dest]) {
      ch.state = 'Up';
      ch.answeredAt = now;
      this.env.emit(ev.newstate(ch));
    }
  }

  /** The agent leaves the holding bridge for the caller's; the queue bridges caller and ;1. */
  connect(caller: Channel, _now: number): void {
    const { env, inner, dest } = this;
    const agent = env.agentPool.seat(this.agentId)?.channel;
    this.callBridge = createBridge(env);
    enterBridge(env, this.callBridge, inner);
    if (agent) {
      env.agentPool.leaveHolding(this.agentId);
      enterBridge(env, this.callBridge, agent);
      setVars(env, agent, [['BRIDGEPEER', inner.name]]);
      setVars(env, inner, [['BRIDGEPEER', agent.name]]);
    }
    this.queueBridge = createBridge(env);
    enterBridge(env, this.queueBridge, dest);
    enterBridge(env, this.queueBridge, caller);
    setVars(env, dest, [['BRIDGEPEER', caller.name]]);
    setVars(env, caller, [['BRIDGEPEER', dest.name]]);
  }

  /** The agent ends the call (the disconnect feature): back to the holding bridge, ;2 goes down. */
  agentHangsUp(_connectedAt: number, _now: number): void {
    const { env, inner, dest } = this;
    this.agentBack();
    env.emit(ev.softHangupRequest(inner, 16));
    env.emit(ev.hangupRequest(dest, 16));
    if (this.callBridge) {
      leaveBridge(env, this.callBridge, inner);
      destroyBridge(env, this.callBridge);
    }
    env.emit(ev.hangup(inner, 16));
  }

  releaseCaller(caller: Channel): void {
    const { env, dest } = this;
    setVars(env, caller, [['BRIDGEPEER', '']]);
    if (this.queueBridge) leaveBridge(env, this.queueBridge, dest);
    env.emit(ev.hangup(dest, 16));
    if (this.queueBridge) {
      leaveBridge(env, this.queueBridge, caller);
      destroyBridge(env, this.queueBridge);
    }
  }

  callerLeaves(caller: Channel): void {
    if (this.queueBridge) leaveBridge(this.env, this.queueBridge, caller);
  }

  /** The caller hung up: the member's halves go down, the agent goes back to wait. */
  hangUpAfterCaller(_now: number): void {
    const { env, inner, dest } = this;
    if (this.queueBridge) {
      leaveBridge(env, this.queueBridge, dest);
      destroyBridge(env, this.queueBridge);
    }
    env.emit(ev.hangupRequest(dest, 16));
    env.emit(ev.softHangupRequest(inner, 16));
    this.agentBack();
    if (this.callBridge) {
      leaveBridge(env, this.callBridge, inner);
      destroyBridge(env, this.callBridge);
    }
    env.emit(ev.hangup(inner, 16));
    env.emit(ev.hangup(dest, 16));
  }

  /** Stop ringing (no answer, cancelled): the agent is reset to ready (call abort recovery). */
  drop(cause: number): void {
    const { env, inner, dest } = this;
    this.cancelTimers();
    if (this.presented) env.agentPool.callEnded(this.agentId);
    env.emit(ev.hangup(inner, cause));
    env.emit(ev.hangup(dest, cause));
    for (const ch of this.channels()) env.channels.remove(ch);
  }

  /** The agent's channel leaves the call and waits in the holding bridge again, ready. */
  private agentBack(): void {
    const { env } = this;
    const agent = env.agentPool.seat(this.agentId)?.channel;
    if (agent && this.callBridge && agent.bridgeId === this.callBridge.uniqueid) {
      setVars(env, agent, [['BRIDGEPEER', '']]);
      leaveBridge(env, this.callBridge, agent);
    }
    if (this.presented) env.agentPool.callEnded(this.agentId);
  }
}

/** The extension of a phone's channel: SIP/1002-00000007 → 1002. */
function extensionOf(channel: Channel): string | undefined {
  return /^[A-Za-z0-9]+\/(.+)-[0-9a-f]+$/.exec(channel.name)?.[1];
}
