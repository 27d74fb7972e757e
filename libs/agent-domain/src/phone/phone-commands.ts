import type { PhoneReleaseReason, RequestChannel } from '@switchboard/contracts';
import type { CommandStamp } from './phone-metadata';

/** Commands on a phone's stream (phone-<id>). */
export type PhoneCommand =
  | (CommandStamp & {
      readonly type: 'ClaimPhone';
      readonly phoneId: string;
      readonly agentId: string;
      readonly via: RequestChannel;
      /**
       * Take the phone from this holder: a force-login displaces whoever sits there, and the
       * stale-phone policy replaces a holder whose session is gone. Decided against the stream,
       * so it only applies while that agent still holds the phone.
       */
      readonly takeOver?: { readonly from: string; readonly reason: Extract<PhoneReleaseReason, 'displaced' | 'stale'> };
    })
  | (CommandStamp & {
      readonly type: 'ReleasePhone';
      readonly phoneId: string;
      /** The holder this release ends: a release never frees a phone someone else took since. */
      readonly agentId: string;
      readonly via: RequestChannel;
      readonly reason: PhoneReleaseReason;
    })
  | (CommandStamp & {
      readonly type: 'RecordRegistration';
      readonly phoneId: string;
      readonly line: string;
      readonly registered: boolean;
      /** The PBX event it comes from, e.g. PeerStatus. */
      readonly source: string;
      /** The PBX event's time: an older report than the one recorded changes nothing. */
      readonly observedAt: string;
    });

export type PhoneOutcome = 'claimed' | 'already-held' | 'released' | 'not-held' | 'recorded' | 'unchanged';
