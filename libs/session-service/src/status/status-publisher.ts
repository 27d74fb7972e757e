import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Bus } from '@switchboard/bus';
import { subjects, type AgentStreamEvent } from '@switchboard/contracts';
import { BUS } from '@switchboard/platform';
import { statusOf } from './agent-status';

/**
 * Tells other consumers (wallboards, the desktop) that an agent's status changed, on
 * agent.<id>.status.<Type>, once the event is appended: a status never announces a decision the
 * store refused. Core NATS (notify): a status is a notification, the agent's stream in the event
 * store stays the record to rebuild from, so no JetStream stream is declared for it.
 */
@Injectable()
export class StatusPublisher {
  private readonly logger = new Logger(StatusPublisher.name);

  constructor(@Inject(BUS) private readonly bus: Bus) {}

  async published(events: readonly AgentStreamEvent[]): Promise<void> {
    for (const event of events) {
      const status = statusOf(event);
      if (!status) continue;
      try {
        await this.bus.notify(subjects.agentStatus(status.agentId, status.type), status);
      } catch (error) {
        // The decision stands; a missed notification is repaired by the next status or a re-read.
        this.logger.warn(`status ${status.type} of agent ${status.agentId} not published: ${(error as Error).message}`);
      }
    }
  }
}
