import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  AgentDomainError,
  decide,
  evolve,
  initialState,
  isPauseReasonAllowed,
  loggedInQueues,
  mobileNumberOf,
  pauseReasonOf,
  sessionIn,
  type AgentState,
  type Decision,
  type Directory,
} from '@switchboard/agent-domain';
import { streamNames, type AgentCommand, type AgentStreamEvent } from '@switchboard/contracts';
import { handleCommand, StreamStateCache, type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { EVENT_STORE, METRICS } from '@switchboard/platform';
import { Counter, type Registry } from 'prom-client';
import { evolveEntryGuard, isEntryGuardEvent, type EntryGuard, type EntryGuardEvent } from '../directory/entry-guard';
import { LiveDirectory } from '../directory/live-directory';
import { LoginRefused } from '../phones/login-refused';
import { MobileClaims } from '../phones/mobile-claims.service';
import { StatusPublisher } from '../status/status-publisher';
import { DIRECTORY } from '../tokens';
import { loginRefusedByGuard } from './login-guard';
import { QueueCallCheck } from './queue-call-check';

/** The agent's state plus the commands already applied to it, so a redelivered command
 *  (a feature-code event delivered twice) is recognised instead of toggling twice. */
interface StreamState {
  readonly agent: AgentState;
  readonly applied: ReadonlyMap<string, AgentStreamEvent[]>;
  /** A directory change under way that takes the agent or some of its queues away (entry-guard.ts). */
  readonly guard?: EntryGuard;
}

export interface CommandResult {
  readonly decision: Decision;
  /** The events this command recorded (now, or the first time when it is a duplicate). */
  readonly events: readonly AgentStreamEvent[];
  readonly duplicate: boolean;
  /** The agent's state after the command. */
  readonly state: AgentState;
}

/** Only the latest commands are remembered: a redelivery comes soon after the original. */
const REMEMBERED_COMMANDS = 200;

/** Runs agent commands through the one command-handling shell: read, decide, append, retry on conflict. */
@Injectable()
export class AgentCommandService {
  private readonly logger = new Logger(AgentCommandService.name);
  private readonly handled: Counter<'type' | 'result'>;
  /** Agents' folded streams between commands (see StreamStateCache): a command reads only what
   *  was appended since, by this replica or another. */
  private readonly states: StreamStateCache<StreamState>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(METRICS) metrics: Registry,
    // Optional so the command path can be measured alone (tools/bench): no status, any reason.
    @Optional() private readonly status?: StatusPublisher,
    @Optional() @Inject(DIRECTORY) private readonly directory?: Directory,
    @Optional() private readonly calls?: QueueCallCheck,
    // Optional with the directory: without one (tools/bench) no login is checked against it.
    @Optional() private readonly live?: LiveDirectory,
    @Optional() private readonly mobiles?: MobileClaims,
  ) {
    this.handled = new Counter({
      name: 'switchboard_agent_commands_total',
      help: 'Agent commands handled, by type and result (recorded, unchanged, duplicate, or an error code)',
      labelNames: ['type', 'result'],
      registers: [metrics],
    });
    // Weighed in remembered commands, the bulk of a state (≈ 1 KB each, measured with two-queue
    // logins): 50,000 is ≈ 50 MB at worst, e.g. 250 agents with the full 200 remembered, or every
    // agent of a 10,000-agent site a few commands after a restart.
    this.states = new StreamStateCache<StreamState>({ capacity: 50_000, weigh: (state) => 1 + state.applied.size });
  }

  async execute(command: AgentCommand): Promise<CommandResult> {
    try {
      const [result, before] = await this.run(await this.withCallCheck(this.withPauseRules(command)));
      if (!result.duplicate) await this.status?.published(result.events);
      await this.releaseMobilesLeft(command, before, result.state);
      this.handled.inc({ type: command.type, result: result.duplicate ? 'duplicate' : result.events.length ? 'recorded' : 'unchanged' });
      return result;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      this.handled.inc({ type: command.type, result: typeof code === 'string' ? code : 'error' });
      throw error;
    }
  }

  /** The result, and the agent's state the command was decided on. */
  private async run(command: AgentCommand): Promise<[CommandResult, AgentState]> {
    let decision: Decision | undefined;
    let before: AgentState | undefined;
    let duplicateOf: AgentStreamEvent[] | undefined;
    const result = await handleCommand<StreamState, AgentStreamEvent>({
      ...this.shellOf(command.agentId),
      decide: (state) => {
        duplicateOf = state.applied.get(command.commandId);
        // evolve makes a new agent state per event: this one stays as it is.
        before = state.agent;
        decision = decide(command, state.agent);
        if (duplicateOf) return [];
        const refused = this.live && loginRefusedByGuard(command.agentId, state.guard, this.live, decision.events);
        if (refused) throw new LoginRefused('conflict', refused);
        return decision.events;
      },
      toNewEvent: (event) => ({ type: event.type, data: event.data, metadata: { ...event.metadata } }),
    });
    if (!decision || !before) throw new Error('command shell returned without deciding');
    const state = result.state.agent;
    // A copy: the remembered list belongs to the cached state.
    return duplicateOf
      ? [{ decision, events: [...duplicateOf], duplicate: true, state }, before]
      : [{ decision, events: decision.events, duplicate: false, state }, before];
  }

  /**
   * The mobile numbers the agent's calls rang on before the command and no longer do are free for
   * other agents (MobileClaims), whichever way the agent left them: its own logout, a supervisor's,
   * a policy's. A release that fails is left to the next claim's stale takeover.
   */
  private async releaseMobilesLeft(command: AgentCommand, before: AgentState, after: AgentState): Promise<void> {
    if (!this.mobiles) return;
    const now = mobileNumbersOf(after);
    for (const number of mobileNumbersOf(before)) {
      if (now.has(number)) continue;
      await this.mobiles
        .decide({ type: 'ReleaseMobileNumber', commandId: `${command.commandId}:mobile-${number}`, at: command.at, number, agentId: command.agentId, reason: 'logout' })
        .catch((error: unknown) => this.logger.warn(`mobile number of agent ${command.agentId} not released: ${String(error)}`));
    }
  }

  /**
   * A pause takes its reason from the directory's list (when there is one) and that reason's
   * maximum length with it, whichever way it was asked for (desktop, API, phone).
   */
  private withPauseRules(command: AgentCommand): AgentCommand {
    if (command.type !== 'Pause' || !this.directory) return command;
    if (!isPauseReasonAllowed(this.directory, command.reason)) {
      const allowed = (this.directory.pauseReasons ?? []).map((r) => r.code).join(', ');
      throw new AgentDomainError('invalid_input', `reason ${command.reason} is not a configured pause reason (${allowed})`);
    }
    const maxMinutes = pauseReasonOf(this.directory, command.reason)?.maxMinutes;
    return maxMinutes === undefined ? command : { ...command, maxMinutes };
  }

  /**
   * An agent's own pause or logout waits while the agent takes a queue call: the command says
   * whether the PBX shows one now, the decider defers. A supervisor's or a policy's does not wait.
   */
  private async withCallCheck(command: AgentCommand): Promise<AgentCommand> {
    if (!this.calls || command.via === 'supervisor' || command.via === 'system') return command;
    const asks = command.type === 'Pause' || (command.type === 'ChangeQueueLogin' && command.mode !== 'login');
    if (!asks || command.inCall !== undefined) return command;
    return { ...command, inCall: await this.calls.inQueueCall(command.agentId) };
  }

  /** The agent's current state: the cached fold with what any replica appended since. */
  async state(agentId: string): Promise<AgentState> {
    return (await this.readThroughCache(agentId)).agent;
  }

  /**
   * Records a directory change under way on the agent's stream, with the revision `check` passed
   * on: a login appended meanwhile makes the append fail, and the check runs again on the newer
   * state (and throws). See entry-guard.ts.
   */
  async guard(agentId: string, event: EntryGuardEvent, check: (agent: AgentState) => void): Promise<void> {
    await handleCommand<StreamState, EntryGuardEvent>({
      ...this.shellOf(agentId),
      decide: (state) => {
        check(state.agent);
        return [event];
      },
      toNewEvent: (e) => ({ type: e.type, data: e.data, metadata: { schemaVersion: 1 } }),
    });
  }

  private async readThroughCache(agentId: string): Promise<StreamState> {
    // A command that decides nothing: the shell's read, through the cache, appends nothing.
    return (await handleCommand<StreamState, never>({ ...this.shellOf(agentId), decide: () => [], toNewEvent: () => ({ type: '', data: null }) })).state;
  }

  /** evolveStream changes `applied` in place: safe with the cache, which folds only committed
   *  events, one command per stream at a time, and never a decision whose append failed. */
  private shellOf(agentId: string) {
    return {
      store: this.store,
      stream: streamNames.agent(agentId),
      initialState: (): StreamState => ({ agent: initialState(), applied: new Map() }),
      evolve: evolveStream,
      cache: this.states,
    };
  }
}

/** The mobile numbers the agent's logged-in queues ring. */
function mobileNumbersOf(state: AgentState): Set<string> {
  const numbers = new Set<string>();
  for (const queue of loggedInQueues(state)) {
    const session = sessionIn(state, queue);
    const number = session.status === 'logged-in' ? mobileNumberOf(session.interface) : undefined;
    if (number) numbers.add(number);
  }
  return numbers;
}

function evolveStream(state: StreamState, recorded: RecordedEvent): StreamState {
  if (isEntryGuardEvent(recorded)) return { ...state, guard: evolveEntryGuard(state.guard, recorded) };
  const event = toAgentEvent(recorded);
  const causation = typeof recorded.metadata['causationId'] === 'string' ? recorded.metadata['causationId'] : undefined;
  if (causation) {
    // Updated in place (copying the map per event was quadratic in the stream). Safe because a fold
    // only moves forward: from a fresh initial state, or from the cached state with events the
    // store has committed; the shell never folds a decision whose append failed into the cache.
    const applied = state.applied as Map<string, AgentStreamEvent[]>;
    const seen = applied.get(causation);
    if (seen) seen.push(event);
    else applied.set(causation, [event]);
    if (applied.size > REMEMBERED_COMMANDS) applied.delete(applied.keys().next().value as string);
  }
  return { ...state, agent: evolve(state.agent, event) };
}

export function toAgentEvent(recorded: RecordedEvent): AgentStreamEvent {
  return { type: recorded.type, data: recorded.data, metadata: recorded.metadata } as AgentStreamEvent;
}
