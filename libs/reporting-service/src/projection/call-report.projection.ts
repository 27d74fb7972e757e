import type { AgentEvent, CallDisposed, PbxEvent } from '@switchboard/contracts';
import { engineOf, type ReportDb } from '../store/open-report-db';
import { ProjectionBatch, ProjectionStatements } from './projection-batch';
import type { Checkpoint, ProjectionInput } from './projection-input';

/**
 * Projects PBX call events and agent events into the Report Call Table. Every call of
 * applyBatch is one transaction, checkpoints included, so after a crash the table and the
 * checkpoints agree; the reducer is idempotent, so an input applied again (a redelivery after
 * the crash, before the bus ack) changes nothing. Writes of one process are applied one batch at
 * a time: a batch reads rows, reduces and writes them back, and two at once could lose a fact.
 */
export class CallReportProjection {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly statements = new ProjectionStatements();

  constructor(
    private readonly db: ReportDb,
    /** Off for a rebuild's projection: it replays the journal (see migration 0003). */
    private readonly options: { readonly journal: boolean } = { journal: true },
  ) {}

  applyBatch(inputs: readonly ProjectionInput[], checkpoints: readonly Checkpoint[] = []): Promise<void> {
    return this.exclusive(() =>
      this.db.transaction().execute((trx) => new ProjectionBatch(trx, engineOf(this.db), this.options.journal, this.statements).run(inputs, checkpoints)),
    );
  }

  applyPbxEvent(event: PbxEvent, checkpoint?: Checkpoint): Promise<void> {
    return this.applyBatch([{ source: 'pbx', event }], checkpoint ? [checkpoint] : []);
  }

  applyAgentEvent(event: AgentEvent, checkpoint?: Checkpoint): Promise<void> {
    return this.applyBatch([{ source: 'agent', event }], checkpoint ? [checkpoint] : []);
  }

  applyDisposition(event: CallDisposed): Promise<void> {
    return this.applyAgentEvent(event);
  }

  async checkpoint(name: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('projection_checkpoints').select('position').where('name', '=', name).executeTakeFirst();
    return row?.position;
  }

  /**
   * Runs `work` while no batch of this projection is being written, and holds the next ones back
   * until it is done: how a rebuild swaps tables under the live projection.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
