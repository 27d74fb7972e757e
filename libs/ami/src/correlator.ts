import type { PbxActionReply } from '@switchboard/contracts';
import type { AmiMessage } from './ami-message';

export interface RegisterOptions {
  /** Completion waits for this event carrying the same ActionID (Originate with Async: true
   *  answers `Response: Success` first, then `Event: OriginateResponse`). */
  readonly asyncEvent?: string;
}

export interface CorrelationOutcome {
  /** True when the frame is a reply (response, list item, list end, async result), not a
   *  spontaneous event: the caller must not publish it. */
  readonly consumed: boolean;
  readonly completed?: { readonly actionId: string; readonly reply: PbxActionReply };
}

interface Pending {
  readonly asyncEvent?: string;
  /** Timed out or given up: its frames are still recognised (and consumed) but complete nothing. */
  cancelled: boolean;
  response?: AmiMessage;
  /** Set once the Response said `EventList: start`. */
  items?: Array<Record<string, string>>;
}

/** Cancelled actions remembered so their late replies are not mistaken for events; a PBX that
 *  never answers must not grow this without bound. */
const MAX_CANCELLED = 1000;

/**
 * Matches AMI replies to actions by ActionID. A pure state machine: no timers, no I/O; the socket
 * adapter owns timeouts and calls `cancel`.
 *
 * - Plain action: its Response completes it (Success or Error alike; `ok` tells which).
 * - List action: the Response carries `EventList: start`; the events with the same ActionID are
 *   its items until the one with `EventList: Complete` (QueueStatusComplete, ...), which ends it.
 *   A list item can share its name with a spontaneous event (DeviceStateList items are
 *   `Event: DeviceStateChange`): only the ActionID tells them apart.
 * - Async action (Originate): a successful Response is remembered; the `asyncEvent` with the same
 *   ActionID completes it. An Error response completes it at once: no event will follow.
 *
 * Events that are not replies stay unconsumed even when they arrive between an action and its
 * reply (Asterisk interleaves them freely). Every Response is consumed: one with an unknown or
 * missing ActionID (a Ping sent without one, a reply to an action already cancelled) is a reply
 * nobody waits for, never an event, so it completes nothing and must not be published either.
 *
 * The same ActionID may be registered twice (errors-after-login sends two Pings with one id in a
 * single write and gets two responses): Asterisk answers one session's actions in order, so the
 * registrations are served first in, first out.
 */
export class ActionCorrelator {
  private readonly pending = new Map<string, Pending[]>();
  private live = 0;
  private cancelledCount = 0;

  /** Actions registered and neither completed nor cancelled. */
  get pendingCount(): number {
    return this.live;
  }

  register(actionId: string, options: RegisterOptions = {}): void {
    const entry: Pending = { asyncEvent: options.asyncEvent, cancelled: false };
    const queue = this.pending.get(actionId);
    if (queue) queue.push(entry);
    else this.pending.set(actionId, [entry]);
    this.live++;
  }

  /** Forgets every live action with this ActionID (timed out); returns how many. Their late
   *  replies are still consumed, so a late list never leaks out as spontaneous events. */
  cancel(actionId: string): number {
    const queue = this.pending.get(actionId);
    if (!queue) return 0;
    let count = 0;
    for (const entry of queue) {
      if (entry.cancelled) continue;
      entry.cancelled = true;
      count++;
    }
    this.live -= count;
    this.cancelledCount += count;
    if (this.cancelledCount > MAX_CANCELLED) this.forgetOldestCancelled();
    return count;
  }

  accept(m: AmiMessage): CorrelationOutcome {
    const kind = m.kind;
    if (kind === 'response') return this.acceptResponse(m);
    if (kind === 'event') return this.acceptEvent(m);
    return NOT_CONSUMED;
  }

  private acceptResponse(m: AmiMessage): CorrelationOutcome {
    const actionId = m.actionId;
    const queue = actionId === undefined ? undefined : this.pending.get(actionId);
    const entry = queue?.find((e) => e.response === undefined);
    if (actionId === undefined || !queue || !entry) {
      if (actionId !== undefined && isListStart(m)) {
        // A list nobody waits for (its action was never registered here): follow it as a
        // cancelled action, so its items are consumed instead of being taken for events.
        const orphan: Pending = { cancelled: true, response: m, items: [] };
        if (queue) queue.push(orphan);
        else this.pending.set(actionId, [orphan]);
        if (++this.cancelledCount > MAX_CANCELLED) this.forgetOldestCancelled();
      }
      return CONSUMED;
    }
    entry.response = m;
    if (isListStart(m)) {
      entry.items = [];
      return CONSUMED;
    }
    if (entry.asyncEvent !== undefined && isSuccess(m)) return CONSUMED;
    return this.finish(actionId, queue, entry, reply(m));
  }

  private acceptEvent(m: AmiMessage): CorrelationOutcome {
    const actionId = m.actionId;
    if (actionId === undefined) return NOT_CONSUMED;
    const queue = this.pending.get(actionId);
    if (!queue) return NOT_CONSUMED;
    const event = m.get('Event') ?? '';
    // The oldest action with this ActionID whose Response is in and that still expects events.
    const entry = queue.find((e) => e.response !== undefined && (e.items !== undefined || e.asyncEvent === event));
    if (!entry || !entry.response) return NOT_CONSUMED;
    if (entry.items) {
      if ((m.get('EventList') ?? '').toLowerCase() === 'complete') {
        // The Complete event's fields (ListItems, ...) are kept beside the response's.
        return this.finish(actionId, queue, entry, {
          ...reply(entry.response),
          fields: { ...m.toRecord(), ...entry.response.toRecord() },
          items: entry.items,
        });
      }
      // A cancelled list is only followed to its end; nobody will read its items.
      if (!entry.cancelled) entry.items.push(m.toRecord());
      return CONSUMED;
    }
    // The async result: its own Response header tells the outcome (OriginateResponse: Failure);
    // its fields (Channel, Uniqueid, Reason) join the first response's (Message).
    const result = reply(m);
    return this.finish(actionId, queue, entry, {
      ...result,
      message: entry.response.get('Message') ?? result.message,
      fields: { ...entry.response.toRecord(), ...result.fields },
    });
  }

  private finish(actionId: string, queue: Pending[], entry: Pending, r: PbxActionReply): CorrelationOutcome {
    queue.splice(queue.indexOf(entry), 1);
    if (queue.length === 0) this.pending.delete(actionId);
    if (entry.cancelled) {
      this.cancelledCount--;
      return CONSUMED;
    }
    this.live--;
    return { consumed: true, completed: { actionId, reply: r } };
  }

  /** Drops the oldest cancelled actions (Map iteration is insertion order). */
  private forgetOldestCancelled(): void {
    for (const [actionId, queue] of this.pending) {
      if (this.cancelledCount <= MAX_CANCELLED / 2) return;
      const kept = queue.filter((e) => !e.cancelled);
      this.cancelledCount -= queue.length - kept.length;
      if (kept.length === 0) this.pending.delete(actionId);
      else this.pending.set(actionId, kept);
    }
  }
}

const CONSUMED: CorrelationOutcome = Object.freeze({ consumed: true });
const NOT_CONSUMED: CorrelationOutcome = Object.freeze({ consumed: false });

function isSuccess(m: AmiMessage): boolean {
  return (m.get('Response') ?? '').toLowerCase() === 'success';
}

function isListStart(m: AmiMessage): boolean {
  return (m.get('EventList') ?? '').toLowerCase() === 'start';
}

function reply(m: AmiMessage): PbxActionReply {
  return { ok: isSuccess(m), response: m.get('Response') ?? '', message: m.get('Message') ?? '', fields: m.toRecord() };
}
