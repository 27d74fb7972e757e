import { assertNever, type PhoneEventMetadata, type RequestChannel } from '@switchboard/contracts';
import { PhoneDomainError } from './phone-domain-error';
import { requireStamp, stampOf, type CommandStamp } from './phone-metadata';
import { STALE_AFTER_MS } from './phone-listing';

/**
 * A mobile number where an agent's queue calls ring, claimed on its own stream (mobile-<number>)
 * with the revision read, like a shared phone: two agents never ring on one number. The events
 * belong to session-service's streams only (no other consumer reads them), so they are defined
 * here with their decider rather than in contracts.
 */
export type MobileClaimEvent =
  | {
      readonly type: 'MobileNumberClaimed';
      readonly data: { readonly number: string; readonly agentId: string; readonly via: RequestChannel; readonly at: string };
      readonly metadata: PhoneEventMetadata;
    }
  | {
      readonly type: 'MobileNumberReleased';
      readonly data: {
        readonly number: string;
        readonly agentId: string;
        /** logout: the agent's calls no longer ring there; stale: taken from an agent who no longer rang there. */
        readonly reason: 'logout' | 'stale' | 'refused';
        readonly at: string;
      };
      readonly metadata: PhoneEventMetadata;
    };

export type MobileClaimState =
  | { readonly status: 'free' }
  | { readonly status: 'claimed'; readonly agentId: string; readonly since: string };

export type MobileClaimCommand =
  | (CommandStamp & {
      readonly type: 'ClaimMobileNumber';
      readonly number: string;
      readonly agentId: string;
      readonly via: RequestChannel;
      /**
       * The holder the caller found no longer ringing on the number (not logged in there): its
       * claim is taken over once it is older than a claim still under way can be (STALE_AFTER_MS).
       */
      readonly staleHolder?: string;
    })
  | (CommandStamp & {
      readonly type: 'ReleaseMobileNumber';
      readonly number: string;
      readonly agentId: string;
      readonly reason: 'logout' | 'refused';
    });

export interface MobileClaimDecision {
  readonly events: readonly MobileClaimEvent[];
  readonly outcome: 'claimed' | 'released' | 'not-held';
}

export function initialMobileClaimState(): MobileClaimState {
  return { status: 'free' };
}

export function evolveMobileClaim(state: MobileClaimState, event: MobileClaimEvent): MobileClaimState {
  switch (event.type) {
    case 'MobileNumberClaimed':
      return { status: 'claimed', agentId: event.data.agentId, since: event.data.at };
    case 'MobileNumberReleased':
      return state.status === 'claimed' && state.agentId === event.data.agentId ? { status: 'free' } : state;
    default:
      return assertNever(event, 'mobile claim event');
  }
}

/**
 * One agent per number. The holder claiming again records it again (its `since` is the latest
 * login), so a concurrent takeover that read the older claim conflicts and decides again. Another
 * agent is refused (mobile_in_use), unless the caller names the holder as no longer ringing there
 * and its claim is old enough not to be a login under way.
 */
export function decideMobileClaim(command: MobileClaimCommand, state: MobileClaimState): MobileClaimDecision {
  requireStamp(command);
  const metadata = stampOf(command);
  const { number, agentId, at } = command;
  switch (command.type) {
    case 'ClaimMobileNumber': {
      const claimed: MobileClaimEvent = { type: 'MobileNumberClaimed', data: { number, agentId, via: command.via, at }, metadata };
      if (state.status === 'free' || state.agentId === agentId) return { events: [claimed], outcome: 'claimed' };
      const stale = command.staleHolder === state.agentId && Date.parse(at) - Date.parse(state.since) >= STALE_AFTER_MS;
      if (!stale) throw new PhoneDomainError('mobile_in_use', `mobile number ${number} is where agent ${state.agentId}'s calls ring`);
      const released: MobileClaimEvent = { type: 'MobileNumberReleased', data: { number, agentId: state.agentId, reason: 'stale', at }, metadata };
      return { events: [released, claimed], outcome: 'claimed' };
    }
    case 'ReleaseMobileNumber':
      if (state.status !== 'claimed' || state.agentId !== agentId) return { events: [], outcome: 'not-held' };
      return { events: [{ type: 'MobileNumberReleased', data: { number, agentId, reason: command.reason, at }, metadata }], outcome: 'released' };
    default:
      return assertNever(command, 'mobile claim command');
  }
}
