import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { AgentEvent } from '@switchboard/contracts';
import type { AllSubscription, EventStore, RecordedEvent } from '@switchboard/event-store';
import { ApiError, EVENT_STORE } from '@switchboard/platform';
import { AGENT_EVENT_TYPES_PROJECTED } from '../projection/agent-events.follower';
import { CallReportProjection } from '../projection/call-report.projection';
import { CHECKPOINTS, type ProjectionInput } from '../projection/projection-input';
import { decodeJournal } from '../store/journal-codec';
import { createNextTables, dropNextTables, swapInNextTables } from '../store/fresh-tables';
import type { ReportDb } from '../store/open-report-db';
import { RenameTablesPlugin } from '../store/rename-tables.plugin';
import { REPORT_DB } from '../tokens';
import { tryRebuildLock, type HeldRebuildLock } from '../store/rebuild-locks';
import { IDLE, type RebuildStatus } from './rebuild-status';
import { SessionTimeline } from './session-timeline';

function alreadyRunning(where: string): ApiError {
  return new ApiError('conflict', `a rebuild is already running ${where}`, HttpStatus.CONFLICT);
}

/** Events per transaction of the rebuild. */
const BATCH = 1000;
/** Journal rows read at a time (each one projection batch of the live service). */
const JOURNAL_ROWS = 50;

export interface RebuildHooks {
  /** Called under the live projection's lock just before the swap (tests look at the old table). */
  readonly beforeSwap?: () => Promise<void>;
}

/**
 * Rebuilds the Report Call Table from the logs into fresh tables, then swaps them in: the
 * event store's dispositions and sessions, and the PBX events the projection journaled (see
 * migration 0003), sessions placed between PBX events by their time. The live tables keep
 * serving (and the live projection keeps writing them) until the swap, which happens under the
 * live projection's lock once the rebuild has caught up with it. One rebuild at a time per
 * database (store/rebuild-locks.ts).
 */
@Injectable()
export class ReportRebuilder {
  private readonly logger = new Logger(ReportRebuilder.name);
  private current: RebuildStatus = IDLE;
  private running: Promise<RebuildStatus> | null = null;

  constructor(
    @Inject(REPORT_DB) private readonly db: ReportDb,
    @Inject(EVENT_STORE) private readonly store: EventStore | null,
    private readonly live: CallReportProjection,
  ) {}

  status(): RebuildStatus {
    return this.current;
  }

  /**
   * Starts a rebuild in the background once it holds the rebuild lock: 409 conflict while one
   * runs here, or anywhere else on the same PostgreSQL database (another replica, another run of
   * `npm run reporting:rebuild`).
   */
  async start(hooks: RebuildHooks = {}): Promise<RebuildStatus> {
    if (this.running) throw alreadyRunning('in this service');
    let begin!: (lock: HeldRebuildLock | undefined) => void;
    const claimed = new Promise<HeldRebuildLock | undefined>((r) => (begin = r));
    // Claimed before the first await, so two calls in this process cannot both pass the check.
    const running = claimed.then((lock) => (lock ? this.rebuild(lock, hooks) : this.current));
    this.running = running.finally(() => {
      this.running = null;
    });
    let lock: HeldRebuildLock | undefined;
    try {
      lock = await tryRebuildLock(this.db);
      if (!lock) throw alreadyRunning('on another replica of the reporting service (the database holds its lock)');
      this.current = { ...IDLE, state: 'running', phase: 'agent-events', startedAt: new Date().toISOString() };
      return this.current;
    } finally {
      begin(lock);
    }
  }

  /** Starts a rebuild and waits for its end (the CLI and tests). */
  async run(hooks: RebuildHooks = {}): Promise<RebuildStatus> {
    const started = this.start(hooks);
    const running = this.running;
    await started;
    return (await running) ?? this.current;
  }

  private update(change: Partial<RebuildStatus>): void {
    this.current = { ...this.current, ...change };
  }

  private async rebuild(lock: HeldRebuildLock, hooks: RebuildHooks): Promise<RebuildStatus> {
    let agentLog: AgentLogReader | null = null;
    try {
      const names = await createNextTables(this.db);
      const next = new CallReportProjection(this.db.withPlugin(new RenameTablesPlugin(names)), { journal: false });
      const sessions = new SessionTimeline();
      agentLog = await AgentLogReader.open(this.store, next, sessions, (n) => this.update({ agentEventsApplied: n }));
      await agentLog.reach(await this.live.checkpoint(CHECKPOINTS.agentEvents));

      this.update({ phase: 'pbx-journal', pbxEventsTotal: await this.journalSize() });
      let lastId = await this.replayJournal(next, sessions, 0);

      this.update({ phase: 'swapping' });
      // The live projections (this one, and on PostgreSQL every replica's) are still now: catch up
      // with what they wrote meanwhile, then swap.
      await this.live.exclusive(() => lock.withProjectionsHeld(async () => {
        await agentLog?.reach(await this.live.checkpoint(CHECKPOINTS.agentEvents));
        lastId = await this.replayJournal(next, sessions, lastId);
        await agentLog?.flush();
        await next.applyBatch(sessions.takeAll().map((event) => ({ source: 'agent', event })));
        const pbx = await this.live.checkpoint(CHECKPOINTS.pbxEvents);
        const agent = agentLog?.position();
        await next.applyBatch([], [
          ...(pbx !== undefined ? [{ name: CHECKPOINTS.pbxEvents, position: pbx }] : []),
          ...(agent !== undefined ? [{ name: CHECKPOINTS.agentEvents, position: agent }] : []),
        ]);
        await hooks.beforeSwap?.();
        await swapInNextTables(this.db);
      }));
      const rows = await this.db.selectFrom('call_report').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
      this.update({ state: 'done', phase: null, finishedAt: new Date().toISOString(), rows: Number(rows.n) });
      this.logger.log(`rebuild done: ${this.current.pbxEventsApplied} PBX events, ${this.current.agentEventsApplied} agent events, ${rows.n} rows`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`rebuild failed: ${message}`);
      this.update({ state: 'failed', finishedAt: new Date().toISOString(), error: message });
      await dropNextTables(this.db).catch(() => undefined);
    } finally {
      await agentLog?.close();
      await lock.release().catch((error: unknown) => this.logger.warn(`rebuild lock: ${error instanceof Error ? error.message : String(error)}`));
    }
    return this.current;
  }

  private async journalSize(): Promise<number> {
    const r = await this.db.selectFrom('pbx_event_journal').select((eb) => eb.fn.sum<string | number | null>('event_count').as('n')).executeTakeFirstOrThrow();
    return Number(r.n ?? 0);
  }

  /** Replays the journal after `afterId`, in batches, sessions merged in by time; the last id. */
  private async replayJournal(next: CallReportProjection, sessions: SessionTimeline, afterId: number): Promise<number> {
    let last = afterId;
    for (;;) {
      const rows = await this.db
        .selectFrom('pbx_event_journal')
        .select(['id', 'events'])
        .where('id', '>', last)
        .orderBy('id')
        .limit(JOURNAL_ROWS)
        .execute();
      if (rows.length === 0) return last;
      let inputs: ProjectionInput[] = [];
      const apply = async () => {
        await next.applyBatch(inputs);
        this.update({ pbxEventsApplied: this.current.pbxEventsApplied + inputs.filter((i) => i.source === 'pbx').length });
        inputs = [];
      };
      for (const r of rows) {
        for (const event of decodeJournal(r.events)) {
          for (const s of sessions.takeUntil(event.metadata.occurredAt)) inputs.push({ source: 'agent', event: s });
          inputs.push({ source: 'pbx', event });
          if (inputs.length >= BATCH) await apply();
        }
      }
      await apply();
      last = Number(rows[rows.length - 1]?.id);
    }
  }
}

/**
 * The event store's agent events for a rebuild, from the start: dispositions go to the new tables
 * in batches (their order does not matter to the reducer), sessions to the timeline.
 */
class AgentLogReader {
  private subscription: AllSubscription | null = null;
  private buffer: ProjectionInput[] = [];
  private applied = 0;
  private last: bigint | undefined;
  private failure: Error | null = null;
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly next: CallReportProjection,
    private readonly sessions: SessionTimeline,
    private readonly progress: (applied: number) => void,
  ) {}

  static async open(
    store: EventStore | null,
    next: CallReportProjection,
    sessions: SessionTimeline,
    progress: (applied: number) => void,
  ): Promise<AgentLogReader> {
    const reader = new AgentLogReader(next, sessions, progress);
    if (!store) return reader;
    reader.subscription = await store.subscribeToAll({
      filter: { eventTypes: [...AGENT_EVENT_TYPES_PROJECTED] },
      onEvent: (e) => reader.onEvent(e),
      onError: (error) => {
        reader.failure = error;
        reader.wake();
      },
    });
    return reader;
  }

  private async onEvent(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data, metadata: recorded.metadata } as AgentEvent;
    if (event.type === 'AgentLoggedIn' || event.type === 'AgentLoggedOut') this.sessions.add(event);
    else this.buffer.push({ source: 'agent', event });
    if (this.buffer.length >= BATCH) await this.flush();
    this.last = recorded.position;
    this.applied++;
    this.progress(this.applied);
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Waits until the reader has seen the log up to `position` (the live follower's checkpoint). */
  async reach(position: string | undefined): Promise<void> {
    if (position === undefined) return;
    const target = BigInt(position);
    while (this.last === undefined || this.last < target) {
      if (this.failure) throw this.failure;
      if (!this.subscription) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    await this.flush();
  }

  async flush(): Promise<void> {
    const inputs = this.buffer;
    this.buffer = [];
    if (inputs.length > 0) await this.next.applyBatch(inputs);
  }

  position(): string | undefined {
    return this.last?.toString();
  }

  async close(): Promise<void> {
    await this.subscription?.close();
    this.subscription = null;
  }
}
