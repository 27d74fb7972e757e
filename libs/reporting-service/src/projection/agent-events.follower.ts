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
import { CallReportProjection } from './call-report.projection';
import { CHECKPOINTS } from './projection-input';

/** The agent events that change rows or who is on which phone. */
export const AGENT_EVENT_TYPES_PROJECTED = ['CallDisposed', 'AgentLoggedIn', 'AgentLoggedOut'] as const;
const TYPES = AGENT_EVENT_TYPES_PROJECTED;

/**
 * Follows the event store ($all, filtered) for dispositions and sessions, from a checkpoint kept
 * in the report database with the rows.
 */
@Injectable()
export class AgentEventsFollower implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AgentEventsFollower.name);
  private subscription: AllSubscription | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: CallReportProjection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const checkpoint = await this.projection.checkpoint(CHECKPOINTS.agentEvents);
    this.subscription = await this.store.subscribeToAll({
      from: checkpoint !== undefined ? BigInt(checkpoint) : undefined,
      filter: { eventTypes: [...TYPES] },
      onEvent: (event) => this.apply(event),
      onError: (error) => this.logger.error(`event store subscription failed: ${error.message}`),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    this.subscription = null;
  }

  /** The event and the new checkpoint in one transaction: a restart resumes right after it. */
  private async apply(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data, metadata: recorded.metadata } as AgentEvent;
    await this.projection.applyAgentEvent(event, { name: CHECKPOINTS.agentEvents, position: recorded.position.toString() });
  }
}
