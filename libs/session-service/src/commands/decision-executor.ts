import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { assertNever, type AgentStreamEvent, type PbxAction, type PbxActionReply } from '@switchboard/contracts';
import { PbxClient } from '../pbx/pbx-client';
import { blfAction } from '../reactor/blf';
import { ConfirmationFollower, type ConfirmationReport } from '../reactor/confirmation-follower';
import { membershipPlanFor, type MembershipPlan } from '../reactor/membership-plan';
import { queueLogFor } from '../reactor/queue-log';

/** Asterisk's answers that mean the PBX already is where the decision wants it. */
const ALREADY_DONE = [/already there/i, /not there/i];

export interface ExecutionReport {
  readonly event: AgentStreamEvent['type'];
  readonly queue?: string;
  readonly ok: boolean;
  readonly message: string;
}

export interface VerifiedExecution {
  readonly reports: readonly ExecutionReport[];
  /** One per membership change, once the PBX showed it or it was flagged. */
  readonly confirmations: readonly ConfirmationReport[];
}

/**
 * The reactor: carries recorded decisions out on the PBX through the gateway (AgentLoggedIn →
 * QueueAdd, paused when a pause was pending; AgentLoggedOut → QueueRemove; pauses → QueuePause;
 * reconciliation repairs likewise), writes the queue_log records and the BLF device state, and
 * follows each change until the PBX confirms it (retried, then flagged). Each queue's outcome is
 * reported on its own, so a half-done login is visible rather than silent.
 */
@Injectable()
export class DecisionExecutor implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DecisionExecutor.name);
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly pbx: PbxClient,
    private readonly follower: ConfirmationFollower,
  ) {}

  /** Sends the actions and answers with the PBX's replies; confirmations are followed after. */
  async carryOut(events: readonly AgentStreamEvent[], correlationId?: string): Promise<ExecutionReport[]> {
    const { reports, confirmations } = await this.send(events, correlationId);
    // Errors are logged by track; nobody awaits these.
    for (const confirmation of confirmations) this.track(confirmation).catch(() => undefined);
    return reports;
  }

  /** As carryOut, and waits until the PBX showed every change (or it was flagged). */
  async carryOutVerified(events: readonly AgentStreamEvent[], correlationId?: string): Promise<VerifiedExecution> {
    const { reports, confirmations } = await this.send(events, correlationId);
    return { reports, confirmations: await Promise.all(confirmations.map((c) => this.track(c))) };
  }

  /** Resolves once every confirmation being followed, and every queue_log and BLF write, has
   *  ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.idle();
  }

  private async send(
    events: readonly AgentStreamEvent[],
    correlationId: string | undefined,
  ): Promise<{ reports: ExecutionReport[]; confirmations: Array<Promise<ConfirmationReport>> }> {
    const reports: ExecutionReport[] = [];
    const confirmations: Array<Promise<ConfirmationReport>> = [];
    for (const event of events) {
      const plan = membershipPlanFor(event);
      if (!plan) continue;
      const sighting = this.follower.expect(plan);
      const reply = await this.pbx.execute(plan.pbxId, plan.action, correlationId);
      const ok = reply.ok || ALREADY_DONE.some((re) => re.test(reply.message));
      if (!ok) this.logger.warn(`${plan.action.action} for ${event.type} failed: ${describe(reply)}`);
      reports.push({ event: event.type, queue: plan.queue, ok, message: reply.message });
      const reason = event.type === 'AgentLoggedOut' ? event.data.reason : undefined;
      confirmations.push(this.follower.follow(plan, sighting, reason));
      // Not awaited: a feature-code caller waits for its announcement, not for queue_log and BLF.
      this.track(this.sideEffects(event, plan, correlationId)).catch(() => undefined);
    }
    return { reports, confirmations };
  }

  /** queue_log and BLF follow the membership; a failure there is logged, never fails the decision. */
  private async sideEffects(event: AgentStreamEvent, plan: MembershipPlan, correlationId: string | undefined): Promise<void> {
    // The member name the directory gives every agent (memberBindingFor), as on Asterisk's PAUSE lines.
    const log = queueLogFor(event, `Agent ${plan.agentId}`);
    const lit = blfStateAfter(event);
    const actions: PbxAction[] = [];
    if (log) actions.push(log);
    if (lit !== undefined) actions.push(blfAction(plan.agentId, plan.queue, lit));
    for (const action of actions) {
      const reply = await this.pbx.execute(plan.pbxId, action, correlationId);
      if (!reply.ok) this.logger.warn(`${action.action} for ${event.type} failed: ${describe(reply)}`);
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    const tracked = promise.catch((error: unknown) => {
      this.logger.error(`carrying a PBX change out failed: ${(error as Error).message}`);
      throw error;
    });
    const entry = tracked.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(entry);
    void entry.then(() => this.inFlight.delete(entry));
    return tracked;
  }
}

/** Whether the agent's queue key is lit after the event; undefined: the event does not move it. */
function blfStateAfter(event: AgentStreamEvent): boolean | undefined {
  switch (event.type) {
    case 'AgentLoggedIn':
      return true;
    case 'AgentLoggedOut':
      return false;
    case 'MembershipRepaired':
      if (event.data.repair === 'added') return true;
      if (event.data.repair === 'removed' && event.data.reason === 'no-session') return false;
      return undefined;
    case 'AgentPaused':
    case 'AgentUnpaused':
    case 'CallDisposed':
    case 'MembershipConfirmed':
    case 'MembershipUnconfirmed':
    case 'RingNoAnswerCounted':
    case 'RingNoAnswerCountReset':
    case 'PauseDeferred':
    case 'LogoutDeferred':
    case 'DeferredReleased':
    case 'AgentPoolLoggedIn':
    case 'AgentPoolLoggedOut':
      return undefined;
    default:
      return assertNever(event, 'agent stream event');
  }
}

function describe(reply: PbxActionReply): string {
  return reply.error ? `${reply.error.code}: ${reply.error.message}` : `${reply.response}: ${reply.message}`;
}
