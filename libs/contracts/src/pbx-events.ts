import type { Message, MessageMetadata } from './envelope';

export const PBX_EVENT_SCHEMA_VERSION = 1;

/** Metadata of an event read from one PBX's AMI connection. */
export interface PbxEventMetadata extends MessageMetadata {
  readonly pbxId: string;
  /** Identifies one AMI login session of the gateway; changes on every reconnect. */
  readonly connectionId: string;
  /** Position of the frame within its connection, starting at 1: AMI order. */
  readonly seq: number;
}

/** Queue member as Asterisk describes it; both AMI spellings (Interface/MemberName and
 *  Location/Name) are normalised to these names. */
export interface QueueMemberData {
  readonly queue: string;
  readonly interface: string;
  readonly memberName: string;
  readonly stateInterface: string;
  readonly membership: string;
  readonly penalty: number;
  readonly callsTaken: number;
  readonly inCall: boolean;
  readonly status: DeviceStatusName;
  readonly paused: boolean;
  readonly pausedReason: string;
}

/** Asterisk's numeric device states (AST_DEVICE_*), as names. */
export const DEVICE_STATUS_NAMES = [
  'unknown',
  'not_in_use',
  'in_use',
  'busy',
  'invalid',
  'unavailable',
  'ringing',
  'ringinuse',
  'onhold',
] as const;
export type DeviceStatusName = (typeof DEVICE_STATUS_NAMES)[number];

/** The calling channel (caller side) of a queue event. */
export interface ChannelRef {
  readonly channel: string;
  readonly uniqueid: string;
  readonly linkedid: string;
  readonly callerIdNum: string;
  readonly callerIdName: string;
}

export interface AgentCallData extends ChannelRef {
  readonly queue: string;
  readonly interface: string;
  readonly memberName: string;
  /** The member-side channel (AMI's Dest* fields). */
  readonly destChannel: string;
  readonly destUniqueid: string;
}

/**
 * app_agent_pool's AgentLogin / AgentLogoff (Asterisk 20 AMI event docs: the channel snapshot of
 * the channel that ran AgentLogin(), then `Agent`; AgentLogoff adds `Logintime`, seconds). No
 * capture has them (app_agent_pool was not built in the lab), so the fields follow the docs.
 */
export interface AgentPoolLoginData extends ChannelRef {
  /** `Agent`: the agents.conf id. */
  readonly agentId: string;
  /** The device of the logged-in channel, as Asterisk names devices: SIP/1001-00000003 → SIP/1001. */
  readonly device: string;
}

type PbxMessage<T extends string, D> = Message<T, D, PbxEventMetadata>;

export type AmiConnected = PbxMessage<'AmiConnected', { readonly banner: string }>;
export type AmiDisconnected = PbxMessage<'AmiDisconnected', { readonly reason: string }>;
export type PbxFullyBooted = PbxMessage<'FullyBooted', { readonly status: string }>;
/** `UserEvent(AgentFeature,Code: 811,Caller: 1001)` raised by our dialplan (infra/asterisk). */
export type FeatureCodeDialed = PbxMessage<
  'FeatureCodeDialed',
  ChannelRef & { readonly code: string; readonly caller: string }
>;
export type QueueMemberAdded = PbxMessage<'QueueMemberAdded', QueueMemberData>;
export type QueueMemberRemoved = PbxMessage<'QueueMemberRemoved', QueueMemberData>;
export type QueueMemberPaused = PbxMessage<'QueueMemberPaused', QueueMemberData>;
export type QueueMemberStatusChanged = PbxMessage<'QueueMemberStatusChanged', QueueMemberData>;
export type QueueCallerJoined = PbxMessage<
  'QueueCallerJoined',
  ChannelRef & { readonly queue: string; readonly position: number; readonly count: number }
>;
export type QueueCallerLeft = PbxMessage<
  'QueueCallerLeft',
  ChannelRef & { readonly queue: string; readonly position: number; readonly count: number }
>;
export type QueueCallerAbandoned = PbxMessage<
  'QueueCallerAbandoned',
  ChannelRef & {
    readonly queue: string;
    readonly position: number;
    readonly originalPosition: number;
    readonly holdTimeSeconds: number;
  }
>;
export type AgentCalled = PbxMessage<'AgentCalled', AgentCallData>;
export type AgentConnected = PbxMessage<
  'AgentConnected',
  AgentCallData & { readonly holdTimeSeconds: number; readonly ringTimeSeconds: number }
>;
export type AgentCompleted = PbxMessage<
  'AgentCompleted',
  AgentCallData & {
    readonly holdTimeSeconds: number;
    readonly talkTimeSeconds: number;
    readonly reason: 'agent' | 'caller' | 'transfer' | 'unknown';
  }
>;
/** AMI reports RingTime here in milliseconds; normalised to seconds like the other agent events. */
export type AgentRingNoAnswer = PbxMessage<
  'AgentRingNoAnswer',
  AgentCallData & { readonly ringTimeSeconds: number }
>;
/** An agent sat down in the pool: a call from its phone runs AgentLogin() (queue calls ring there). */
export type AgentPoolLogin = PbxMessage<'AgentLogin', AgentPoolLoginData>;
/** That call ended (hung up, or AMI AgentLogoff): the agent is no longer in the pool. */
export type AgentPoolLogoff = PbxMessage<
  'AgentLogoff',
  AgentPoolLoginData & { readonly logintimeSeconds: number }
>;
/** One channel of a transfer, from the channel snapshot AMI gives it (a `Transferer`, `Transferee`,
 *  `OrigTransferer` or `SecondTransferer` prefix before Channel, Uniqueid and Linkedid). */
export interface TransferChannelRef {
  readonly channel: string;
  readonly uniqueid: string;
  readonly linkedid: string;
  /** The channel's device, as Asterisk names devices: SIP/1001-00000006 → SIP/1001. */
  readonly device: string;
}

/**
 * AMI BlindTransfer or AttendedTransfer: a transfer was attempted and finished (Asterisk raises
 * them when the transfer is complete, or has failed). Field for field as the captures show
 * (queue-call-transfer, queue-call-attended-transfer):
 * - blind: `transferer` is Transferer*, `transferee` Transferee*; `context` and `exten` the
 *   destination (Context, Extension).
 * - attended: `transferer` is OrigTransferer* (the transferer's channel in the bridge made first:
 *   for a queue call, the one bridged with the caller), `secondTransferer` SecondTransferer* (its
 *   channel toward the target); `destType` is DestType (Bridge, App, Link, Threeway, Fail). There
 *   is no TransferTarget* block and no Context/Extension.
 * Fields a kind does not have are left out; a snapshot missing from a frame reads as empty
 * strings. A queue member's transfer from the handset transfers the phone's own channel (SIP/…),
 * outside the queue's bridge: then no AgentComplete says `transfer`, and this event is the only sign.
 */
export interface CallTransferredData {
  readonly kind: 'blind' | 'attended';
  /** Asterisk's Result: Success, Fail, Invalid, Not Permitted. Only Success is a transfer. */
  readonly result: string;
  readonly transferer: TransferChannelRef;
  /** Attended only. */
  readonly secondTransferer?: TransferChannelRef;
  readonly transferee: TransferChannelRef;
  /** IsExternal: the transfer was asked from outside the bridge's features (a SIP REFER, the AMI
   *  BlindTransfer action: Yes in the captures), not by DTMF feature codes (Atxfer: No). */
  readonly isExternal: boolean;
  /** Blind only: where the transferee was sent. */
  readonly context?: string;
  readonly exten?: string;
  /** Attended only. */
  readonly destType?: string;
}

/** A transfer of a call (see CallTransferredData). Its call is the transferer's Linkedid. Added
 *  under schema version 1, like AgentLogin and AgentsSnapshot: an older reader refuses the type
 *  as not a PBX event (poison), so readers go first (docs/operations.md, Upgrade). */
export type CallTransferred = PbxMessage<'CallTransferred', CallTransferredData>;
export type ChannelHungUp = PbxMessage<
  'Hangup',
  ChannelRef & { readonly cause: number; readonly causeText: string }
>;
export type PeerStatusChanged = PbxMessage<
  'PeerStatusChanged',
  {
    readonly channelType: string;
    readonly peer: string;
    readonly peerStatus: string;
    readonly address: string;
    readonly cause: string;
  }
>;
export type DeviceStateChanged = PbxMessage<
  'DeviceStateChanged',
  { readonly device: string; readonly state: string }
>;
/** What Asterisk holds right now (QueueStatus), taken after every login and FullyBooted so
 *  consumers can resync: reconciliation compares it with the sessions. */
export type QueueStatusSnapshot = PbxMessage<
  'QueueStatusSnapshot',
  {
    readonly reason: 'connected' | 'fully-booted' | 'requested';
    readonly members: readonly QueueMemberData[];
    readonly callers: ReadonlyArray<{
      readonly queue: string;
      readonly position: number;
      readonly channel: string;
      readonly uniqueid: string;
      readonly callerIdNum: string;
      readonly waitSeconds: number;
    }>;
  }
>;
/** One agent of agents.conf in an `Agents` list (app_agent_pool), as Asterisk 20's AMI docs give it. */
export type PoolAgentStatus =
  | { readonly status: 'logged-off' }
  | {
      /** AGENT_IDLE: waiting in AgentLogin(); AGENT_ONCALL: talking (TalkingToChan, the BRIDGEPEER). */
      readonly status: 'idle' | 'on-call';
      /** The channel running AgentLogin() (the snapshot's Channel) and its device. */
      readonly channel: string;
      readonly device: string;
      /** LoggedInTime (epoch seconds) as an ISO time. */
      readonly loggedInAt: string;
      readonly talkingTo?: string;
    }
  /** A Status this mapping does not know: says nothing about the seat. */
  | { readonly status: 'unknown'; readonly raw: string };
export type PoolAgentData = PoolAgentStatus & { readonly agentId: string; readonly name: string };
/**
 * Where app_agent_pool's agents sit right now (AMI `Agents`), taken with every QueueStatus
 * snapshot, so a missed AgentLogin/AgentLogoff (the gateway was away) can be found. `askedAt`: when
 * the gateway sent the action; what was recorded before then must show in the list.
 */
export type AgentsSnapshot = PbxMessage<
  'AgentsSnapshot',
  {
    readonly reason: 'connected' | 'fully-booted' | 'requested';
    readonly askedAt: string;
    readonly agents: readonly PoolAgentData[];
  }
>;
/** Any AMI event we have no typed mapping for: carried whole, never dropped. */
export type UnmappedPbxEvent = PbxMessage<
  'Unmapped',
  { readonly event: string; readonly headers: Readonly<Record<string, string>> }
>;

export type PbxEvent =
  | AmiConnected
  | AmiDisconnected
  | PbxFullyBooted
  | FeatureCodeDialed
  | QueueMemberAdded
  | QueueMemberRemoved
  | QueueMemberPaused
  | QueueMemberStatusChanged
  | QueueCallerJoined
  | QueueCallerLeft
  | QueueCallerAbandoned
  | AgentCalled
  | AgentConnected
  | AgentCompleted
  | AgentRingNoAnswer
  | AgentPoolLogin
  | AgentPoolLogoff
  | CallTransferred
  | ChannelHungUp
  | PeerStatusChanged
  | DeviceStateChanged
  | QueueStatusSnapshot
  | AgentsSnapshot
  | UnmappedPbxEvent;

export type PbxEventType = PbxEvent['type'];

export const PBX_EVENT_TYPES: readonly PbxEventType[] = [
  'AmiConnected',
  'AmiDisconnected',
  'FullyBooted',
  'FeatureCodeDialed',
  'QueueMemberAdded',
  'QueueMemberRemoved',
  'QueueMemberPaused',
  'QueueMemberStatusChanged',
  'QueueCallerJoined',
  'QueueCallerLeft',
  'QueueCallerAbandoned',
  'AgentCalled',
  'AgentConnected',
  'AgentCompleted',
  'AgentRingNoAnswer',
  'AgentLogin',
  'AgentLogoff',
  'CallTransferred',
  'Hangup',
  'PeerStatusChanged',
  'DeviceStateChanged',
  'QueueStatusSnapshot',
  'AgentsSnapshot',
  'Unmapped',
];

/** The body of a PBX event without its metadata: what the AMI mapper produces. */
export type PbxEventBody = PbxEvent extends infer E
  ? E extends PbxEvent
    ? { readonly type: E['type']; readonly data: E['data'] }
    : never
  : never;

/** Runtime check of a PBX event read off the bus. */
export function isPbxEvent(value: unknown): value is PbxEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const meta = v['metadata'] as Record<string, unknown> | undefined;
  return (
    typeof v['type'] === 'string' &&
    (PBX_EVENT_TYPES as readonly string[]).includes(v['type']) &&
    typeof v['data'] === 'object' &&
    v['data'] !== null &&
    typeof meta === 'object' &&
    meta !== null &&
    meta['schemaVersion'] === PBX_EVENT_SCHEMA_VERSION &&
    typeof meta['pbxId'] === 'string' &&
    typeof meta['seq'] === 'number'
  );
}
