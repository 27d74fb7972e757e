/**
 * Why a login or logout was refused, with the HTTP API's stable codes: the desktop maps them one
 * to one, the phone paths to an announcement.
 */
export type LoginRefusalCode =
  | 'already_logged_in'
  | 'phone_in_use'
  | 'phone_not_available'
  | 'mobile_in_use'
  | 'not_logged_in'
  | 'invalid_input'
  /** A directory change under way takes the agent, the queue or the phone away (entry-guard.ts). */
  | 'conflict';

export class LoginRefused extends Error {
  constructor(
    readonly code: LoginRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'LoginRefused';
  }
}
