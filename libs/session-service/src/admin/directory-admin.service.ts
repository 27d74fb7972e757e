import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@switchboard/platform';
import { DirectoryLog, DirectoryVersionConflict, previewChange, type DirectoryChange } from '../directory/directory-log';
import { LiveDirectory, type DirectoryVersion } from '../directory/live-directory';
import { asApiError } from './admin-errors';
import { SessionChecks, narrowingOf, narrowsAnything } from './session-checks';

/** Admins (or replicas) changing the directory at once: each retry reads, checks and guards again. */
const MAX_ATTEMPTS = 5;

/**
 * Records an admin's change as the directory's next version and puts it in force in this
 * replica at once (the others follow the stream). A change that takes something away from a live
 * session is checked and guarded on the sessions' streams first (SessionChecks). Errors leave as
 * the API's codes.
 */
@Injectable()
export class DirectoryAdmin {
  private readonly logger = new Logger('Directory');

  constructor(
    private readonly live: LiveDirectory,
    private readonly log: DirectoryLog,
    private readonly checks: SessionChecks,
  ) {}

  /** The version in force here (the one an If-Match should name). */
  get inForce(): Pick<DirectoryVersion, 'directory' | 'version'> {
    return { directory: this.live.current, version: this.live.version };
  }

  async apply(change: DirectoryChange, by: Principal, expectedVersion?: number): Promise<DirectoryVersion> {
    try {
      const next = await this.record(change, by.subject, expectedVersion);
      // The follower may have put it in force already (it sees our own append too).
      this.live.advance(next);
      // Who changed it, never what: an agent's change may carry a PIN's hash.
      if (next.recorded) this.logger.log(`directory version ${next.version} recorded by ${by.subject}`);
      return next;
    } catch (error) {
      throw asApiError(error);
    }
  }

  /**
   * The change made to the latest version, and only to it: the sessions are checked against what
   * that version's change takes away, so a newer version means checking again (a new attempt).
   */
  private async record(change: DirectoryChange, changedBy: string, expectedVersion: number | undefined): ReturnType<DirectoryLog['change']> {
    for (let attempt = 1; ; attempt++) {
      const latest = await this.log.read(this.live.pbxId);
      if (!latest) throw new Error(`directory stream of ${this.live.pbxId} is empty: it is seeded at start-up`);
      if (expectedVersion !== undefined && expectedVersion !== latest.version) throw new DirectoryVersionConflict(expectedVersion, latest.version);
      const narrowing = narrowingOf(latest.directory, previewChange(latest.directory, change));
      const guarded = narrowsAnything(narrowing);
      const version = latest.version + 1;
      const at = new Date().toISOString();
      if (guarded) await this.checks.guard(narrowing, version, at);
      try {
        return await this.log.change(this.live.pbxId, change, changedBy, latest.version);
      } catch (error) {
        if (guarded) await this.checks.abandon(narrowing, version, at);
        if (error instanceof DirectoryVersionConflict && expectedVersion === undefined && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
    }
  }
}
