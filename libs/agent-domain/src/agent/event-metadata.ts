import {
  AGENT_EVENT_SCHEMA_VERSION,
  type AgentCommand,
  type AgentEventMetadata,
} from '@switchboard/contracts';

/** Every event of a command carries the command's time and ids: the decider reads no clock. */
export function metadataOf(command: AgentCommand): AgentEventMetadata {
  return {
    schemaVersion: AGENT_EVENT_SCHEMA_VERSION,
    occurredAt: command.at,
    // Absent rather than undefined, so the stored JSON and the decided event are equal.
    ...(command.correlationId !== undefined ? { correlationId: command.correlationId } : {}),
    causationId: command.commandId,
  };
}
