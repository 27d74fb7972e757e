/**
 * Stable codes of refused commands. `invalid_input` and `not_logged_in` are spelt as the HTTP
 * API's public codes (ApiErrorCode) so a service maps them one to one (400, 409);
 * `agent_mismatch` means a command reached another agent's stream: a bug of the caller (500).
 */
export type AgentDomainErrorCode = 'invalid_input' | 'not_logged_in' | 'agent_mismatch';

/** A command that breaks a rule. Thrown by decide; nothing is appended. */
export class AgentDomainError extends Error {
  constructor(
    readonly code: AgentDomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AgentDomainError';
  }
}
