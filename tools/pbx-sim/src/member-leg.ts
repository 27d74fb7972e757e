// The member side of a queue call: the queue dials `Local/<ext>@agent-phones/n`, whose ;2 half
// runs Dial(SIP/<ext>) and rings the phone. This class creates those channels, rings, picks up,
// bridges them with the caller and tears them down, with the events of queue-call-answered.
// A member whose interface is a phone itself (`SIP/1001`) gets a single SIP channel instead.

import type { CallEnv } from './call-env';
import type { Channel } from './channel';
import type { Bridge } from './channel-ops';
import {
  DIAL_START_VARS,
  agentRef,
  channelCdr,
  createBridge,
  destroyBridge,
  dialTimeVars,
  dialplanStep,
  enterBridge,
  leaveBridge,
  setVars,
} from './channel-ops';
import * as ev from './events';
import type { Member } from './queues';
import { rtpQosVars } from './rtp-qos';
import type { TimerHandle } from './scheduler';

const MEMBER_CONTEXT = 'agent-phones';

export class MemberLeg {
  readonly startedAt = Date.now();
  readonly timers: TimerHandle[] = [];
  /** A phone (or the test's `answer` option) decides; nothing here stops it. */
  readonly canAnswer = true;
  private outerBridge: Bridge | undefined;
  private queueBridge: Bridge | undefined;

  private constructor(
    private readonly env: CallEnv,
    readonly member: Member,
    readonly ext: string | undefined,
    /** The channel the queue dialled (AgentCalled's Dest): Local ...;1, or SIP/<ext>-n. */
    readonly dest: Channel,
    /** The ;2 half that runs Dial(SIP/<ext>) (Local members only). */
    readonly inner: Channel | undefined,
    /** The phone's channel, when the member's phone is registered. */
    readonly sip: Channel | undefined,
  ) {}

  /** Ring a member for this caller: AgentCalled, DialBegin, the phone rings, DialState. */
  static ring(env: CallEnv, caller: Channel, member: Member): MemberLeg {
    const local = /^Local\/([^@]+)@([^/]+)/.exec(member.interface);
    const ext = local?.[1] ?? /^SIP\/(.+)$/.exec(member.interface)?.[1];
    const phone = ext ? env.phones.get(ext) : undefined;
    const callerNum = caller.callerIdNum;
    const callerName = caller.callerIdName;

    let dest: Channel;
    let inner: Channel | undefined;
    if (local) {
      const [m1, m2] = env.channels.createLocalPair(
        local[1] as string,
        local[2] as string,
        caller.linkedid,
      );
      env.emit(ev.newchannel(m1));
      env.emit(ev.newchannel(m2));
      m1.setCallerId(callerNum, callerName);
      m2.setCallerId(callerNum, callerName);
      m2.setConnected(callerNum, callerName);
      const dialled = member.interface.replace(/^Local\//, '');
      setVars(env, m1, [['DIALEDPEERNUMBER', dialled]]);
      setVars(env, m2, [['DIALEDPEERNUMBER', dialled]]);
      env.emit(ev.localBridge(m1, m2, false));
      m1.setConnected(callerNum, callerName);
      m1.exten = 's';
      m1.application = 'AppQueue';
      m1.applicationData = '(Outgoing Line)';
      dest = m1;
      inner = m2;
    } else {
      dest = env.channels.createSip(ext ?? member.interface, {
        state: 'Down',
        context: MEMBER_CONTEXT,
        exten: ext ?? 's',
        linkedid: caller.linkedid,
      });
      dest.setCallerId(ext ?? member.interface, phone?.name ?? member.memberName);
      dest.setConnected(callerNum, callerName);
      env.emit(ev.newchannel(dest));
    }
    env.emit(ev.agentCalled(caller, dest, agentRef(member)));
    env.emit(ev.dialBegin(caller, dest, member.interface));

    let sip: Channel | undefined;
    if (inner && ext) {
      dialplanStep(env, inner, 1, 'NoOp', `Ringing agent phone ${ext}`);
      dialplanStep(env, inner, 2, 'Dial', `SIP/${ext},60`);
      setVars(env, inner, DIAL_START_VARS);
      if (phone?.registered) {
        sip = env.channels.createSip(ext, {
          state: 'Down',
          context: 'from-agents',
          exten: ext,
          linkedid: caller.linkedid,
        });
        sip.setCallerId(ext, phone.name);
        sip.setConnected(callerNum, callerName);
        sip.application = 'AppDial';
        sip.applicationData = '(Outgoing Line)';
        env.emit(ev.newchannel(sip));
        setVars(env, sip, [['SIPCALLID', `${env.random.hex(32)}@127.0.0.1:5060`]]);
        env.emit(ev.dialBegin(inner, sip, ext));
        setVars(env, sip, [['DIALEDPEERNUMBER', ext]]);
      }
    }
    const ringing = sip ?? (local ? undefined : dest);
    if (ringing && ext) {
      // The phone rings: hint Ringing, SIP/<ext> RINGING, QueueMemberStatus 6.
      env.phones.setCallState(ext, ringing.name, 'ringing');
      ringing.state = 'Ringing';
      env.emit(ev.newstate(ringing));
    }
    if (phone) {
      dest.setCallerId(phone.ext, phone.name);
      caller.setConnected(phone.ext, phone.name);
      env.emit(ev.newConnectedLine(caller));
    }
    if (dest !== ringing) {
      dest.state = 'Ringing';
      env.emit(ev.newstate(dest));
    }
    env.emit(ev.dialState(caller, dest, 'RINGING'));
    if (inner && sip) {
      setVars(env, inner, [
        ['RINGTIME', '0'],
        ['RINGTIME_MS', '3'],
      ]);
      env.emit(ev.dialState(inner, sip, 'RINGING'));
    }
    return new MemberLeg(env, member, ext, dest, inner, sip);
  }

  channels(): Channel[] {
    return [this.dest, this.inner, this.sip].filter((c): c is Channel => c !== undefined);
  }

  owns(channel: Channel): boolean {
    return this.channels().includes(channel);
  }

  cancelTimers(): void {
    this.timers.forEach((t) => t.cancel());
  }

  /** The phone picks up: in use, SIP leg Up, Dial() on the ;2 half answered, dest Up. */
  pickUp(now: number): void {
    const { env, sip, inner, dest, ext } = this;
    if (sip && ext) {
      env.phones.setCallState(ext, sip.name, 'inuse');
      sip.state = 'Up';
      sip.answeredAt = now;
      env.emit(ev.newstate(sip));
      if (inner) {
        setVars(env, inner, [
          ['DIALSTATUS', 'ANSWER'],
          ['DIALEDPEERNAME', sip.name],
          ['DIALEDPEERNUMBER', ext],
        ]);
        env.emit(ev.dialEnd(inner, sip, 'ANSWER'));
      }
    } else if (ext && !inner) {
      env.phones.setCallState(ext, dest.name, 'inuse');
    }
    dest.state = 'Up';
    dest.answeredAt = now;
    env.emit(ev.newstate(dest));
  }

  /** After AgentConnect: the phone's bridge with the ;2 half, and the queue's bridge. */
  connect(caller: Channel, now: number): void {
    const { env, sip, inner, dest } = this;
    if (inner) {
      inner.state = 'Up';
      inner.answeredAt = now;
      env.emit(ev.newstate(inner));
    }
    if (inner && sip) {
      this.outerBridge = createBridge(env);
      enterBridge(env, this.outerBridge, sip);
      this.queueBridge = createBridge(env);
      enterBridge(env, this.queueBridge, dest);
      enterBridge(env, this.outerBridge, inner);
      setVars(env, sip, [['BRIDGEPEER', inner.name]]);
      setVars(env, inner, [
        ['BRIDGEPEER', sip.name],
        ['BRIDGEPVTCALLID', sip.variables.get('SIPCALLID') ?? ''],
      ]);
    } else {
      this.queueBridge = createBridge(env);
      enterBridge(env, this.queueBridge, dest);
    }
    enterBridge(env, this.queueBridge, caller);
    setVars(env, dest, [['BRIDGEPEER', caller.name]]);
    setVars(env, caller, [['BRIDGEPEER', dest.name]]);
  }

  /** The agent hangs up: everything up to (not including) AgentComplete. */
  agentHangsUp(connectedAt: number, now: number): void {
    const { env, sip, inner, dest } = this;
    const outer = this.outerBridge;
    if (sip && inner && outer) {
      const qos = rtpQosVars(env.random.int(1, 2 ** 31), Math.floor((now - connectedAt) / 20));
      for (const [name, value] of qos) {
        setVars(env, sip, [[name, value]]);
        setVars(env, inner, [[`${name}BRIDGED`, value]]);
      }
      env.emit(ev.hangupRequest(sip, 16));
      setVars(env, sip, [['BRIDGEPEER', '']]);
      setVars(env, inner, [
        ['BRIDGEPEER', ''],
        ['BRIDGEPVTCALLID', ''],
      ]);
      leaveBridge(env, outer, sip);
    }
    this.phoneIdle();
    if (inner && outer) {
      leaveBridge(env, outer, inner);
      setVars(env, inner, dialTimeVars(this.startedAt, sip?.answeredAt, now));
      env.emit(channelCdr(inner, sip, this.startedAt, sip?.answeredAt, now, 'ANSWERED'));
      setVars(env, inner, [['DIALSTATUS', 'ANSWER']]);
      env.emit(ev.softHangupRequest(inner, 16));
      setVars(env, dest, [['CHANLOCALSTATUS', 'ANSWER']]);
      env.emit(ev.hangupRequest(dest, 16));
      destroyBridge(env, outer);
      if (sip) env.emit(ev.hangup(sip, 16));
      env.emit(ev.hangup(inner, 16));
    }
  }

  /** After AgentComplete (agent hung up): dest and caller leave the queue's bridge. */
  releaseCaller(caller: Channel): void {
    const { env, dest } = this;
    const bridge = this.queueBridge;
    setVars(env, caller, [['BRIDGEPEER', '']]);
    if (bridge) leaveBridge(env, bridge, dest);
    env.emit(ev.hangup(dest, 16));
    if (bridge) {
      leaveBridge(env, bridge, caller);
      destroyBridge(env, bridge);
    }
  }

  /** The caller hung up first: it leaves the queue's bridge (before AgentComplete). */
  callerLeaves(caller: Channel): void {
    if (this.queueBridge) leaveBridge(this.env, this.queueBridge, caller);
  }

  /** After AgentComplete (caller hung up): the member's legs go down. */
  hangUpAfterCaller(now: number): void {
    const { env, sip, inner, dest } = this;
    if (this.queueBridge) {
      leaveBridge(env, this.queueBridge, dest);
      destroyBridge(env, this.queueBridge);
    }
    env.emit(ev.hangupRequest(dest, 16));
    if (inner && this.outerBridge) {
      env.emit(ev.softHangupRequest(inner, 16));
      if (sip) leaveBridge(env, this.outerBridge, sip);
      leaveBridge(env, this.outerBridge, inner);
      destroyBridge(env, this.outerBridge);
    }
    this.phoneIdle();
    if (sip) env.emit(ev.hangup(sip, 16));
    if (inner) {
      env.emit(channelCdr(inner, sip, this.startedAt, sip?.answeredAt, now, 'ANSWERED'));
      env.emit(ev.hangup(inner, 16));
    }
    env.emit(ev.hangup(dest, 16));
  }

  /** Stop ringing this member (no answer, cancelled, rejected) and hang its channels up. */
  drop(cause: number): void {
    const { env, sip, inner, dest } = this;
    this.cancelTimers();
    const now = Date.now();
    if (sip && inner) env.emit(ev.dialEnd(inner, sip, 'CANCEL'));
    this.phoneIdle();
    if (sip) env.emit(ev.hangup(sip, cause));
    if (inner) {
      env.emit(ev.hangup(inner, cause));
      env.emit(channelCdr(inner, sip, this.startedAt, undefined, now, 'NO ANSWER'));
    }
    env.emit(ev.hangup(dest, cause));
    for (const ch of this.channels()) env.channels.remove(ch);
  }

  /** The phone is off this call: hint Idle, SIP/<ext> NOT_INUSE, QueueMemberStatus 1. */
  private phoneIdle(): void {
    const { env, sip, inner, dest, ext } = this;
    if (!ext) return;
    if (sip) env.phones.setCallState(ext, sip.name, undefined);
    else if (!inner) env.phones.setCallState(ext, dest.name, undefined);
  }
}
