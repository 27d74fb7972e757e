import { Inject, Injectable, Optional } from '@nestjs/common';
import { agentById, isAgentPoolAgent, sessionIn, loggedInQueues, type AgentState, type Directory, type QueueOutcome } from '@switchboard/agent-domain';
import type { AgentCommand, LogoutReason } from '@switchboard/contracts';
import { randomUUID } from 'node:crypto';
import type { ConfirmationReport } from '../reactor/confirmation-follower';
import { PbxClient } from '../pbx/pbx-client';
import { PhoneClaims } from '../phones/phone-claims.service';
import { Reconciler } from '../reconciliation/reconciler';
import { DIRECTORY } from '../tokens';
import { AgentCommandService } from './agent-command.service';
import { DecisionExecutor, type ExecutionReport } from './decision-executor';

export interface VerifiedLogout {
  readonly agentId: string;
  readonly outcomes: readonly QueueOutcome[];
  readonly pbx: readonly ExecutionReport[];
  readonly confirmations: readonly ConfirmationReport[];
  /** Members of the agent Asterisk held without a session (stale), removed as well. */
  readonly staleRemoved: number;
  /** The phone (hot desk, force-login) the agent held and was released from; null: none. */
  readonly phoneReleased: string | null;
  /**
   * app_agent_pool agents: what Asterisk answered to AgentLogoff, which hangs up the agent's
   * AgentLogin() call (a pooled agent would otherwise sit on, and a member re-added by hand or
   * another tool would ring it at once). Null for callback agents.
   */
  readonly agentPoolLogoff: { readonly ok: boolean; readonly message: string } | null;
  /** True once the PBX showed every member gone (and, for an agent-pool agent, took the
   *  AgentLogoff); false: an alert was raised (MembershipUnconfirmed) or AgentLogoff failed. */
  readonly verified: boolean;
}

export interface Relogged {
  readonly agentId: string;
  readonly logout: VerifiedLogout;
  readonly login: { readonly outcomes: readonly QueueOutcome[]; readonly confirmations: readonly ConfirmationReport[] };
}

/**
 * What a supervisor does to other agents, checked against the PBX rather than trusted: a logout
 * is done when the PBX showed every member removed, including members of the agent the sessions
 * never knew of (stale bindings). The `via` of every event is 'supervisor'.
 */
@Injectable()
export class SupervisorActions {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly commands: AgentCommandService,
    private readonly executor: DecisionExecutor,
    private readonly reconciler: Reconciler,
    private readonly pbx: PbxClient,
    // The phone side's service: optional so the queue side works without the phone streams.
    @Optional() private readonly phones?: PhoneClaims,
  ) {}

  /**
   * Leaves every queue, verified. An agent-pool agent is logged off the pool too (`endPoolSeat`,
   * unless a relog brings it straight back): its queue members are gone, and its AgentLogin()
   * call is hung up so it takes no more calls from anything.
   */
  async forceLogout(agentId: string, reason: LogoutReason = 'forced', endPoolSeat = true): Promise<VerifiedLogout> {
    const result = await this.commands.execute(this.command(agentId, { type: 'LogOutEverywhere', reason }));
    const done = await this.executor.carryOutVerified(result.events, result.events[0]?.metadata.correlationId);
    const sweep = await this.reconciler.reconcileAgent(this.directory.pbxId, agentId);
    const agentPoolLogoff = endPoolSeat ? await this.endPoolSeat(agentId, result.events[0]?.metadata.correlationId) : null;
    const confirmations = [...done.confirmations, ...sweep.confirmations];
    return {
      agentId,
      outcomes: result.decision.outcomes,
      pbx: done.reports,
      confirmations,
      staleRemoved: sweep.repairs,
      phoneReleased: await this.releasePhone(agentId),
      agentPoolLogoff,
      verified: sweep.checked && confirmations.every((c) => c.confirmation === 'confirmed') && agentPoolLogoff?.ok !== false,
    };
  }

  /**
   * AMI AgentLogoff (app_agent_pool; not Soft, so the AgentLogin() call and any call the agent is
   * on are hung up). Asterisk answers "Agent logged out" for any agent of agents.conf, seated or
   * not, and "No such agent" otherwise. The AgentLogoff event that follows is recorded like any.
   */
  private async endPoolSeat(agentId: string, correlationId: string | undefined): Promise<VerifiedLogout['agentPoolLogoff']> {
    const agent = agentById(this.directory, agentId);
    if (!agent || !isAgentPoolAgent(agent)) return null;
    const reply = await this.pbx.execute(this.directory.pbxId, { action: 'AgentLogoff', agent: agentId }, correlationId);
    return { ok: reply.ok, message: reply.error ? `${reply.error.code}: ${reply.error.message}` : reply.message };
  }

  /** Logs out of one queue only (bulk logout of a queue), verified the same way. */
  async logoutOfQueue(agentId: string, queue: string): Promise<VerifiedLogout> {
    const state = await this.commands.state(agentId);
    const session = sessionIn(state, queue);
    if (session.status !== 'logged-in') {
      return { agentId, outcomes: [{ queue, result: 'already-logged-out' }], pbx: [], confirmations: [], staleRemoved: 0, phoneReleased: null, agentPoolLogoff: null, verified: true };
    }
    const result = await this.commands.execute(
      this.command(agentId, {
        type: 'ChangeQueueLogin',
        mode: 'logout',
        pbxId: session.pbxId,
        queues: [queue],
        binding: { interface: session.interface, stateInterface: session.stateInterface, memberName: session.memberName },
      }),
    );
    const done = await this.executor.carryOutVerified(result.events);
    return {
      agentId,
      outcomes: result.decision.outcomes,
      pbx: done.reports,
      confirmations: done.confirmations,
      staleRemoved: 0,
      phoneReleased: null,
      // One queue only: a pooled agent still works its other queues from its seat.
      agentPoolLogoff: null,
      verified: done.confirmations.every((c) => c.confirmation === 'confirmed'),
    };
  }

  /**
   * Logs the agent out of every queue and straight back in with the same memberships and pauses:
   * a clean slate in Asterisk (the cure for a member Asterisk holds in a wrong state).
   */
  async relog(agentId: string): Promise<Relogged> {
    const before = await this.commands.state(agentId);
    // The pooled agent keeps its seat: a relog renews the members, it does not send the agent away.
    const logout = await this.forceLogout(agentId, 'forced', false);
    const outcomes: QueueOutcome[] = [];
    const confirmations: ConfirmationReport[] = [];
    for (const login of loginsOf(before)) {
      const result = await this.commands.execute(this.command(agentId, login));
      const done = await this.executor.carryOutVerified(result.events);
      outcomes.push(...result.decision.outcomes);
      confirmations.push(...done.confirmations);
    }
    return { agentId, logout, login: { outcomes, confirmations } };
  }

  /** Frees the phone the agent holds (its binding to a desk), recorded as a supervisor's release. */
  private async releasePhone(agentId: string): Promise<string | null> {
    const phoneId = await this.phones?.heldBy(agentId);
    if (!this.phones || phoneId === undefined) return null;
    await this.phones.release(agentId, phoneId, 'supervisor', 'supervisor', randomUUID(), new Date().toISOString());
    return phoneId;
  }

  /** Agents the selection names, or those logged in to the queue. */
  async select(agentIds: readonly string[] | undefined, queue: string | undefined): Promise<string[]> {
    if (agentIds) return [...agentIds];
    const inQueue: string[] = [];
    for (const agent of this.directory.agents) {
      if (queue !== undefined && sessionIn(await this.commands.state(agent.id), queue).status === 'logged-in') inQueue.push(agent.id);
    }
    return inQueue;
  }

  private command(agentId: string, partial: DistributiveOmit<AgentCommand, 'commandId' | 'agentId' | 'at' | 'via'>): AgentCommand {
    const commandId = randomUUID();
    return { ...partial, commandId, agentId, at: new Date().toISOString(), via: 'supervisor', correlationId: commandId } as AgentCommand;
  }
}

/** One login per queue as the state holds it, so each keeps its own binding and pause. */
function loginsOf(state: AgentState): Array<DistributiveOmit<AgentCommand, 'commandId' | 'agentId' | 'at' | 'via'>> {
  // Active queues first: a paused one logged in first would make the others join paused too.
  const queues = [...loggedInQueues(state)].sort((a, b) => pausedRank(state, a) - pausedRank(state, b));
  return queues.flatMap((queue) => {
    const s = sessionIn(state, queue);
    if (s.status !== 'logged-in') return [];
    return [
      {
        type: 'ChangeQueueLogin' as const,
        mode: 'login' as const,
        pbxId: s.pbxId,
        queues: [queue],
        binding: { interface: s.interface, stateInterface: s.stateInterface, memberName: s.memberName },
        ...(s.pause.status === 'paused' ? { pauseReason: s.pause.reason } : {}),
      },
    ];
  });
}

function pausedRank(state: AgentState, queue: string): number {
  const s = sessionIn(state, queue);
  return s.status === 'logged-in' && s.pause.status === 'paused' ? 1 : 0;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
