import { HttpException, HttpStatus } from '@nestjs/common';
import type { z, ZodTypeAny } from 'zod';

/** Stable error codes of the HTTP API: public contract, never renamed (listed in the OpenAPI document). */
export const API_ERROR_CODES = [
  'invalid_input',
  'not_found',
  'already_logged_in',
  'not_logged_in',
  'phone_in_use',
  'phone_not_available',
  'agent_in_use',
  'mobile_in_use',
  'invalid_pin',
  'locked_out',
  'forbidden',
  'unauthorized',
  'conflict',
  'pbx_unavailable',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** An API error rendered as `{code, message}` with its HTTP status. */
export class ApiError extends HttpException {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    status: HttpStatus,
  ) {
    super({ code, message }, status);
  }
}

/** Validates untrusted input against a schema; 400 invalid_input names the first bad field. */
export function parseInput<S extends ZodTypeAny>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.output<S>;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new ApiError('invalid_input', `${where}${issue?.message ?? 'invalid input'}`, HttpStatus.BAD_REQUEST);
}

/** Text that may reach AMI: CR, LF and NUL could inject an action, so they are refused at the edge. */
export const AMI_SAFE_TEXT = /^[^\r\n\0]*$/;
