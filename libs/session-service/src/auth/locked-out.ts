import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@switchboard/platform';

/** 423 locked_out: too many wrong PINs; says until when, never how many were tried. */
export function lockedOut(until: string): ApiError {
  return new ApiError('locked_out', `too many wrong PINs: locked out until ${until}`, HttpStatus.LOCKED);
}

