import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@switchboard/platform';
import { DirectoryLog, type DirectoryChange } from '../directory/directory-log';
import { LiveDirectory, type DirectoryVersion } from '../directory/live-directory';
import { asApiError } from './admin-errors';

/**
 * Records an admin's change as the directory's next version and puts it in force in this
 * replica at once (the others follow the stream). Errors leave as the API's codes.
 */
@Injectable()
export class DirectoryAdmin {
  private readonly logger = new Logger('Directory');

  constructor(
    private readonly live: LiveDirectory,
    private readonly log: DirectoryLog,
  ) {}

  /** The version in force here (the one an If-Match should name). */
  get inForce(): Pick<DirectoryVersion, 'directory' | 'version'> {
    return { directory: this.live.current, version: this.live.version };
  }

  async apply(change: DirectoryChange, by: Principal, expectedVersion?: number): Promise<DirectoryVersion> {
    try {
      const next = await this.log.change(this.live.pbxId, change, by.subject, expectedVersion);
      // The follower may have put it in force already (it sees our own append too).
      this.live.advance(next);
      // Who changed it, never what: an agent's change may carry a PIN's hash.
      if (next.recorded) this.logger.log(`directory version ${next.version} recorded by ${by.subject}`);
      return next;
    } catch (error) {
      throw asApiError(error);
    }
  }
}
