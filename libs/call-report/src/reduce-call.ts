import { assertNever, type CallDisposed } from '@switchboard/contracts';
import { callIdOf, rowKeyOf, type CallFact, type MemberContext } from './call-fact';
import { emptyCallState, normalizeCallState, type CallState, type DispositionObservation } from './call-state';
import { earliest, latest, mergeKeyed, minText, minTime } from './merge';

function dispositionOf(event: CallDisposed): DispositionObservation {
  const d = event.data;
  return { agentId: d.agentId, code: d.code, note: d.note ?? null, at: d.at };
}

/**
 * Of two dispositions of a call, the one a row keeps (the same rule as reduceCall's): for a
 * projection that holds a call's disposition until the call's rows exist.
 */
export function laterDisposition(current: CallDisposed | undefined, next: CallDisposed): CallDisposed {
  if (!current) return next;
  const kept = dispositionOf(current);
  return latest(kept, dispositionOf(next)) === kept ? current : next;
}

/** The phone behind a member: the AgentLogin device of a pooled agent, else its state interface. */
function phoneOf(member: MemberContext | undefined, iface: string): string {
  return member?.device ?? member?.stateInterface ?? iface;
}

/**
 * (state, fact) → state for one row (call id + queue). Pure, idempotent and order-insensitive
 * (see CallState). `state` undefined starts the row named by `key`. A fact of another call, or a
 * queue event of another queue, is a bug of the caller and is refused rather than mixed in.
 */
export function reduceCall(
  state: CallState | undefined,
  fact: CallFact,
  key: { readonly callId: string; readonly queue: string },
): CallState {
  const s = state ? normalizeCallState(state) : emptyCallState(key.callId, key.queue);
  const target = rowKeyOf(fact);
  if (callIdOf(fact) !== s.callId || (target.kind === 'row' && target.queue !== s.queue)) {
    throw new Error(
      `call fact for ${callIdOf(fact)}/${target.kind === 'row' ? target.queue : '*'} applied to row ${s.callId}/${s.queue}`,
    );
  }
  if (fact.kind === 'disposition') {
    // Each agent's latest, sorted by agent: the same list whatever the order they came in.
    return { ...s, dispositions: mergeKeyed(s.dispositions, dispositionOf(fact.event), (d) => d.agentId, latest) };
  }

  const event = fact.event;
  const at = event.metadata.occurredAt;
  const withPbx: CallState = { ...s, pbxId: minText(s.pbxId, event.metadata.pbxId) };
  if (event.type === 'Hangup') {
    const uniqueid = event.data.uniqueid;
    return {
      ...withPbx,
      hangups: { ...withPbx.hangups, [uniqueid]: minTime(withPbx.hangups[uniqueid] ?? null, at) },
    };
  }
  if (event.type === 'CallTransferred') {
    // A transfer that failed (Fail, Invalid, Not Permitted) moved nobody: not a fact of the call.
    if (event.data.result !== 'Success') return s;
    const { transferer, secondTransferer } = event.data;
    const transferers = [transferer, ...(secondTransferer ? [secondTransferer] : [])].map((c) => ({
      channel: c.channel,
      uniqueid: c.uniqueid,
      device: c.device,
    }));
    return {
      ...withPbx,
      transfers: mergeKeyed(
        withPbx.transfers,
        { at, kind: event.data.kind, transferers },
        (x) => `${x.at}|${x.transferers[0]?.uniqueid ?? ''}|${x.kind}`,
      ),
    };
  }

  // Every queue event names the caller's channel.
  const d = event.data;
  const next: CallState = {
    ...withPbx,
    caller: earliest(withPbx.caller, {
      at,
      uniqueid: d.uniqueid,
      number: d.callerIdNum,
      name: d.callerIdName,
    }),
  };
  switch (event.type) {
    case 'QueueCallerJoined':
      return { ...next, joinedAt: minTime(next.joinedAt, at) };
    case 'QueueCallerLeft':
      return { ...next, leftAt: minTime(next.leftAt, at) };
    case 'AgentCalled':
      return next;
    case 'AgentConnected': {
      const member = 'member' in fact ? fact.member : undefined;
      return {
        ...next,
        connect: earliest(next.connect, {
          at,
          holdTimeSeconds: event.data.holdTimeSeconds,
          ringTimeSeconds: event.data.ringTimeSeconds,
          interface: event.data.interface,
          // Without a context the member interface is the best name of the phone there is.
          phoneId: phoneOf(member, event.data.interface),
          agentId: member?.agentId ?? null,
          destChannel: event.data.destChannel,
          destUniqueid: event.data.destUniqueid,
        }),
      };
    }
    case 'AgentCompleted':
      return {
        ...next,
        complete: earliest(next.complete, {
          at,
          talkTimeSeconds: event.data.talkTimeSeconds,
          reason: event.data.reason,
        }),
      };
    case 'QueueCallerAbandoned':
      return {
        ...next,
        abandon: earliest(next.abandon, { at, holdTimeSeconds: event.data.holdTimeSeconds }),
      };
    case 'AgentRingNoAnswer': {
      const member = 'member' in fact ? fact.member : undefined;
      return {
        ...next,
        ringNoAnswer: mergeKeyed(
          next.ringNoAnswer,
          {
            interface: event.data.interface,
            at,
            phoneId: phoneOf(member, event.data.interface),
            // The contract carries seconds (AMI's milliseconds / 1000); whole ms again.
            ringMs: Math.round(event.data.ringTimeSeconds * 1000),
          },
          // ISO times of one format sort as text; the member breaks ties.
          (r) => `${r.at}|${r.interface}`,
        ),
      };
    }
    default:
      return assertNever(event, 'call event');
  }
}

/** The state of one row from a set of facts, in the order given (any order gives the same).
 *  Facts of other calls or other queues are skipped, as the projection routes them elsewhere. */
export function foldCall(
  facts: readonly CallFact[],
  key: { readonly callId: string; readonly queue: string },
): CallState {
  return facts.reduce<CallState>(
    (state, fact) => {
      const target = rowKeyOf(fact);
      if (target.callId !== key.callId || (target.kind === 'row' && target.queue !== key.queue))
        return state;
      return reduceCall(state, fact, key);
    },
    emptyCallState(key.callId, key.queue),
  );
}
