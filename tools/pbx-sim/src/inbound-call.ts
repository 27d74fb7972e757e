// An inbound call through Queue(): a customer reaches Local/s@inbound (;1 is the outside leg,
// ;2 runs the dialplan and sits in the queue), hears music on hold, members are rung (see
// member-leg.ts) until one answers, they talk, the agent hangs up. Or nobody answers in time
// (AgentRingNoAnswer, RingTime in ms, retry), or the caller gives up (QueueCallerAbandon).
// Event order follows queue-call-answered, queue-status and phone-unregister-while-member.

import type { Call, CallEnv, CallInfo } from './call-env';
import type { Channel } from './channel';
import {
  QUEUE_START_VARS,
  agentRef,
  channelCdr,
  dialTimeVars,
  dialplanStep,
  memberVars,
  queueVars,
  setVars,
} from './channel-ops';
import * as ev from './events';
import { ringMember, type QueueLeg } from './queue-leg';
import type { QueueEntry } from './queues';
import type { TimerHandle } from './scheduler';
import { secondsBetween } from './time-format';

export interface InboundCallOptions {
  readonly callerNumber: string;
  readonly callerName?: string;
  /** Ring time before a member answers (default timing.ringMs). */
  readonly ringMs?: number;
  /** Talk time before the agent hangs up (default timing.talkMs). */
  readonly talkMs?: number;
  /** The caller hangs up after this long unless an agent has answered by then. */
  readonly abandonAfterMs?: number;
  /** Whether rung members answer: false = nobody answers, or decide per extension. */
  readonly answer?: boolean | ((ext: string) => boolean);
  /** Internal (Originate): the customer leg ;1 was answered. */
  readonly onAnswered?: (outer: Channel) => void;
}

export type InboundOutcome =
  | {
      readonly result: 'answered';
      readonly member: string;
      readonly holdTime: number;
      readonly talkTime: number;
      readonly reason: 'agent' | 'caller';
    }
  | { readonly result: 'abandoned'; readonly holdTime: number }
  | { readonly result: 'timeout'; readonly holdTime: number }
  | { readonly result: 'cancelled' };

interface Connection {
  readonly leg: QueueLeg;
  readonly connectedAt: number;
  readonly holdTime: number;
}

type State = 'waiting' | 'ringing' | 'talking' | 'ended';

const INBOUND_CONTEXT = 'inbound';

export class InboundCall implements Call {
  readonly id: string;
  /** ;1: the customer's side (Wait in the capture's Originate). */
  readonly outer: Channel;
  /** ;2: runs Queue() — the channel of every queue event. */
  readonly caller: Channel;
  readonly outcome: Promise<InboundOutcome>;
  private resolveOutcome!: (outcome: InboundOutcome) => void;
  private state: State = 'waiting';
  private entry: QueueEntry | undefined;
  /** Members being rung right now (several with ringall). */
  private legs: QueueLeg[] = [];
  private connection: Connection | undefined;
  private readonly timers: TimerHandle[] = [];
  private retryTimer: TimerHandle | undefined;
  private patienceTimer: TimerHandle | undefined;
  private readonly startedAt = Date.now();

  constructor(
    private readonly env: CallEnv,
    readonly queue: string,
    private readonly options: InboundCallOptions,
  ) {
    const [one, two] = env.channels.createLocalPair('s', INBOUND_CONTEXT);
    this.outer = one;
    this.caller = two;
    this.id = one.linkedid;
    this.outcome = new Promise((resolve) => (this.resolveOutcome = resolve));
  }

  get linkedid(): string {
    return this.outer.linkedid;
  }

  get waiting(): boolean {
    return this.state === 'waiting';
  }

  /** The customer's call arrives, is answered by the dialplan and joins the queue. */
  start(): void {
    const { outer, caller, env } = this;
    const num = this.options.callerNumber;
    const name = this.options.callerName ?? `Customer ${num}`;
    env.emit(ev.newchannel(outer));
    env.emit(ev.newchannel(caller));
    for (const ch of [outer, caller]) {
      ch.setCallerId(num, name);
      ch.setConnected(num, name);
    }
    outer.application = 'Wait';
    outer.applicationData = '90';
    env.emit(ev.newCallerid(outer));
    env.emit(ev.localBridge(outer, caller, true));
    env.emit(ev.dialBegin(undefined, outer, `s@${INBOUND_CONTEXT}`));
    dialplanStep(env, caller, 1, 'NoOp', `Inbound call from ${num}`);
    dialplanStep(env, caller, 2, 'Answer', '');
    outer.state = 'Up';
    outer.answeredAt = Date.now();
    env.emit(ev.newstate(outer));
    env.emit(ev.dialEnd(undefined, outer, 'ANSWER'));
    this.options.onAnswered?.(outer);
    caller.state = 'Up';
    caller.answeredAt = Date.now();
    env.emit(ev.newstate(caller));
    this.publishLocalDevice('INUSE');

    dialplanStep(env, caller, 3, 'Queue', `${this.queue},,,,300`);
    setVars(env, caller, QUEUE_START_VARS);
    const joined = env.queues.join(this.queue, caller);
    this.entry = joined.entry;
    env.emit(ev.queueCallerJoin(caller, this.queue, joined.position, joined.count));
    env.emit(ev.musicOnHoldStart(caller));
    env.queues.queueLog(this.queue, caller.uniqueid, 'NONE', 'ENTERQUEUE', '', num, '1');

    if (this.options.abandonAfterMs !== undefined) {
      this.timers.push(env.scheduler.after(this.options.abandonAfterMs, () => this.abandon()));
    }
    this.timers.push(env.scheduler.after(env.timing.maxWaitMs, () => this.timeout()));
    this.tryRing();
  }

  /** Offer the caller to whoever the queue strategy picks, if anyone can take it. */
  tryRing(): void {
    if (this.state !== 'waiting') return;
    const { env } = this;
    const engaged = env.engagedInterfaces();
    const members = env.queues.pick(this.queue, (m) => !engaged.has(m.interface));
    if (members.length === 0) {
      // Nobody to ring: a caller who set no patience of their own gives up after a while.
      if (this.options.abandonAfterMs === undefined && !this.patienceTimer) {
        this.patienceTimer = env.scheduler.after(env.timing.patienceMs, () => this.abandon());
      }
      return;
    }
    this.patienceTimer?.cancel();
    this.patienceTimer = undefined;
    this.state = 'ringing';
    const ringMs = this.options.ringMs ?? env.timing.ringMs;
    for (const member of members) {
      const leg = ringMember(env, this.caller, member);
      if (leg.canAnswer && this.answers(leg.ext)) {
        leg.timers.push(env.scheduler.after(ringMs, () => this.answer(leg)));
      }
      this.legs.push(leg);
    }
    const timeout = env.scheduler.after(env.timing.queueTimeoutMs, () => this.ringNoAnswer());
    this.legs.forEach((leg) => leg.timers.push(timeout));
  }

  /** The channel the queue dialled for this member (ringing or talking), if any: an app_agent_pool
   *  agent that leaves the pool ends its calls through it. */
  destOf(iface: string): Channel | undefined {
    return this.legs.find((leg) => leg.member.interface === iface)?.dest;
  }

  /** Member interfaces this call is ringing or talking to. */
  engagedInterfaces(): string[] {
    if (this.connection) return [this.connection.leg.member.interface];
    return this.legs.map((leg) => leg.member.interface);
  }

  private answers(ext: string | undefined): boolean {
    const answer = this.options.answer ?? true;
    if (typeof answer === 'boolean') return answer;
    return ext !== undefined && answer(ext);
  }

  /** The member picks up: DialEnd ANSWER, caller leaves the queue, AgentConnect, bridges. */
  private answer(leg: QueueLeg): void {
    if (this.state !== 'ringing') return;
    const { env, caller } = this;
    for (const other of this.legs) {
      other.cancelTimers();
      if (other === leg) continue;
      // ringall: everybody else stops ringing.
      env.emit(ev.dialEnd(caller, other.dest, 'CANCEL'));
      other.drop(26);
    }
    this.legs = [leg];
    const { member, dest } = leg;
    const now = Date.now();
    leg.pickUp(now);
    env.emit(ev.dialEnd(caller, dest, 'ANSWER'));
    env.emit(ev.musicOnHoldStop(caller));

    const holdTime = secondsBetween(this.startedAt, now);
    const ringTime = secondsBetween(leg.startedAt, now);
    env.queues.recordConnect(this.queue, holdTime);
    const entry = this.entry as QueueEntry;
    setVars(env, caller, memberVars(member));
    setVars(env, dest, memberVars(member));
    for (const ch of [caller, dest]) {
      setVars(env, ch, [
        ['QEHOLDTIME', String(holdTime)],
        ['QEORIGINALPOS', String(entry.originalPosition)],
      ]);
    }
    setVars(env, caller, queueVars(env, this.queue));
    setVars(env, dest, queueVars(env, this.queue));

    const left = env.queues.leave(this.queue, entry);
    env.emit(ev.queueCallerLeave(caller, this.queue, left.position, left.count));
    setVars(env, caller, [
      ['QUEUEPOSITION', String(left.position)],
      ['QUEUEWAIT', String(holdTime)],
      ['QUEUEWAIT_MS', String(now - this.startedAt)],
    ]);
    env.emit(ev.agentConnect(caller, dest, agentRef(member), holdTime, ringTime));
    member.inCall = true;
    env.queues.queueLog(
      this.queue,
      caller.uniqueid,
      member.memberName,
      'CONNECT',
      String(holdTime),
      dest.uniqueid,
      String(ringTime),
    );
    leg.connect(caller, now);

    this.connection = { leg, connectedAt: now, holdTime };
    this.state = 'talking';
    const talkMs = this.options.talkMs ?? env.timing.talkMs;
    this.timers.push(env.scheduler.after(talkMs, () => this.complete('agent')));
  }

  /** Nobody answered within the queue timeout: AgentRingNoAnswer (ms!), then retry later. */
  private ringNoAnswer(): void {
    if (this.state !== 'ringing') return;
    const { env, caller } = this;
    // app_queue reports the timeout it waited (rna(orig, ...)), in milliseconds.
    const ringTimeMs = env.timing.queueTimeoutMs;
    for (const leg of this.legs) {
      leg.cancelTimers();
      env.emit(ev.agentRingNoAnswer(caller, leg.dest, agentRef(leg.member), ringTimeMs));
      env.queues.queueLog(
        this.queue,
        caller.uniqueid,
        leg.member.memberName,
        'RINGNOANSWER',
        String(ringTimeMs),
      );
    }
    for (const leg of this.legs) env.emit(ev.dialEnd(caller, leg.dest, 'NOANSWER'));
    for (const leg of this.legs) leg.drop(16);
    this.legs = [];
    this.state = 'waiting';
    this.retryTimer = env.scheduler.after(env.timing.retryMs, () => this.tryRing());
  }

  /** The conversation ends: the agent hangs up (reason agent) or the caller does (caller). */
  private complete(reason: 'agent' | 'caller'): void {
    if (this.state !== 'talking' || !this.connection) return;
    this.state = 'ended';
    this.cancelTimers();
    const { env, caller, outer } = this;
    const { leg, connectedAt, holdTime } = this.connection;
    const { member, dest } = leg;
    const now = Date.now();
    const talkTime = secondsBetween(connectedAt, now);
    env.queues.recordComplete(this.queue, member, holdTime, talkTime);
    member.inCall = false;

    if (reason === 'caller') {
      env.emit(ev.hangupRequest(caller, 0));
      leg.callerLeaves(caller);
      env.emit(ev.agentComplete(caller, dest, agentRef(member), holdTime, talkTime, 'caller'));
      leg.hangUpAfterCaller(now);
    } else {
      leg.agentHangsUp(connectedAt, now);
      env.emit(ev.agentComplete(caller, dest, agentRef(member), holdTime, talkTime, 'agent'));
      leg.releaseCaller(caller);
      setVars(env, caller, queueVars(env, this.queue));
      setVars(env, caller, dialTimeVars(connectedAt - holdTime * 1000, connectedAt, now));
      setVars(env, caller, queueVars(env, this.queue));
      env.emit(ev.softHangupRequest(caller, 16));
      env.emit(ev.hangupRequest(outer, 16));
    }
    env.queues.queueLog(
      this.queue,
      caller.uniqueid,
      member.memberName,
      reason === 'agent' ? 'COMPLETEAGENT' : 'COMPLETECALLER',
      String(holdTime),
      String(talkTime),
      '1',
    );
    this.hangupCustomerSide(dest, now, reason === 'agent' ? 16 : 0);
    this.finish({ result: 'answered', member: member.interface, holdTime, talkTime, reason });
  }

  /** The caller gives up while waiting or while a member rings. */
  abandon(): void {
    if (this.state !== 'waiting' && this.state !== 'ringing') return;
    this.state = 'ended';
    this.cancelTimers();
    const { env, caller, outer } = this;
    const now = Date.now();
    env.emit(ev.hangupRequest(caller, 0));
    env.emit(channelCdr(outer, undefined, this.startedAt, outer.answeredAt, now, 'ANSWERED'));
    env.emit(ev.hangup(outer, 0));
    this.cancelRinging();
    env.emit(ev.musicOnHoldStop(caller));
    const entry = this.entry as QueueEntry;
    const position = env.queues.position(this.queue, entry);
    const holdTime = secondsBetween(this.startedAt, now);
    setVars(env, caller, [
      ['QUEUEWAIT', String(holdTime)],
      ['QUEUEWAIT_MS', String(now - this.startedAt)],
      ['DIALEDTIME', ''],
      ['DIALEDTIME_MS', ''],
      ['ANSWEREDTIME', ''],
      ['ANSWEREDTIME_MS', ''],
      ['ABANDONED', 'TRUE'],
    ]);
    env.queues.recordAbandon(this.queue, holdTime);
    setVars(env, caller, queueVars(env, this.queue));
    env.emit(ev.queueCallerAbandon(caller, this.queue, position, entry.originalPosition, holdTime));
    setVars(env, caller, queueVars(env, this.queue));
    const left = env.queues.leave(this.queue, entry);
    env.emit(ev.queueCallerLeave(caller, this.queue, left.position, left.count));
    setVars(env, caller, [['QUEUEPOSITION', String(left.position)]]);
    env.queues.queueLog(
      this.queue,
      caller.uniqueid,
      'NONE',
      'ABANDON',
      String(position),
      String(entry.originalPosition),
      String(holdTime),
    );
    env.emit(channelCdr(caller, undefined, this.startedAt, caller.answeredAt, now, 'ANSWERED'));
    env.emit(ev.softHangupRequest(caller, 16));
    env.emit(ev.hangup(caller, 0));
    this.publishLocalDevice('NOT_INUSE');
    this.finish({ result: 'abandoned', holdTime });
  }

  /** Queue()'s own timeout: the caller leaves unanswered (no abandon) and the dialplan ends. */
  private timeout(): void {
    if (this.state !== 'waiting' && this.state !== 'ringing') return;
    this.state = 'ended';
    this.cancelTimers();
    const { env, caller } = this;
    const now = Date.now();
    this.cancelRinging();
    env.emit(ev.musicOnHoldStop(caller));
    const entry = this.entry as QueueEntry;
    const holdTime = secondsBetween(this.startedAt, now);
    const left = env.queues.leave(this.queue, entry);
    env.emit(ev.queueCallerLeave(caller, this.queue, left.position, left.count));
    env.queues.queueLog(
      this.queue,
      caller.uniqueid,
      'NONE',
      'EXITWITHTIMEOUT',
      String(left.position),
      String(entry.originalPosition),
      String(holdTime),
    );
    env.emit(ev.softHangupRequest(caller, 16));
    env.emit(ev.hangupRequest(this.outer, 16));
    this.hangupCustomerSide(undefined, now, 16);
    this.finish({ result: 'timeout', holdTime });
  }

  channels(): readonly Channel[] {
    return [this.outer, this.caller, ...this.legs.flatMap((leg) => leg.channels())];
  }

  info(): CallInfo {
    return {
      id: this.id,
      kind: 'inbound',
      state: this.state,
      linkedid: this.linkedid,
      channels: this.channels().map((c) => c.name),
      queue: this.queue,
      caller: this.options.callerNumber,
      member: this.connection?.leg.member.interface,
    };
  }

  /** Redirecting queue calls (transfers) is not simulated. */
  redirect(): boolean {
    return false;
  }

  /** AMI Hangup of one of the legs. */
  hangup(channel: Channel): void {
    if (channel === this.caller || channel === this.outer) {
      if (this.state === 'talking') this.complete('caller');
      else this.abandon();
      return;
    }
    const leg = this.legs.find((l) => l.owns(channel));
    if (!leg) return;
    if (this.state === 'talking') {
      this.complete('agent');
    } else if (this.state === 'ringing') {
      // The member rejected the call: stop ringing it, try again after the retry pause.
      this.env.emit(ev.dialEnd(this.caller, leg.dest, 'BUSY'));
      leg.drop(21);
      this.legs = this.legs.filter((l) => l !== leg);
      if (this.legs.length === 0) {
        this.state = 'waiting';
        this.retryTimer = this.env.scheduler.after(this.env.timing.retryMs, () => this.tryRing());
      }
    }
  }

  cancel(): void {
    this.cancelTimers();
    this.legs.forEach((leg) => leg.cancelTimers());
    this.state = 'ended';
    this.resolveOutcome({ result: 'cancelled' });
  }

  // --- helpers -------------------------------------------------------------------------------

  /** The caller leaves while members ring: their dials are cancelled. */
  private cancelRinging(): void {
    for (const leg of this.legs) {
      leg.cancelTimers();
      this.env.emit(ev.dialEnd(this.caller, leg.dest, 'CANCEL'));
      leg.drop(16);
    }
    this.legs = [];
  }

  private hangupCustomerSide(dest: Channel | undefined, now: number, cause: number): void {
    const { env, caller, outer } = this;
    env.emit(channelCdr(outer, undefined, this.startedAt, outer.answeredAt, now, 'ANSWERED'));
    env.emit(ev.hangup(outer, cause));
    env.emit(ev.hangup(caller, cause));
    env.emit(channelCdr(caller, dest, this.startedAt, caller.answeredAt, now, 'ANSWERED'));
    this.publishLocalDevice('NOT_INUSE');
  }

  private finish(outcome: InboundOutcome): void {
    this.state = 'ended';
    this.env.finished(this);
    this.resolveOutcome(outcome);
  }

  private cancelTimers(): void {
    this.timers.forEach((t) => t.cancel());
    this.retryTimer?.cancel();
    this.patienceTimer?.cancel();
  }

  /** Local/s@inbound is not cached: Asterisk reports it once per half, twice in a row. */
  private publishLocalDevice(state: 'INUSE' | 'NOT_INUSE'): void {
    const device = `Local/s@${INBOUND_CONTEXT}`;
    this.env.devices.publish(device, state, { force: true });
    this.env.devices.publish(device, state, { force: true });
  }
}
