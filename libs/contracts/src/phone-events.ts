import type { RequestChannel } from './agent-events';
import type { Message, MessageMetadata } from './envelope';

/**
 * Phones and PINs: what hot desk and force-login record. Three kinds of stream, each with its own
 * expected revision, so every rule that must hold across replicas is decided against one stream:
 * - phone-<id>: who holds the phone (at most one agent) and whether it is registered;
 * - seat-<agentId>: which phone the agent holds (at most one phone);
 * - pin-<agentId>: wrong PINs counted, and the lockout they caused.
 * No event carries a PIN, nor anything derived from one.
 */
export const PHONE_EVENT_SCHEMA_VERSION = 1;

export interface PhoneEventMetadata extends MessageMetadata {
  /** Id of the command that caused the event. */
  readonly causationId?: string;
}

type PhoneMessage<T extends string, D> = Message<T, D, PhoneEventMetadata>;

/** Why a phone or a seat was let go. */
export type PhoneReleaseReason =
  /** The agent logged out. */
  | 'logout'
  /** The agent took another phone (force-login elsewhere, a new hot-desk login). */
  | 'moved'
  /** Another agent force-logged in on this phone. */
  | 'displaced'
  /** A supervisor released a stale claim. */
  | 'supervisor'
  /** The stale-phone policy released it for a new claim. */
  | 'stale'
  /** The seat named a phone that never confirmed the claim (a claim that failed half-way). */
  | 'unconfirmed';

export type PhoneClaimed = PhoneMessage<
  'PhoneClaimed',
  { readonly phoneId: string; readonly agentId: string; readonly via: RequestChannel; readonly at: string }
>;
export type PhoneReleased = PhoneMessage<
  'PhoneReleased',
  {
    readonly phoneId: string;
    readonly agentId: string;
    readonly reason: PhoneReleaseReason;
    readonly via: RequestChannel;
    readonly at: string;
  }
>;
/** Registration as the PBX reported it (PeerStatus, DeviceStateChange); `observedAt` is the PBX
 *  event's time, so a report that arrives late never overwrites a newer one. */
export type PhoneRegistered = PhoneMessage<
  'PhoneRegistered',
  { readonly phoneId: string; readonly line: string; readonly source: string; readonly observedAt: string }
>;
export type PhoneUnregistered = PhoneMessage<
  'PhoneUnregistered',
  { readonly phoneId: string; readonly line: string; readonly source: string; readonly observedAt: string }
>;

export type PhoneEvent = PhoneClaimed | PhoneReleased | PhoneRegistered | PhoneUnregistered;
export type PhoneEventType = PhoneEvent['type'];
export const PHONE_EVENT_TYPES: readonly PhoneEventType[] = [
  'PhoneClaimed',
  'PhoneReleased',
  'PhoneRegistered',
  'PhoneUnregistered',
];

/** The agent's side of a hot-desk claim (stream seat-<agentId>). */
export type AgentSeated = PhoneMessage<
  'AgentSeated',
  { readonly agentId: string; readonly phoneId: string; readonly at: string }
>;
export type AgentUnseated = PhoneMessage<
  'AgentUnseated',
  { readonly agentId: string; readonly phoneId: string; readonly reason: PhoneReleaseReason; readonly at: string }
>;
export type SeatEvent = AgentSeated | AgentUnseated;
export const SEAT_EVENT_TYPES: readonly SeatEvent['type'][] = ['AgentSeated', 'AgentUnseated'];

/** A wrong PIN; `failures` counts the wrong PINs since the last right one or lockout. */
export type PinRejected = PhoneMessage<
  'PinRejected',
  { readonly agentId: string; readonly failures: number; readonly via: RequestChannel; readonly at: string }
>;
/** Too many wrong PINs: every PIN of the agent is refused until `until`. */
export type AgentLockedOut = PhoneMessage<
  'AgentLockedOut',
  { readonly agentId: string; readonly failures: number; readonly until: string; readonly at: string }
>;
/** A right PIN after wrong ones: the count starts again. */
export type PinAccepted = PhoneMessage<
  'PinAccepted',
  { readonly agentId: string; readonly via: RequestChannel; readonly at: string }
>;
export type PinEvent = PinRejected | AgentLockedOut | PinAccepted;
export const PIN_EVENT_TYPES: readonly PinEvent['type'][] = ['PinRejected', 'AgentLockedOut', 'PinAccepted'];
