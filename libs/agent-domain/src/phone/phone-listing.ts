import type { PhoneEntry } from '../directory/directory';
import type { PhoneState } from './phone-state';

/**
 * A phone as the desktop lists it, for one agent:
 * - free: nobody holds it; yours: the asking agent holds it;
 * - in-use: another agent holds it and is logged in;
 * - stale: the holder's session ended without a logout (it holds the phone but is logged in
 *   nowhere): shown so a supervisor can release it, never offered as free.
 */
export type PhoneAvailability = 'free' | 'yours' | 'in-use' | 'stale';

export interface PhoneListing {
  readonly id: string;
  readonly line: string;
  readonly name: string | null;
  /** Null until the PBX said anything about the phone. */
  readonly registered: boolean | null;
  readonly availability: PhoneAvailability;
  /** The holder, for in-use and stale phones. */
  readonly heldBy: string | null;
  readonly since: string | null;
}

/** A claim this young is not called stale yet: the holder may be logging in right now. */
export const STALE_AFTER_MS = 30_000;

export interface ListingContext {
  readonly askingAgentId: string | undefined;
  /** Whether the agent has a live session (is logged in to a queue). */
  readonly hasLiveSession: (agentId: string) => boolean;
  /** The caller's clock, read once: this module reads none. */
  readonly now: string;
}

export function listPhone(phone: PhoneEntry, state: PhoneState, ctx: ListingContext): PhoneListing {
  const registered = state.registration.status === 'unknown' ? null : state.registration.status === 'registered';
  const base = { id: phone.id, line: phone.line, name: phone.name ?? null, registered };
  if (state.status === 'free') return { ...base, availability: 'free', heldBy: null, since: null };
  const held = { heldBy: state.agentId, since: state.since };
  if (state.agentId === ctx.askingAgentId) return { ...base, availability: 'yours', ...held };
  const young = Date.parse(ctx.now) - Date.parse(state.since) < STALE_AFTER_MS;
  const availability = young || ctx.hasLiveSession(state.agentId) ? 'in-use' : 'stale';
  return { ...base, availability, ...held };
}

/**
 * The hot-desk rules for the asking agent: phones registered in Asterisk and free (or already
 * its own), plus stale ones shown as such; phones another agent uses are left out. When no phone
 * is registered at all (a PBX that reports no registrations, or all phones down), registration
 * is not a filter: every free phone is offered.
 */
export function availablePhones(listings: readonly PhoneListing[]): PhoneListing[] {
  const anyRegistered = listings.some((l) => l.registered === true);
  return listings.filter((l) => {
    if (l.availability === 'in-use') return false;
    if (l.availability === 'free') return !anyRegistered || l.registered === true;
    return true;
  });
}
