import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { AgentEvent } from '@switchboard/contracts';
import type { AllSubscription, EventStore, RecordedEvent } from '@switchboard/event-store';
import { EVENT_STORE } from '@switchboard/platform';
import { REPORT_DB } from '../tokens';
import type { ReportDb } from '../store/open-report-db';
import { CallReportProjection } from './call-report.projection';

const CHECKPOINT = 'agent-events';
const TYPES = ['CallDisposed', 'AgentLoggedIn', 'AgentLoggedOut'] as const;

/**
 * Follows the event store ($all, filtered) for dispositions and sessions, from a checkpoint kept
 * in the report database. Re-applying an event after a crash is harmless (idempotent upserts).
 */
@Injectable()
export class AgentEventsFollower implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AgentEventsFollower.name);
  private subscription: AllSubscription | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REPORT_DB) private readonly db: ReportDb,
    private readonly projection: CallReportProjection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const checkpoint = await this.db
      .selectFrom('projection_checkpoints')
      .select('position')
      .where('name', '=', CHECKPOINT)
      .executeTakeFirst();
    this.subscription = await this.store.subscribeToAll({
      from: checkpoint ? BigInt(checkpoint.position) : undefined,
      filter: { eventTypes: [...TYPES] },
      onEvent: (event) => this.apply(event),
      onError: (error) => this.logger.error(`event store subscription failed: ${error.message}`),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    this.subscription = null;
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data, metadata: recorded.metadata } as AgentEvent;
    switch (event.type) {
      case 'CallDisposed':
        await this.projection.applyDisposition(event);
        break;
      case 'AgentLoggedIn':
        await this.projection.agentLoggedIn(event.data.pbxId, event.data.stateInterface, event.data.queue, event.data.agentId);
        break;
      case 'AgentLoggedOut':
        await this.projection.agentLoggedOut(event.data.pbxId, event.data.queue, event.data.agentId);
        break;
      default:
        break;
    }
    const position = recorded.position.toString();
    await this.db
      .insertInto('projection_checkpoints')
      .values({ name: CHECKPOINT, position })
      .onConflict((oc) => oc.column('name').doUpdateSet({ position }))
      .execute();
  }
}
