// Channels as AMI shows them: a name, a state, caller and connected line, a dialplan position,
// a Uniqueid and the Linkedid shared by every leg of one call. Events take a snapshot of these
// fields at the moment they are emitted, exactly like Asterisk's channel snapshots.

export type AmiFields = Array<[string, string]>;

/** Numeric channel states used in the captures (ChannelState / ChannelStateDesc). */
export const ChannelState = {
  Down: 0,
  Ring: 4,
  Ringing: 5,
  Up: 6,
} as const;
export type ChannelStateName = keyof typeof ChannelState;

const UNKNOWN = '<unknown>';

export class Channel {
  state: ChannelStateName;
  callerIdNum = UNKNOWN;
  callerIdName = UNKNOWN;
  connectedNum = UNKNOWN;
  connectedName = UNKNOWN;
  context: string;
  exten: string;
  priority = 1;
  /** Application currently running (CoreShowChannels). */
  application = '';
  applicationData = '';
  bridgeId = '';
  readonly variables = new Map<string, string>();
  readonly createdAt = Date.now();
  answeredAt: number | undefined;

  constructor(
    readonly name: string,
    readonly uniqueid: string,
    readonly linkedid: string,
    init: { state: ChannelStateName; context: string; exten: string },
  ) {
    this.state = init.state;
    this.context = init.context;
    this.exten = init.exten;
  }

  setCallerId(num: string, name: string): void {
    this.callerIdNum = num;
    this.callerIdName = name;
  }

  setConnected(num: string, name: string): void {
    this.connectedNum = num;
    this.connectedName = name;
  }

  /** The 14 snapshot fields every channel event carries, optionally prefixed (Dest, LocalOne…). */
  snapshot(prefix = ''): AmiFields {
    return [
      [`${prefix}Channel`, this.name],
      [`${prefix}ChannelState`, String(ChannelState[this.state])],
      [`${prefix}ChannelStateDesc`, this.state],
      [`${prefix}CallerIDNum`, this.callerIdNum],
      [`${prefix}CallerIDName`, this.callerIdName],
      [`${prefix}ConnectedLineNum`, this.connectedNum],
      [`${prefix}ConnectedLineName`, this.connectedName],
      [`${prefix}Language`, 'en'],
      [`${prefix}AccountCode`, ''],
      [`${prefix}Context`, this.context],
      [`${prefix}Exten`, this.exten],
      [`${prefix}Priority`, String(this.priority)],
      [`${prefix}Uniqueid`, this.uniqueid],
      [`${prefix}Linkedid`, this.linkedid],
    ];
  }
}

/**
 * Allocates channel names and ids the way Asterisk does: one Uniqueid counter for the whole
 * system (`<epoch seconds>.<n>`), one name counter per technology (`SIP/1001-00000000`,
 * `Local/s@inbound-00000007;1`), all as 8 hex digits.
 */
export class ChannelRegistry {
  private uniqueCounter = 0;
  private readonly techCounters = new Map<string, number>();
  private readonly byName = new Map<string, Channel>();

  nextUniqueid(): string {
    return `${Math.floor(Date.now() / 1000)}.${this.uniqueCounter++}`;
  }

  private nextSuffix(tech: string): string {
    const n = this.techCounters.get(tech) ?? 0;
    this.techCounters.set(tech, n + 1);
    return n.toString(16).padStart(8, '0');
  }

  /** A SIP channel of a phone (`SIP/<ext>-<n>`). */
  createSip(
    ext: string,
    init: { state: ChannelStateName; context: string; exten: string; linkedid?: string },
  ): Channel {
    const uniqueid = this.nextUniqueid();
    const channel = new Channel(
      `SIP/${ext}-${this.nextSuffix('SIP')}`,
      uniqueid,
      init.linkedid ?? uniqueid,
      init,
    );
    this.byName.set(channel.name, channel);
    return channel;
  }

  /**
   * The two halves of a Local channel `Local/<exten>@<context>-<n>;1` / `;2`. The ;1 half is the
   * outbound side (Down), the ;2 half runs the dialplan (Ring). Both share the Linkedid.
   */
  createLocalPair(exten: string, context: string, linkedid?: string): [Channel, Channel] {
    const base = `Local/${exten}@${context}-${this.nextSuffix('Local')}`;
    const u1 = this.nextUniqueid();
    const link = linkedid ?? u1;
    const one = new Channel(`${base};1`, u1, link, { state: 'Down', context, exten });
    const two = new Channel(`${base};2`, this.nextUniqueid(), link, {
      state: 'Ring',
      context,
      exten,
    });
    this.byName.set(one.name, one);
    this.byName.set(two.name, two);
    return [one, two];
  }

  get(name: string): Channel | undefined {
    return this.byName.get(name);
  }

  remove(channel: Channel): void {
    this.byName.delete(channel.name);
  }

  all(): Channel[] {
    return [...this.byName.values()];
  }

  clear(): void {
    this.byName.clear();
  }
}
