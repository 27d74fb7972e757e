import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  AgentDomainError,
  PhoneDomainError,
  describeAgent,
  isPauseReasonAllowed,
  phoneById,
  type AgentEntry,
  type AgentView,
  type Directory,
  type QueueOutcome,
  type RingTarget,
} from '@switchboard/agent-domain';
import type { AgentCommand, RequestChannel } from '@switchboard/contracts';
import { AMI_SAFE_TEXT, ApiError, parseInput, type Principal } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor, type ExecutionReport } from '../commands/decision-executor';
import { AgentLogins } from '../phones/agent-logins.service';
import { LoginRefused } from '../phones/login-refused';
import { PhoneClaims } from '../phones/phone-claims.service';
import { DIRECTORY } from '../tokens';

const amiText = z.string().trim().min(1).max(80).regex(AMI_SAFE_TEXT, 'must not contain CR, LF or NUL');
const queues = z.array(amiText).min(1).max(50).optional();
/** Bodies, exported for the controllers' OpenAPI documentation. */
export const loginBody = z
  .object({
    phoneId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a phone id of the directory').optional(),
    interface: z.enum(['internal', 'phone', 'mobile']).optional(),
    mobileNumber: z.string().regex(/^\+?[0-9]{3,20}$/, 'must be 3 to 20 digits, + first allowed').optional(),
    queues,
  })
  .strict();
export const queuesBody = z.object({ queues }).strict();
export const pauseBody = z.object({ reason: amiText, queues }).strict();

export interface AgentActionResult {
  /** What the decision did in each queue (already-… when there was nothing to do). */
  readonly outcomes: readonly QueueOutcome[];
  /** What the PBX answered for each change: a queue it refused is reported, never hidden. */
  readonly pbx: readonly ExecutionReport[];
  readonly agent: AgentView;
  /** The shared phone the agent sits at afterwards (hot desk), if any. */
  readonly phoneId: string | null;
}

/**
 * The agent's own actions, shared by /api/agents/{id}/… and /api/me/…: log in where calls ring,
 * log out, pause with a reason, unpause. Bodies are validated here, at the edge: text that
 * reaches AMI never holds CR, LF or NUL, numbers are digits.
 */
@Injectable()
export class AgentActions {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly commands: AgentCommandService,
    private readonly executor: DecisionExecutor,
    private readonly logins: AgentLogins,
    private readonly claims: PhoneClaims,
  ) {}

  async view(agent: AgentEntry): Promise<AgentView & { readonly phoneId: string | null; readonly hotDesk: boolean }> {
    const [state, phoneId] = await Promise.all([this.commands.state(agent.id), this.claims.heldBy(agent.id)]);
    return { ...describeAgent(agent, state), phoneId: phoneId ?? null, hotDesk: agent.hotDesk === true };
  }

  async login(agent: AgentEntry, principal: Principal, body: unknown): Promise<AgentActionResult> {
    const input = parseInput(loginBody, body ?? {});
    const target = this.targetOf(agent, input);
    return this.mapErrors(async () => {
      const result = await this.logins.logIn(agent, target, {
        ...this.stamp(principal),
        queues: this.queuesOf(agent, input.queues),
        force: false,
        onlyAvailablePhones: true,
      });
      return { outcomes: result.outcomes, pbx: result.pbx, agent: describeAgent(agent, result.state), phoneId: result.phoneId };
    });
  }

  async logout(agent: AgentEntry, principal: Principal, body: unknown): Promise<AgentActionResult> {
    const input = parseInput(queuesBody, body ?? {});
    return this.mapErrors(async () => {
      const result = await this.logins.logOut(agent, { ...this.stamp(principal), queues: this.queuesOf(agent, input.queues) });
      return { outcomes: result.outcomes, pbx: result.pbx, agent: describeAgent(agent, result.state), phoneId: result.phoneId };
    });
  }

  async pause(agent: AgentEntry, principal: Principal, body: unknown): Promise<AgentActionResult> {
    const input = parseInput(pauseBody, body);
    if (!isPauseReasonAllowed(this.directory, input.reason))
      throw new ApiError('invalid_input', `reason: ${input.reason} is not one of the configured pause reasons`, HttpStatus.BAD_REQUEST);
    return this.run(agent, principal, { type: 'Pause', reason: input.reason, queues: input.queues && this.queuesOf(agent, input.queues) });
  }

  async unpause(agent: AgentEntry, principal: Principal, body: unknown): Promise<AgentActionResult> {
    const input = parseInput(queuesBody, body ?? {});
    return this.run(agent, principal, { type: 'Unpause', queues: input.queues && this.queuesOf(agent, input.queues) });
  }

  /** Where calls ring, from the body: a phone (hot desk), the browser, a mobile, or the own line. */
  private targetOf(agent: AgentEntry, input: z.output<typeof loginBody>): RingTarget {
    const invalid = (message: string) => new ApiError('invalid_input', message, HttpStatus.BAD_REQUEST);
    if (input.mobileNumber !== undefined && input.interface !== 'mobile') throw invalid('mobileNumber goes with interface "mobile"');
    if (input.phoneId !== undefined) {
      if (input.interface !== undefined && input.interface !== 'phone') throw invalid('phoneId goes with interface "phone"');
      const phone = phoneById(this.directory, input.phoneId);
      if (!phone) throw new ApiError('not_found', `phone ${input.phoneId} is not in the directory`, HttpStatus.NOT_FOUND);
      return { kind: 'phone', phone };
    }
    switch (input.interface) {
      case 'mobile':
        if (input.mobileNumber === undefined) throw invalid('interface "mobile" needs a mobileNumber');
        return { kind: 'mobile', number: input.mobileNumber };
      case 'internal':
        return { kind: 'internal' };
      case 'phone':
      case undefined:
        if (agent.line === undefined) throw invalid(`agent ${agent.id} hot-desks: pick a phone (phoneId, see GET /api/phones/available)`);
        return { kind: 'own-line' };
      default:
        throw invalid('unknown interface');
    }
  }

  private queuesOf(agent: AgentEntry, requested: readonly string[] | undefined): readonly string[] {
    if (!requested) return agent.queues;
    const foreign = requested.filter((q) => !agent.queues.includes(q));
    if (foreign.length) throw new ApiError('invalid_input', `agent ${agent.id} is not a member of ${foreign.join(', ')}`, HttpStatus.BAD_REQUEST);
    return requested;
  }

  private stamp(principal: Principal): { commandId: string; at: string; via: RequestChannel } {
    return { commandId: randomUUID(), at: new Date().toISOString(), via: principal.role === 'agent' ? 'desktop' : 'supervisor' };
  }

  private async run(agent: AgentEntry, principal: Principal, partial: DistributiveOmit<AgentCommand, 'commandId' | 'agentId' | 'at' | 'via'>): Promise<AgentActionResult> {
    const { commandId, at, via } = this.stamp(principal);
    const command = { ...partial, commandId, agentId: agent.id, at, via, correlationId: commandId } as AgentCommand;
    return this.mapErrors(async () => {
      const result = await this.commands.execute(command);
      const pbx = await this.executor.carryOut(result.events, commandId);
      return { outcomes: result.decision.outcomes, pbx, agent: describeAgent(agent, result.state), phoneId: (await this.claims.heldBy(agent.id)) ?? null };
    });
  }

  /** Domain refusals → the API's stable codes. */
  private async mapErrors<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof LoginRefused)
        throw new ApiError(error.code, error.message, error.code === 'invalid_input' ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT);
      if (error instanceof PhoneDomainError) {
        if (error.code === 'phone_in_use' || error.code === 'mobile_in_use') throw new ApiError(error.code, error.message, HttpStatus.CONFLICT);
        if (error.code === 'agent_has_phone') throw new ApiError('already_logged_in', error.message, HttpStatus.CONFLICT);
        throw new ApiError('invalid_input', error.message, HttpStatus.BAD_REQUEST);
      }
      if (error instanceof AgentDomainError) {
        if (error.code === 'not_logged_in') throw new ApiError('not_logged_in', error.message, HttpStatus.CONFLICT);
        if (error.code === 'invalid_input') throw new ApiError('invalid_input', error.message, HttpStatus.BAD_REQUEST);
      }
      throw error;
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
