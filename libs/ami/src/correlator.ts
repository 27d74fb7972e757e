import type { PbxActionReply } from '@switchboard/contracts';
import type { AmiMessage } from './ami-message';

interface Pending {
  readonly asyncEvent?: string;
  response?: AmiMessage;
  items?: Array<Record<string, string>>;
}

export interface CorrelationOutcome {
  /** True when the frame is a reply (response, list item, async result), not a spontaneous event. */
  readonly consumed: boolean;
  readonly completed?: { readonly actionId: string; readonly reply: PbxActionReply };
}

/**
 * Matches AMI replies to actions by ActionID, without timers (the socket adapter owns timeouts):
 * plain responses; list responses (`EventList: start`, items carrying the ActionID, then the
 * `EventList: Complete` event); and Originate's `OriginateResponse` event that follows its
 * Response. Unrelated events that arrive between an action and its reply are left alone.
 */
export class ActionCorrelator {
  private readonly pending = new Map<string, Pending>();

  get pendingCount(): number {
    return this.pending.size;
  }

  register(actionId: string, options: { asyncEvent?: string } = {}): void {
    this.pending.set(actionId, { asyncEvent: options.asyncEvent });
  }

  cancel(actionId: string): void {
    this.pending.delete(actionId);
  }

  accept(m: AmiMessage): CorrelationOutcome {
    const kind = m.kind;
    const actionId = m.actionId;
    const waiting = actionId === undefined ? undefined : this.pending.get(actionId);
    if (kind === 'response') {
      // A response is never a spontaneous event, even for an action we no longer wait for.
      if (!waiting || actionId === undefined) return { consumed: true };
      if (waiting.response) return { consumed: true }; // a second response with a reused id
      waiting.response = m;
      if ((m.get('EventList') ?? '').toLowerCase() === 'start') {
        waiting.items = [];
        return { consumed: true };
      }
      if (waiting.asyncEvent && isSuccess(m)) return { consumed: true };
      return this.complete(actionId, reply(m));
    }
    if (kind !== 'event' || !waiting || actionId === undefined || !waiting.response) return { consumed: false };
    if (waiting.items) {
      if ((m.get('EventList') ?? '').toLowerCase() === 'complete') {
        return this.complete(actionId, { ...reply(waiting.response), items: waiting.items, fields: { ...m.toRecord(), ...waiting.response.toRecord() } });
      }
      waiting.items.push(m.toRecord());
      return { consumed: true };
    }
    if (waiting.asyncEvent && m.get('Event') === waiting.asyncEvent) {
      const asyncReply = reply(m);
      return this.complete(actionId, { ...asyncReply, message: waiting.response.get('Message') ?? asyncReply.message });
    }
    return { consumed: false };
  }

  private complete(actionId: string, r: PbxActionReply): CorrelationOutcome {
    this.pending.delete(actionId);
    return { consumed: true, completed: { actionId, reply: r } };
  }
}

function isSuccess(m: AmiMessage): boolean {
  return (m.get('Response') ?? '').toLowerCase() === 'success';
}

function reply(m: AmiMessage): PbxActionReply {
  return { ok: isSuccess(m), response: m.get('Response') ?? '', message: m.get('Message') ?? '', fields: m.toRecord() };
}
