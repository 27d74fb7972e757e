import { Injectable, Logger } from '@nestjs/common';
import type { AgentEvent, PbxAction, PbxActionReply } from '@switchboard/contracts';
import { assertNever } from '@switchboard/contracts';
import { PbxClient } from '../pbx/pbx-client';

/** Asterisk's answers that mean the PBX already is where the decision wants it. */
const ALREADY_DONE = [/already there/i, /not there/i];

export interface ExecutionReport {
  readonly event: AgentEvent['type'];
  readonly queue?: string;
  readonly ok: boolean;
  readonly message: string;
}

/**
 * Carries recorded decisions out on the PBX through the gateway: AgentLoggedIn → QueueAdd (paused
 * when a pause was pending), AgentLoggedOut → QueueRemove, pauses → QueuePause. Each queue's
 * outcome is reported on its own, so a half-done login is visible rather than silent.
 */
@Injectable()
export class DecisionExecutor {
  private readonly logger = new Logger(DecisionExecutor.name);

  constructor(private readonly pbx: PbxClient) {}

  async carryOut(events: readonly AgentEvent[], correlationId?: string): Promise<ExecutionReport[]> {
    const reports: ExecutionReport[] = [];
    for (const event of events) {
      const planned = this.actionFor(event);
      if (!planned) continue;
      const reply = await this.pbx.execute(planned.pbxId, planned.action, correlationId);
      const ok = reply.ok || ALREADY_DONE.some((re) => re.test(reply.message));
      if (!ok) this.logger.warn(`${planned.action.action} for ${event.type} failed: ${describe(reply)}`);
      reports.push({ event: event.type, queue: 'queue' in event.data ? event.data.queue : undefined, ok, message: reply.message });
    }
    return reports;
  }

  private actionFor(event: AgentEvent): { pbxId: string; action: PbxAction } | null {
    switch (event.type) {
      case 'AgentLoggedIn':
        return {
          pbxId: event.data.pbxId,
          action: {
            action: 'QueueAdd',
            queue: event.data.queue,
            interface: event.data.interface,
            memberName: event.data.memberName,
            stateInterface: event.data.stateInterface,
            paused: event.data.paused,
            reason: event.data.paused ? event.data.pauseReason : undefined,
          },
        };
      case 'AgentLoggedOut':
        return {
          pbxId: event.data.pbxId,
          action: { action: 'QueueRemove', queue: event.data.queue, interface: event.data.interface },
        };
      case 'AgentPaused':
        return {
          pbxId: event.data.pbxId,
          action: {
            action: 'QueuePause',
            queue: event.data.queue,
            interface: event.data.interface,
            paused: true,
            reason: event.data.reason,
          },
        };
      case 'AgentUnpaused':
        return {
          pbxId: event.data.pbxId,
          action: { action: 'QueuePause', queue: event.data.queue, interface: event.data.interface, paused: false },
        };
      case 'CallDisposed':
        return null;
      default:
        return assertNever(event, 'agent event');
    }
  }
}

function describe(reply: PbxActionReply): string {
  return reply.error ? `${reply.error.code}: ${reply.error.message}` : `${reply.response}: ${reply.message}`;
}
