import { HttpStatus } from '@nestjs/common';
import { DirectoryError } from '@switchboard/agent-domain';
import { ConcurrencyRetriesExhaustedError } from '@switchboard/event-store';
import { ApiError } from '@switchboard/platform';
import { DirectoryVersionConflict } from '../directory/directory-log';

/** The directory's errors as the API's stable codes; anything else stays as it is (a 500). */
export function asApiError(error: unknown): unknown {
  if (error instanceof DirectoryError) return new ApiError('invalid_input', error.message, HttpStatus.BAD_REQUEST);
  if (error instanceof DirectoryVersionConflict) return new ApiError('conflict', error.message, HttpStatus.CONFLICT);
  if (error instanceof ConcurrencyRetriesExhaustedError)
    return new ApiError('conflict', 'the directory kept changing under this change: read it again and retry', HttpStatus.CONFLICT);
  return error;
}

/** If-Match: "3" (or 3, or W/"3"): the version a change was made against. */
export function expectedVersionOf(header: unknown): number | undefined {
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? /^\s*(?:W\/)?"?([1-9][0-9]{0,9})"?\s*$/.exec(header) : null;
  if (!match) throw new ApiError('invalid_input', 'If-Match: must be a directory version, as "3"', HttpStatus.BAD_REQUEST);
  return Number(match[1]);
}
