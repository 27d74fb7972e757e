/**
 * Stable codes of refused phone and seat commands; `phone_in_use` and `mobile_in_use` are spelt as
 * the HTTP API's codes. `agent_has_phone`: the agent already holds another phone (the API answers
 * already_logged_in).
 */
export type PhoneDomainErrorCode = 'phone_in_use' | 'mobile_in_use' | 'agent_has_phone' | 'invalid_input';

export class PhoneDomainError extends Error {
  constructor(
    readonly code: PhoneDomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PhoneDomainError';
  }
}
