import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { phoneByLine, registrationOfDeviceState, registrationOfPeerStatus, type Directory } from '@switchboard/agent-domain';
import { TransientError, type Bus, type Consumer, type DeliveredMessage } from '@switchboard/bus';
import { consumers, isPbxEvent, subjects, type PbxEvent } from '@switchboard/contracts';
import { BUS, HealthRegistry } from '@switchboard/platform';
import { LiveDirectory } from '../directory/live-directory';
import { DIRECTORY } from '../tokens';
import { PhoneClaims } from './phone-claims.service';

/** Consumers opened: PeerStatus and DeviceStateChange. */
const SOURCES = 2;

/**
 * Records the shared phones' registration from the PBX (chan_sip PeerStatus, and the device state
 * every channel driver reports) on each phone's stream, so every replica lists the same phones.
 * One durable consumer per event type (one filter subject each); reports are ordered by the
 * PBX's time on the stream, so the two consumers cannot undo each other.
 */
@Injectable()
export class PhoneRegistrationsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PhoneRegistrationsConsumer.name);
  private readonly running: Consumer[] = [];
  private started = false;
  private stopped = false;
  private stopFollowing: (() => void) | null = null;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly claims: PhoneClaims,
    health: HealthRegistry,
  ) {
    health.register('phone-registrations-consumer', () => ({ ok: !this.wanted() || this.running.length === SOURCES }));
  }

  async onApplicationBootstrap(): Promise<void> {
    // A site without shared phones has nothing to follow, until an admin adds the first phone.
    if (this.directory instanceof LiveDirectory)
      this.stopFollowing = this.directory.onChange(() => {
        this.start().catch((error: unknown) => this.logger.error(`phone registrations not followed: ${String(error)}`));
      });
    await this.start();
  }

  private async start(): Promise<void> {
    if (!this.wanted() || this.started || this.stopped) return;
    this.started = true;
    // Spelt out per consumer: infra/nats lists the durable consumers, checked against these lines.
    this.running.push(
      await this.bus.consume<unknown>({
        durable: `${consumers.agentSession}-phones-peer-status`,
        filterSubject: subjects.pbxEventsOfType('PeerStatusChanged'),
        handler: (message) => this.consume(message),
        onPoison: (message, error) => this.poisoned(message.seq, error),
      }),
    );
    this.running.push(
      await this.bus.consume<unknown>({
        durable: `${consumers.agentSession}-phones-device-state`,
        filterSubject: subjects.pbxEventsOfType('DeviceStateChanged'),
        handler: (message) => this.consume(message),
        onPoison: (message, error) => this.poisoned(message.seq, error),
      }),
    );
  }

  private async consume(message: DeliveredMessage<unknown>): Promise<void> {
    if (!isPbxEvent(message.data)) throw new Error(`not a PBX event of a known schema version on ${message.subject}`);
    try {
      await this.handle(message.data);
    } catch (error) {
      throw new TransientError(`registration not recorded yet: ${(error as Error).message}`, 1000);
    }
  }

  private poisoned(seq: number, error: unknown): void {
    this.logger.error(`registration event ${seq} dropped as poison: ${String(error)}`);
  }

  async handle(event: PbxEvent): Promise<void> {
    const report = reportOf(event);
    if (!report || event.metadata.pbxId !== this.directory.pbxId) return;
    const phone = phoneByLine(this.directory, report.line);
    // Only a device exactly a phone's line: SIP/1010, not a bare 1010 nor Custom:… devices.
    if (!phone || phone.line !== report.line) return;
    await this.claims.recordRegistration({
      type: 'RecordRegistration',
      commandId: `reg-${event.metadata.connectionId}-${event.metadata.seq}`,
      at: event.metadata.occurredAt,
      phoneId: phone.id,
      line: phone.line,
      registered: report.registered,
      source: event.type,
      observedAt: event.metadata.occurredAt,
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.stopFollowing?.();
    await Promise.all(this.running.map((c) => c.stop()));
    this.running.length = 0;
  }

  private wanted(): boolean {
    return (this.directory.phones ?? []).length > 0;
  }
}

function reportOf(event: PbxEvent): { line: string; registered: boolean } | undefined {
  let registered: boolean | undefined;
  let line: string;
  if (event.type === 'PeerStatusChanged') {
    registered = registrationOfPeerStatus(event.data.peerStatus);
    line = event.data.peer;
  } else if (event.type === 'DeviceStateChanged') {
    registered = registrationOfDeviceState(event.data.state);
    line = event.data.device;
  } else {
    return undefined;
  }
  return registered === undefined ? undefined : { line, registered };
}
