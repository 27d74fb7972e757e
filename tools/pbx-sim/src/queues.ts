// app_queue as seen from AMI: queues with dynamic members and waiting callers, member status
// driven by the members' state interfaces, the Queue:<q>_avail / _pause_<iface> devices, the
// QueueStatus/QueueSummary numbers and the queue_log. Call flows (inbound-call.ts) ask this
// module whom to ring; they own the channels.

import type { AmiFields, Channel } from './channel';
import { deviceStateNumber, isAvailableState } from './device-state';
import type { DeviceStates } from './devices';
import type {
  QueueMemberEventName,
  QueueMemberView,
  QueueParamsView,
  QueueSummaryView,
} from './events';
import { queueMemberEvent } from './events';
import type { QueueConfig, QueueStrategy } from './options';
import { epochSeconds } from './time-format';

export interface Member {
  readonly queue: string;
  readonly interface: string;
  readonly memberName: string;
  readonly stateInterface: string;
  penalty: number;
  callsTaken: number;
  lastCall: number;
  lastPause: number;
  readonly loginTime: number;
  inCall: boolean;
  paused: boolean;
  pausedReason: string;
  ringinuse: boolean;
  wrapuptime: number;
}

/** A caller waiting in a queue (QueueEntry). */
export interface QueueEntry {
  readonly channel: Channel;
  readonly joinedAt: number;
  readonly originalPosition: number;
}

interface Queue {
  readonly name: string;
  readonly strategy: QueueStrategy;
  readonly members: Member[];
  readonly entries: QueueEntry[];
  /** rrmemory: the member position to start the next search at. */
  rrpos: number;
  holdtime: number;
  talktime: number;
  completed: number;
  abandoned: number;
  completedInSl: number;
  abandonedInSl: number;
}

export interface AddMemberInput {
  readonly queue: string;
  readonly interface: string;
  readonly memberName?: string;
  readonly stateInterface?: string;
  readonly penalty?: number;
  readonly paused?: boolean;
  readonly reason?: string;
}

export type AddResult = 'ok' | 'exists' | 'nosuchqueue';
export type RemoveResult = 'ok' | 'notthere' | 'nosuchqueue';

/** Seconds; calls answered within it count for ServicelevelPerf (queues.conf servicelevel). */
const SERVICE_LEVEL = 20;

/** queue_log lines kept in memory (the newest ones); far more than any test or scenario writes. */
export const QUEUE_LOG_LIMIT = 100_000;

export class QueueManager {
  private readonly queues = new Map<string, Queue>();
  private readonly log: string[] = [];
  private readonly availabilityListeners: Array<(queue: string) => void> = [];

  constructor(
    configs: readonly Required<QueueConfig>[],
    private readonly devices: DeviceStates,
    private readonly emit: (fields: AmiFields) => void,
  ) {
    for (const c of configs) {
      this.queues.set(c.name, {
        name: c.name,
        strategy: c.strategy,
        members: [],
        entries: [],
        rrpos: 0,
        holdtime: 0,
        talktime: 0,
        completed: 0,
        abandoned: 0,
        completedInSl: 0,
        abandonedInSl: 0,
      });
      // A queue without available members reports its _avail device as INUSE; Asterisk has that
      // state cached from boot, so the first member that is not available causes no event.
      devices.init(`Queue:${c.name}_avail`, 'INUSE');
      devices.init(`Queue:${c.name}`, 'NOT_INUSE');
    }
    devices.onChange((device) => this.onDeviceChange(device));
  }

  /** Called when a member may have become free to take a call in this queue. */
  onAvailability(listener: (queue: string) => void): void {
    this.availabilityListeners.push(listener);
  }

  has(queue: string): boolean {
    return this.queues.has(queue);
  }

  names(): string[] {
    return [...this.queues.keys()];
  }

  // --- membership ----------------------------------------------------------------------------

  add(input: AddMemberInput): AddResult {
    const q = this.queues.get(input.queue);
    if (!q) return 'nosuchqueue';
    if (q.members.some((m) => m.interface === input.interface)) return 'exists';
    const now = epochSeconds();
    const paused = input.paused ?? false;
    const member: Member = {
      queue: q.name,
      interface: input.interface,
      memberName: input.memberName || input.interface,
      stateInterface: input.stateInterface || input.interface,
      penalty: input.penalty ?? 0,
      callsTaken: 0,
      lastCall: 0,
      lastPause: paused ? now : 0,
      loginTime: now,
      inCall: false,
      paused,
      pausedReason: paused ? (input.reason ?? '') : '',
      ringinuse: false,
      wrapuptime: 0,
    };
    q.members.push(member);
    this.publishPauseDevice(member);
    this.emitMember('QueueMemberAdded', member);
    this.refreshAvail(q);
    this.queueLog(q.name, 'MANAGER', member.interface, 'ADDMEMBER', '');
    if (paused) this.queueLog(q.name, 'NONE', member.memberName, 'PAUSE', member.pausedReason);
    this.notifyAvailability(q.name);
    return 'ok';
  }

  remove(queue: string, iface: string): RemoveResult {
    const q = this.queues.get(queue);
    if (!q) return 'nosuchqueue';
    const index = q.members.findIndex((m) => m.interface === iface);
    if (index < 0) return 'notthere';
    const [member] = q.members.splice(index, 1) as [Member];
    if (q.rrpos > index) q.rrpos--;
    this.emitMember('QueueMemberRemoved', member);
    this.refreshAvail(q);
    this.queueLog(q.name, 'MANAGER', member.interface, 'REMOVEMEMBER', '');
    return 'ok';
  }

  /**
   * Pause or unpause a member in one queue, or in every queue it is in (queue undefined), one
   * QueueMemberPause per queue. False when the interface is not a member anywhere asked.
   */
  pause(iface: string, paused: boolean, reason: string, queue?: string): boolean {
    const targets = this.membersByInterface(iface).filter((m) => !queue || m.queue === queue);
    if (targets.length === 0) return false;
    const now = epochSeconds();
    for (const member of targets) {
      const q = this.queues.get(member.queue) as Queue;
      member.paused = paused;
      // Unpause still echoes a given Reason into PausedReason (pause-unpause capture).
      member.pausedReason = reason;
      if (paused) member.lastPause = now;
      this.publishPauseDevice(member);
      this.refreshAvail(q);
      this.emitMember('QueueMemberPause', member);
      this.queueLog(q.name, 'NONE', member.memberName, paused ? 'PAUSE' : 'UNPAUSE', reason);
      if (!paused) this.notifyAvailability(q.name);
    }
    return true;
  }

  /** QueuePenalty. False when the interface is not a member (of that queue). */
  setPenalty(iface: string, penalty: number, queue?: string): boolean {
    const targets = this.membersByInterface(iface).filter((m) => !queue || m.queue === queue);
    if (targets.length === 0) return false;
    for (const member of targets) {
      member.penalty = penalty;
      this.emitMember('QueueMemberPenalty', member);
    }
    return true;
  }

  member(queue: string, iface: string): Member | undefined {
    return this.queues.get(queue)?.members.find((m) => m.interface === iface);
  }

  members(queue: string): Member[] {
    return [...(this.queues.get(queue)?.members ?? [])];
  }

  membersByInterface(iface: string): Member[] {
    const out: Member[] = [];
    for (const q of this.queues.values()) {
      const m = q.members.find((x) => x.interface === iface);
      if (m) out.push(m);
    }
    return out;
  }

  status(member: Member): number {
    return deviceStateNumber(this.devices.get(member.stateInterface));
  }

  view(member: Member): QueueMemberView {
    return { ...member, status: this.status(member) };
  }

  /** Whom to ring next: one member (rrmemory, leastrecent) or every best one (ringall). */
  pick(queue: string, canRing: (member: Member) => boolean): Member[] {
    const q = this.queues.get(queue);
    if (!q) return [];
    const candidates = q.members
      .map((member, pos) => ({ member, pos }))
      .filter(({ member }) => this.isAvailable(member) && canRing(member));
    if (candidates.length === 0) return [];
    const now = epochSeconds();
    const metric = ({ member, pos }: { member: Member; pos: number }): number => {
      const base = member.penalty * 1_000_000;
      switch (q.strategy) {
        case 'ringall':
          return base;
        case 'rrmemory':
          return base + (pos < q.rrpos ? 1000 + pos : pos);
        case 'leastrecent':
          return base + (member.lastCall === 0 ? 0 : 1_000_000 - (now - member.lastCall));
        default: {
          const never: never = q.strategy;
          throw new Error(`unknown strategy ${String(never)}`);
        }
      }
    };
    const scored = candidates.map((c) => ({ ...c, metric: metric(c) }));
    const best = Math.min(...scored.map((s) => s.metric));
    const winners = scored.filter((s) => s.metric === best);
    if (q.strategy === 'ringall') return winners.map((w) => w.member);
    const chosen = winners[0] as (typeof winners)[number];
    if (q.strategy === 'rrmemory') q.rrpos = chosen.pos + 1;
    return [chosen.member];
  }

  /** Available = not paused and its state interface free (what the avail device counts). */
  isAvailable(member: Member): boolean {
    return !member.paused && isAvailableState(this.devices.get(member.stateInterface));
  }

  // --- callers -------------------------------------------------------------------------------

  /** A caller joins; returns its position and the new count. */
  join(queue: string, channel: Channel): { position: number; count: number; entry: QueueEntry } {
    const q = this.requireQueue(queue);
    const entry: QueueEntry = {
      channel,
      joinedAt: Date.now(),
      originalPosition: q.entries.length + 1,
    };
    q.entries.push(entry);
    if (q.entries.length === 1) this.devices.publish(`Queue:${q.name}`, 'RINGING');
    return { position: q.entries.length, count: q.entries.length, entry };
  }

  /** Position of a waiting caller (1-based), or 0 when it is not waiting. */
  position(queue: string, entry: QueueEntry): number {
    return (this.queues.get(queue)?.entries.indexOf(entry) ?? -1) + 1;
  }

  /**
   * Remove a waiting caller. `beforeLeave` runs first (QueueCallerAbandon comes before the
   * Queue:<q> device change and QueueCallerLeave). Returns the position it had and the count left.
   */
  leave(queue: string, entry: QueueEntry): { position: number; count: number } {
    const q = this.requireQueue(queue);
    const index = q.entries.indexOf(entry);
    if (index >= 0) q.entries.splice(index, 1);
    if (q.entries.length === 0) this.devices.publish(`Queue:${q.name}`, 'NOT_INUSE');
    return { position: index + 1, count: q.entries.length };
  }

  entries(queue: string): readonly QueueEntry[] {
    return this.queues.get(queue)?.entries ?? [];
  }

  // --- statistics (same exponential averages as app_queue) -----------------------------------

  recordConnect(queue: string, holdSeconds: number): void {
    const q = this.requireQueue(queue);
    q.holdtime = ((q.holdtime << 2) - q.holdtime + holdSeconds) >> 2;
  }

  recordComplete(queue: string, member: Member, holdSeconds: number, talkSeconds: number): void {
    const q = this.requireQueue(queue);
    member.callsTaken++;
    member.lastCall = epochSeconds();
    q.completed++;
    if (holdSeconds <= SERVICE_LEVEL) q.completedInSl++;
    q.talktime = ((q.talktime << 2) - q.talktime + talkSeconds) >> 2;
  }

  recordAbandon(queue: string, holdSeconds: number): void {
    const q = this.requireQueue(queue);
    q.abandoned++;
    if (holdSeconds <= SERVICE_LEVEL) q.abandonedInSl++;
  }

  params(queue: string): QueueParamsView | undefined {
    const q = this.queues.get(queue);
    if (!q) return undefined;
    const perf = q.completed > 0 ? (100 * q.completedInSl) / q.completed : 0;
    const total = q.completed + q.abandoned;
    const perf2 = total > 0 ? (100 * (q.completedInSl + q.abandonedInSl)) / total : 0;
    return {
      queue: q.name,
      strategy: q.strategy,
      calls: q.entries.length,
      holdtime: q.holdtime,
      talktime: q.talktime,
      completed: q.completed,
      abandoned: q.abandoned,
      serviceLevel: SERVICE_LEVEL,
      serviceLevelPerf: perf.toFixed(1),
      serviceLevelPerf2: perf2.toFixed(1),
    };
  }

  summary(queue: string): QueueSummaryView | undefined {
    const q = this.queues.get(queue);
    if (!q) return undefined;
    // Unavailable/invalid members are not "logged in" (phone-unregister-while-member capture).
    const loggedIn = q.members.filter((m) => {
      const state = this.devices.get(m.stateInterface);
      return state !== 'UNAVAILABLE' && state !== 'INVALID';
    });
    const now = Date.now();
    return {
      queue: q.name,
      loggedIn: loggedIn.length,
      available: loggedIn.filter((m) => this.isAvailable(m)).length,
      callers: q.entries.length,
      holdtime: q.holdtime,
      talktime: q.talktime,
      longestHoldTime: q.entries.reduce(
        (max, e) => Math.max(max, Math.floor((now - e.joinedAt) / 1000)),
        0,
      ),
    };
  }

  // --- queue_log -----------------------------------------------------------------------------

  /** Append a queue_log line `epoch|callid|queue|agent|EVENT|data...`. */
  queueLog(
    queue: string,
    callId: string,
    agent: string,
    eventName: string,
    ...data: string[]
  ): void {
    this.log.push([String(epochSeconds()), callId, queue, agent, eventName, ...data].join('|'));
    // Load mode writes hundreds of lines a second for as long as it runs: keep the newest ones
    // only, trimming in batches so the cost stays amortised O(1) per line.
    if (this.log.length > QUEUE_LOG_LIMIT + QUEUE_LOG_LIMIT / 10) {
      this.log.splice(0, this.log.length - QUEUE_LOG_LIMIT);
    }
  }

  queueLogLines(): readonly string[] {
    return this.log;
  }

  // --- internals -----------------------------------------------------------------------------

  private onDeviceChange(device: string): void {
    for (const q of this.queues.values()) {
      const affected = q.members.filter((m) => m.stateInterface === device);
      if (affected.length === 0) continue;
      for (const member of affected) this.emitMember('QueueMemberStatus', member);
      this.refreshAvail(q);
      if (affected.some((m) => this.isAvailable(m))) this.notifyAvailability(q.name);
    }
  }

  private refreshAvail(q: Queue): void {
    const any = q.members.some((m) => this.isAvailable(m));
    this.devices.publish(`Queue:${q.name}_avail`, any ? 'NOT_INUSE' : 'INUSE');
  }

  private publishPauseDevice(member: Member): void {
    this.devices.publish(
      `Queue:${member.queue}_pause_${member.interface}`,
      member.paused ? 'INUSE' : 'NOT_INUSE',
    );
  }

  private emitMember(name: QueueMemberEventName, member: Member): void {
    this.emit(queueMemberEvent(name, this.view(member)));
  }

  private notifyAvailability(queue: string): void {
    for (const listener of this.availabilityListeners) listener(queue);
  }

  private requireQueue(queue: string): Queue {
    const q = this.queues.get(queue);
    if (!q) throw new Error(`pbx-sim: no queue named ${queue}`);
    return q;
  }
}
