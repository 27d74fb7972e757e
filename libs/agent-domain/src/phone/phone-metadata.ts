import { PHONE_EVENT_SCHEMA_VERSION, type PhoneEventMetadata } from '@switchboard/contracts';
import { PhoneDomainError } from './phone-domain-error';

/** What every phone, seat and PIN command carries: its id and its time (deciders read no clock). */
export interface CommandStamp {
  readonly commandId: string;
  readonly at: string;
  readonly correlationId?: string;
}

export function stampOf(command: CommandStamp): PhoneEventMetadata {
  return {
    schemaVersion: PHONE_EVENT_SCHEMA_VERSION,
    occurredAt: command.at,
    ...(command.correlationId !== undefined ? { correlationId: command.correlationId } : {}),
    causationId: command.commandId,
  };
}

/** Refuses a command without an id or a readable time. */
export function requireStamp(command: CommandStamp): void {
  if (typeof command.commandId !== 'string' || command.commandId.trim() === '')
    throw new PhoneDomainError('invalid_input', 'commandId is required');
  // Date.parse reads no clock: it only checks that `at` is a time.
  if (typeof command.at !== 'string' || Number.isNaN(Date.parse(command.at)))
    throw new PhoneDomainError('invalid_input', `at: not a time: ${JSON.stringify(command.at)}`);
}
