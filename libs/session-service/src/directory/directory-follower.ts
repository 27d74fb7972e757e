import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { streamNames } from '@switchboard/contracts';
import type { AllSubscription, EventStore, RecordedEvent } from '@switchboard/event-store';
import { EVENT_STORE } from '@switchboard/platform';
import { DirectoryLog, nextVersion } from './directory-log';
import { LiveDirectory } from './live-directory';

/**
 * Keeps this replica's directory at the latest version: follows the event store ($all, filtered to
 * the directory's stream) from the version loaded at start-up, and swaps LiveDirectory on every
 * newer version, whichever replica recorded it. A version this replica recorded itself is
 * already in force (the admin API swaps at once) and is skipped; a gap (the parts of a large
 * replacement before it, directory-parts.ts) is closed by reading the stream again.
 */
@Injectable()
export class DirectoryFollower implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DirectoryFollower.name);
  private subscription: AllSubscription | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly live: LiveDirectory,
    private readonly log: DirectoryLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const stream = streamNames.directory(this.live.pbxId);
    this.subscription = await this.store.subscribeToAll({
      from: this.live.position,
      // A prefix: directory-pbx1 also matches directory-pbx10, hence the exact check in follow().
      filter: { streamPrefixes: [stream] },
      onEvent: (event) => this.follow(stream, event),
      onError: (error) => this.logger.error(`directory subscription failed: ${error.message}`),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    this.subscription = null;
  }

  private async follow(stream: string, event: RecordedEvent): Promise<void> {
    if (event.streamName !== stream) return;
    // A part of a large replacement puts nothing in force: its closing event does, read whole.
    if (event.type === 'DirectoryPartRecorded') return;
    const version = Number(event.revision) + 1;
    if (version <= this.live.version) return;
    const next =
      version === this.live.version + 1
        ? nextVersion({ directory: this.live.current, version: this.live.version, position: this.live.position }, event)
        : await this.log.read(this.live.pbxId);
    if (next && this.live.advance(next)) this.logger.log(`directory version ${next.version} in force`);
  }
}
