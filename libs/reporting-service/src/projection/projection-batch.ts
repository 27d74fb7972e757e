import { callIdOf, laterDisposition, reduceCall, type CallFact, type CallState, type MemberContext } from '@switchboard/call-report';
import { assertNever, type AgentEvent, type CallDisposed, type PbxEvent, type QueueMemberData } from '@switchboard/contracts';
import { sql, type Insertable, type Transaction } from 'kysely';
import { BatchedUpsert } from '../store/batched-upsert';
import type { ReportEngine } from '../store/open-report-db';
import { encodeJournal } from '../store/journal-codec';
import { holdOffRebuildSwap } from '../store/rebuild-locks';
import { rowColumns, UPDATABLE_COLUMNS } from '../store/row-columns';
import type { CallDispositionKeptTable, CallReportTable, ReportDatabase } from '../store/schema';
import { callIdOfInput, type Checkpoint, type ProjectionInput } from './projection-input';
import { rememberSeat, seatDeviceOf } from './agent-pool-seats';
import { callsAnsweredOnPhoneSince, withAgentOfAnswer } from './answered-rows-agents';
import { agentAt, closeSession, openSession, sessionsOnPhone, type PhoneSession, type SessionChange } from './phone-sessions';
import { memberStateInterface, recordMember } from './queue-members';

/** Whether a disposition is for a call on this PBX: a call id is unique on one PBX only. One
 *  recorded without its PBX (before CallDisposed had it) goes by the call id alone. */
function onPbx(disposition: CallDisposed, pbxId: string): boolean {
  return disposition.data.pbxId === undefined || disposition.data.pbxId === pbxId;
}

/** How a call's dispositions are told apart: per PBX ('' for none named) and agent. */
function dispositionKey(pbxId: string, agentId: string): string {
  return `${pbxId}\u0000${agentId}`;
}

/** A member as looked up once per batch: the agent on its phone is then picked by the event's time. */
interface MemberLookup {
  readonly stateInterface: string;
  readonly device?: string;
  readonly sessions: readonly PhoneSession[];
}

type Trx = Transaction<ReportDatabase>;

/** The map under `key` in a map of maps, made empty on first use. */
function innerMap<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

/** Call ids per read of the touched rows: under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 400;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The batch's multi-row writes, compiled once per projection (see BatchedUpsert). */
export class ProjectionStatements {
  readonly rows = new BatchedUpsert<Insertable<CallReportTable>>((db, rows) =>
    db
      .insertInto('call_report')
      .values([...rows])
      .onConflict((oc) =>
        oc.columns(['call_id', 'queue']).doUpdateSet((eb) => Object.fromEntries(UPDATABLE_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]))),
      ),
  );

  readonly dispositions = new BatchedUpsert<CallDispositionKeptTable>((db, rows) =>
    db
      .insertInto('call_dispositions_kept')
      .values([...rows])
      .onConflict((oc) => oc.columns(['call_id', 'pbx_id', 'agent_id']).doUpdateSet((eb) => ({ event_json: eb.ref('excluded.event_json') }))),
  );
}

/**
 * One transaction of the projection: a batch of inputs applied in order, with the rows of the
 * calls they touch read once up front and written once at the end. The result is the same as
 * applying the inputs one by one (the reducer sees them in the same order); only the number of
 * statements differs, which is what makes catch-up and rebuild fast. The row counts change in the
 * same transaction, by the database's triggers (migration 0006).
 */
export class ProjectionBatch {
  /** callId → queue → state, for every call the batch touches (rows that exist or were made). */
  private readonly rows = new Map<string, Map<string, CallState>>();
  /** Calls whose rows were read (and, on PostgreSQL, locked) in this batch. */
  private readonly loaded = new Set<string>();
  private readonly dirtyRows = new Set<string>();
  /** callId → dispositionKey → the latest disposition of the call on that PBX by that agent. */
  private readonly dispositions = new Map<string, Map<string, CallDisposed>>();
  /** The kept dispositions this batch changed, by call and dispositionKey: what flush writes. */
  private readonly dirtyDispositions = new Map<string, CallDisposed>();

  /** Members looked up in this batch; cleared whenever a member or a login changes. */
  private readonly contexts = new Map<string, MemberLookup>();
  /** PBX events that changed something, to be journaled in the order applied. */
  private readonly journal: PbxEvent[] = [];

  constructor(
    private readonly trx: Trx,
    private readonly engine: ReportEngine,
    /** Off for a rebuild: it replays the journal and must not write it. */
    private readonly journaling: boolean,
    private readonly statements: ProjectionStatements,
  ) {}

  async run(inputs: readonly ProjectionInput[], checkpoints: readonly Checkpoint[]): Promise<void> {
    const callIds = [...new Set(inputs.map(callIdOfInput).filter((c): c is string => c !== undefined))].sort();
    // The live projection (the one that journals) never commits into tables a rebuild is swapping
    // out, whichever replica it runs on; the rebuild's own projection writes the fresh tables.
    if (this.engine === 'postgres' && this.journaling) await holdOffRebuildSwap(this.trx);
    await this.lockAndLoad(callIds);
    for (const input of inputs) await this.apply(input);
    await this.flush(checkpoints);
  }

  /** Reads the rows of calls not read yet in this batch, holding their locks on PostgreSQL. */
  private async lockAndLoad(callIds: readonly string[]): Promise<void> {
    const ids = callIds.filter((id) => !this.loaded.has(id));
    if (this.engine === 'postgres' && ids.length > 0) {
      // Replicas of the service may project events of one call at the same time: each holds the
      // call's lock until commit, so no read-modify-write of a row is lost. Sorted: no deadlock
      // among batches' own calls. The calls a late session reaches (reassignAgents) are locked
      // after those; a deadlock with another replica there is broken by PostgreSQL, failing one
      // batch, which is then redelivered.
      await sql`select pg_advisory_xact_lock(hashtext(id)) from (select unnest(${ids}::text[]) as id order by 1) ids`.execute(this.trx);
    }
    for (const id of ids) this.loaded.add(id);
    await this.load(ids);
  }

  private async load(callIds: readonly string[]): Promise<void> {
    for (const ids of chunks(callIds)) {
      const rows = await this.trx
        .selectFrom('call_report')
        .select(['call_id', 'queue', 'row_json'])
        .where('call_id', 'in', ids)
        .execute();
      for (const r of rows) {
        this.callRows(r.call_id).set(r.queue, JSON.parse(r.row_json) as CallState);
      }
      const disposed = await this.trx.selectFrom('call_dispositions_kept').select(['call_id', 'pbx_id', 'agent_id', 'event_json']).where('call_id', 'in', ids).execute();
      for (const d of disposed) this.dispositionsOf(d.call_id).set(dispositionKey(d.pbx_id, d.agent_id), JSON.parse(d.event_json) as CallDisposed);
    }
  }

  private dispositionsOf(callId: string): Map<string, CallDisposed> {
    return innerMap(this.dispositions, callId);
  }

  private callRows(callId: string): Map<string, CallState> {
    return innerMap(this.rows, callId);
  }

  private async apply(input: ProjectionInput): Promise<void> {
    if (input.source === 'agent') return this.applyAgent(input.event);
    if (await this.applyPbx(input.event)) this.journal.push(input.event);
  }

  /** Applies a PBX event; true when it changed something (then it is journaled). */
  private async applyPbx(event: PbxEvent): Promise<boolean> {
    switch (event.type) {
      case 'QueueMemberAdded':
      case 'QueueMemberPaused':
      case 'QueueMemberStatusChanged':
        return this.rememberMember(event.metadata.pbxId, event.data);
      case 'QueueCallerJoined':
      case 'QueueCallerLeft':
      case 'QueueCallerAbandoned':
      case 'AgentCalled':
      case 'AgentCompleted':
        this.applyToRow(event.data.queue, { kind: 'pbx', event });
        return true;
      case 'AgentConnected':
      case 'AgentRingNoAnswer': {
        const member = await this.memberContext(event.metadata.pbxId, event.data.queue, event.data.interface, event.metadata.occurredAt);
        this.applyToRow(event.data.queue, { kind: 'pbx', event, member });
        return true;
      }
      case 'Hangup':
        // Hangups are frequent and mostly not queue calls: they only touch rows that exist.
        return this.applyToCall({ kind: 'pbx', event });
      case 'CallTransferred':
        // Like a Hangup: only rows that exist. A transfer comes after its call's AgentConnect in AMI
        // order, so it finds the rows but on a redelivery that overtook them (their batch failed
        // alone and came back later); then it is lost for the row, as a Hangup would be. A failed
        // transfer moved nobody: not applied, not journaled.
        return event.data.result === 'Success' && this.applyToCall({ kind: 'pbx', event });
      case 'AgentLogin':
      case 'AgentLogoff':
        if (!(await rememberSeat(this.trx, event))) return false;
        this.contexts.clear();
        return true;
      case 'AmiConnected':
      case 'AmiDisconnected':
      case 'FullyBooted':
      case 'FeatureCodeDialed':
      case 'QueueMemberRemoved':
      case 'PeerStatusChanged':
      case 'DeviceStateChanged':
      case 'QueueStatusSnapshot':
      case 'AgentsSnapshot':
      case 'Unmapped':
        return false;
      default:
        return assertNever(event, 'PBX event');
    }
  }

  private async applyAgent(event: AgentEvent): Promise<void> {
    switch (event.type) {
      case 'CallDisposed': {
        // Kept on its own so a row created later (disposition before the PBX events) still gets it.
        const kept = this.dispositionsOf(event.data.callId);
        const key = dispositionKey(event.data.pbxId ?? '', event.data.agentId);
        const later = laterDisposition(kept.get(key), event);
        kept.set(key, later);
        this.dirtyDispositions.set(`${event.data.callId}\u0000${key}`, later);
        this.applyToCall({ kind: 'disposition', event });
        return;
      }
      case 'AgentLoggedIn': {
        const d = event.data;
        this.contexts.clear();
        await this.reassignAgents(d.pbxId, await openSession(this.trx, event));
        // Still kept for the previous release's replicas during a rolling upgrade (0008).
        await this.trx
          .insertInto('phone_agents')
          .values({ pbx_id: d.pbxId, state_interface: d.stateInterface, queue: d.queue, agent_id: d.agentId })
          .onConflict((oc) => oc.columns(['pbx_id', 'queue', 'agent_id']).doUpdateSet({ state_interface: d.stateInterface }))
          .execute();
        return;
      }
      case 'AgentLoggedOut': {
        const d = event.data;
        this.contexts.clear();
        await this.reassignAgents(d.pbxId, await closeSession(this.trx, event));
        await this.trx.deleteFrom('phone_agents').where('pbx_id', '=', d.pbxId).where('queue', '=', d.queue).where('agent_id', '=', d.agentId).execute();
        return;
      }
      case 'AgentPaused':
      case 'AgentUnpaused':
        return;
      default:
        return assertNever(event, 'agent event');
    }
  }

  /**
   * After a login or logout: the calls already answered on the phones whose sessions changed get
   * the agent the sessions now give them (see withAgentOfAnswer), rows of this batch and stored
   * rows alike.
   */
  private async reassignAgents(pbxId: string, changes: readonly SessionChange[]): Promise<void> {
    for (const change of changes) {
      await this.lockAndLoad(await callsAnsweredOnPhoneSince(this.trx, pbxId, change.stateInterface, change.from));
      const sessions = await sessionsOnPhone(this.trx, pbxId, change.stateInterface);
      for (const [callId, rows] of this.rows) {
        for (const [queue, state] of rows) {
          const next = withAgentOfAnswer(state, { pbxId, ...change }, sessions);
          if (next === state) continue;
          rows.set(queue, next);
          this.dirtyRows.add(`${callId}\u0000${queue}`);
        }
      }
    }
  }

  /** Which device stands behind a member interface; true when it was news. */
  private async rememberMember(pbxId: string, member: QueueMemberData): Promise<boolean> {
    if (!member.stateInterface) return false;
    if ((await memberStateInterface(this.trx, pbxId, member.queue, member.interface)) === member.stateInterface) return false;
    this.contexts.clear();
    await recordMember(this.trx, pbxId, member.queue, member.interface, member.stateInterface);
    return true;
  }

  /** Who answered or rang: the member's device (its state interface) and the agent logged in on
   *  it at `at`, the event's time. */
  private async memberContext(pbxId: string, queue: string, iface: string, at: string): Promise<MemberContext> {
    const key = `${pbxId}\u0000${queue}\u0000${iface}`;
    let lookup = this.contexts.get(key);
    if (!lookup) {
      lookup = await this.lookUpMember(pbxId, queue, iface);
      this.contexts.set(key, lookup);
    }
    const { stateInterface, device } = lookup;
    return { stateInterface, agentId: agentAt(lookup.sessions, at), ...(device ? { device } : {}) };
  }

  private async lookUpMember(pbxId: string, queue: string, iface: string): Promise<MemberLookup> {
    const stateInterface = (await memberStateInterface(this.trx, pbxId, queue, iface)) ?? iface;
    const sessions = await sessionsOnPhone(this.trx, pbxId, stateInterface);
    const device = await seatDeviceOf(this.trx, pbxId, stateInterface);
    return { stateInterface, sessions, ...(device ? { device } : {}) };
  }

  private applyToRow(queue: string, fact: CallFact & { kind: 'pbx' }): void {
    const callId = callIdOf(fact);
    const key = { callId, queue };
    const rows = this.callRows(callId);
    const existing = rows.get(queue);
    let state = reduceCall(existing, fact, key);
    if (!existing) {
      // A new row gets the dispositions kept for its call: its PBX's and those that named none.
      for (const disposition of this.dispositions.get(callId)?.values() ?? []) {
        if (onPbx(disposition, fact.event.metadata.pbxId)) state = reduceCall(state, { kind: 'disposition', event: disposition }, key);
      }
    }
    rows.set(queue, state);
    this.dirtyRows.add(`${callId}\u0000${queue}`);
  }

  /** Applies a fact to every row of its call; false when the call has none. */
  private applyToCall(fact: CallFact): boolean {
    const callId = callIdOf(fact);
    const rows = this.rows.get(callId);
    if (!rows || rows.size === 0) return false;
    for (const [queue, state] of rows) {
      if (fact.kind === 'disposition' && state.pbxId !== '' && !onPbx(fact.event, state.pbxId)) continue;
      rows.set(queue, reduceCall(state, fact, { callId, queue }));
      this.dirtyRows.add(`${callId}\u0000${queue}`);
    }
    return true;
  }

  private async flush(checkpoints: readonly Checkpoint[]): Promise<void> {
    // Compressed on the thread pool while the rows are written (see encodeJournal).
    const journal = this.journaling && this.journal.length > 0 ? encodeJournal(this.journal) : undefined;
    // Not left unheard if a write fails first: the batch then fails with that write's error.
    journal?.catch(() => undefined);
    const disposed = [...this.dirtyDispositions.values()].map((event) => ({
      call_id: event.data.callId,
      pbx_id: event.data.pbxId ?? '',
      agent_id: event.data.agentId,
      event_json: JSON.stringify(event),
    }));
    await this.statements.dispositions.run(this.trx, this.engine, disposed);
    // PostgreSQL: before the rows locked by every batch (checkpoints, then the count rows that
    // call_report's triggers update), so they are held for as short as can be. SQLite locks the
    // whole database for the transaction anyway: there the journal comes last, compressed
    // meanwhile.
    if (this.engine === 'postgres') await this.writeJournal(journal);
    for (const c of checkpoints) {
      await this.trx
        .insertInto('projection_checkpoints')
        .values({ name: c.name, position: c.position })
        .onConflict((oc) => oc.column('name').doUpdateSet({ position: c.position }))
        .execute();
    }
    const columns = [...this.dirtyRows].map((k) => {
      const [callId = '', queue = ''] = k.split('\u0000');
      return rowColumns(this.rows.get(callId)?.get(queue) as CallState);
    });
    // Last on PostgreSQL: their triggers lock the count rows (call_totals), which every batch
    // with a new call needs, so they are held only for the commit.
    await this.statements.rows.run(this.trx, this.engine, columns);
    if (this.engine === 'sqlite') await this.writeJournal(journal);
  }

  private async writeJournal(events: Promise<Buffer> | undefined): Promise<void> {
    if (!events) return;
    await this.trx.insertInto('pbx_event_journal').values({ event_count: this.journal.length, events: await events }).execute();
  }
}
