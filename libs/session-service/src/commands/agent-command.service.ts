import { Inject, Injectable } from '@nestjs/common';
import { decide, evolve, initialState, type AgentState, type Decision } from '@switchboard/agent-domain';
import { streamNames, type AgentCommand, type AgentEvent } from '@switchboard/contracts';
import { handleCommand, type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { EVENT_STORE, METRICS } from '@switchboard/platform';
import { Counter, type Registry } from 'prom-client';

/** The agent's state plus the commands already applied to it, so a redelivered command
 *  (a feature-code event delivered twice) is recognised instead of toggling twice. */
interface StreamState {
  readonly agent: AgentState;
  readonly applied: ReadonlyMap<string, AgentEvent[]>;
}

export interface CommandResult {
  readonly decision: Decision;
  /** The events this command recorded (now, or the first time when it is a duplicate). */
  readonly events: readonly AgentEvent[];
  readonly duplicate: boolean;
  /** The agent's state after the command. */
  readonly state: AgentState;
}

/** Only the latest commands are remembered: a redelivery comes soon after the original. */
const REMEMBERED_COMMANDS = 200;

/** Runs agent commands through the one command-handling shell: read, decide, append, retry on conflict. */
@Injectable()
export class AgentCommandService {
  private readonly handled: Counter<'type' | 'result'>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(METRICS) metrics: Registry,
  ) {
    this.handled = new Counter({
      name: 'switchboard_agent_commands_total',
      help: 'Agent commands handled, by type and result (recorded, unchanged, duplicate, or an error code)',
      labelNames: ['type', 'result'],
      registers: [metrics],
    });
  }

  async execute(command: AgentCommand): Promise<CommandResult> {
    try {
      const result = await this.run(command);
      this.handled.inc({ type: command.type, result: result.duplicate ? 'duplicate' : result.events.length ? 'recorded' : 'unchanged' });
      return result;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      this.handled.inc({ type: command.type, result: typeof code === 'string' ? code : 'error' });
      throw error;
    }
  }

  private async run(command: AgentCommand): Promise<CommandResult> {
    let decision: Decision | undefined;
    let duplicateOf: AgentEvent[] | undefined;
    const result = await handleCommand<StreamState, AgentEvent>({
      store: this.store,
      stream: streamNames.agent(command.agentId),
      initialState: () => ({ agent: initialState(), applied: new Map() }),
      evolve: (state, recorded) => evolveStream(state, recorded),
      decide: (state) => {
        duplicateOf = state.applied.get(command.commandId);
        decision = decide(command, state.agent);
        return duplicateOf ? [] : decision.events;
      },
      toNewEvent: (event) => ({ type: event.type, data: event.data, metadata: { ...event.metadata } }),
    });
    if (!decision) throw new Error('command shell returned without deciding');
    const state = result.state.agent;
    return duplicateOf
      ? { decision, events: duplicateOf, duplicate: true, state }
      : { decision, events: decision.events, duplicate: false, state };
  }

  /** The agent's current state, folded from its stream. */
  async state(agentId: string): Promise<AgentState> {
    const { events } = await this.store.readStream(streamNames.agent(agentId));
    return events.reduce((s, e) => evolve(s, toAgentEvent(e)), initialState());
  }
}

function evolveStream(state: StreamState, recorded: RecordedEvent): StreamState {
  const event = toAgentEvent(recorded);
  const causation = typeof recorded.metadata['causationId'] === 'string' ? recorded.metadata['causationId'] : undefined;
  let applied = state.applied;
  if (causation) {
    const next = new Map(applied);
    next.set(causation, [...(next.get(causation) ?? []), event]);
    while (next.size > REMEMBERED_COMMANDS) next.delete(next.keys().next().value as string);
    applied = next;
  }
  return { agent: evolve(state.agent, event), applied };
}

export function toAgentEvent(recorded: RecordedEvent): AgentEvent {
  return { type: recorded.type, data: recorded.data, metadata: recorded.metadata } as AgentEvent;
}
