import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { TransientError, type Bus, type Consumer } from '@switchboard/bus';
import { assertNever, consumers, isPbxEvent, subjects, type PbxEvent } from '@switchboard/contracts';
import { BUS, HealthRegistry } from '@switchboard/platform';
import { DeferredReleasePolicy } from '../policies/deferred-release.policy';
import { RingNoAnswerPolicy } from '../policies/ring-no-answer.policy';
import { UnregisteredPhonePolicy } from '../policies/unregistered-phone.policy';
import { MemberEventRecorder } from '../reactor/member-event-recorder';
import { Reconciler } from '../reconciliation/reconciler';

const MAX_SNAPSHOT_AGE_MS = 2 * 60_000;

/**
 * Durable consumer of the PBX events that tell agent-session where the PBX stands: member events
 * (confirmations), every (re)connection and snapshot (reconciliation), what the auto-logout
 * policies watch (ring-no-answer, phones unregistering), and where app_agent_pool agents sit
 * (AgentLogin/AgentLogoff, and the Agents snapshot that finds the ones missed). One subject filter for all PBX events (nats-server 2.9 has no
 * multi-filter consumers); the rest is skipped here.
 * Acked once the effect is recorded; a store or bus failure is retried.
 */
@Injectable()
export class PbxStateConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PbxStateConsumer.name);
  private consumer: Consumer | null = null;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    private readonly members: MemberEventRecorder,
    private readonly reconciler: Reconciler,
    private readonly ringNoAnswer: RingNoAnswerPolicy,
    private readonly unregistered: UnregisteredPhonePolicy,
    private readonly deferred: DeferredReleasePolicy,
    health: HealthRegistry,
  ) {
    health.register('pbx-state-consumer', () => this.consumer?.health() ?? { ok: false, detail: 'not started' });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consume<unknown>({
      durable: `${consumers.agentSession}-pbx-state`,
      filterSubject: subjects.allPbxEvents,
      handler: async (message) => {
        if (!isPbxEvent(message.data)) throw new Error(`not a PBX event of a known schema version on ${message.subject}`);
        try {
          await this.handle(message.data);
        } catch (error) {
          throw new TransientError(`PBX event not handled yet: ${(error as Error).message}`, 1000);
        }
      },
      onPoison: (message, error) => this.logger.error(`PBX event ${message.seq} dropped as poison: ${String(error)}`),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = null;
  }

  /**
   * A connect or snapshot from long ago (a new durable replays the stream) says nothing about the
   * PBX now. Repairs always push the PBX toward the sessions' current state, so an old snapshot
   * could only cause needless actions; it is skipped all the same.
   */
  private outdated(event: PbxEvent): boolean {
    const age = Date.now() - Date.parse(event.metadata.occurredAt);
    if (age <= MAX_SNAPSHOT_AGE_MS) return false;
    this.logger.debug(`${event.type} of ${event.metadata.pbxId} from ${event.metadata.occurredAt} skipped: too old to reconcile with`);
    return true;
  }

  async handle(event: PbxEvent): Promise<void> {
    switch (event.type) {
      case 'QueueMemberAdded':
      case 'QueueMemberRemoved':
      case 'QueueMemberPaused':
        return this.members.record(event);
      case 'AmiConnected':
        if (this.outdated(event)) return;
        await this.reconciler.reconcileNow(event.metadata.pbxId, 'connected');
        return;
      case 'QueueStatusSnapshot': {
        if (this.outdated(event)) return;
        const m = event.metadata;
        const trigger = event.data.reason === 'fully-booted' ? 'fully-booted' : event.data.reason === 'connected' ? 'connected' : 'requested';
        await this.reconciler.reconcile(m.pbxId, event.data.members, `${m.pbxId}:${m.connectionId}:${m.seq}`, trigger, new Date(m.occurredAt));
        return;
      }
      case 'AgentsSnapshot': {
        if (this.outdated(event)) return;
        const m = event.metadata;
        await this.reconciler.resyncAgentPool(m.pbxId, event.data, `${m.pbxId}:${m.connectionId}:${m.seq}`);
        return;
      }
      case 'AgentConnected':
      case 'AgentRingNoAnswer':
        return this.ringNoAnswer.offered(event);
      case 'PeerStatusChanged':
        return this.unregistered.peerStatus(event);
      case 'DeviceStateChanged':
        return this.unregistered.deviceState(event);
      case 'AgentCompleted':
        return this.deferred.callEnded(event);
      case 'AgentLogin':
      case 'AgentLogoff':
        return this.members.recordPoolSeat(event);
      case 'AmiDisconnected':
      case 'FullyBooted':
      case 'FeatureCodeDialed':
      case 'QueueMemberStatusChanged':
      case 'QueueCallerJoined':
      case 'QueueCallerLeft':
      case 'QueueCallerAbandoned':
      case 'AgentCalled':
      case 'CallTransferred':
      case 'Hangup':
      case 'Unmapped':
        return;
      default:
        return assertNever(event, 'PBX event');
    }
  }
}
