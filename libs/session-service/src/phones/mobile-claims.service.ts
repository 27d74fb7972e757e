import { Inject, Injectable } from '@nestjs/common';
import {
  decideMobileClaim,
  evolveMobileClaim,
  initialMobileClaimState,
  type MobileClaimCommand,
  type MobileClaimEvent,
  type MobileClaimState,
} from '@switchboard/agent-domain';
import { StreamStateCache, type EventStore } from '@switchboard/event-store';
import { EVENT_STORE } from '@switchboard/platform';
import { foldOf, readState, runDecider } from './run-decider';

/**
 * The stream of one mobile number agents' calls may ring on: `mobile-<number>`, a leading + kept
 * apart as `plus` (+4930… and 004930… are dialled alike but written differently; the same agent
 * typing both is not our concern, two agents on one written number is). Session-service's own
 * stream, like the directory's, so its name is built here.
 */
export function mobileStream(number: string): string {
  return `mobile-${number.replace(/^\+/, 'plus')}`;
}

/**
 * Mobile numbers as ring targets: claimed on their own stream with the revision read, like shared
 * phones (PhoneClaims), so two agents racing for one number cannot both ring there; released when
 * the agent's calls stop ringing there (AgentCommandService, whatever logged it out).
 */
@Injectable()
export class MobileClaims {
  private readonly claims = foldOf<MobileClaimState, MobileClaimEvent>(
    { initial: initialMobileClaimState, evolve: evolveMobileClaim },
    new StreamStateCache<MobileClaimState>({ capacity: 20_000 }),
  );

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async holder(number: string): Promise<MobileClaimState> {
    return readState(this.store, mobileStream(number), this.claims);
  }

  /** Throws PhoneDomainError mobile_in_use when another agent's calls ring there. */
  async decide(command: MobileClaimCommand): Promise<MobileClaimState> {
    return (await runDecider(this.store, mobileStream(command.number), this.claims, (state) => decideMobileClaim(command, state))).state;
  }
}
