import { callIdOf, reduceCall, rowKeyOf, type CallFact, type CallState } from '@switchboard/call-report';
import { sql } from 'kysely';
import { engineOf, rowColumns, syntheticStream, type ReportDb } from '@switchboard/reporting-service';

/** The facts of one call as the projection would hand them to the reducer (members resolved the
 *  way the recorded stream logs its agents in: Local/<ext>@agent-phones/n is SIP/<ext>, agent <ext>). */
function factOf(entry: ReturnType<typeof syntheticStream> extends Generator<infer E> ? E : never): CallFact | undefined {
  if (entry.source === 'agent') return entry.event.type === 'CallDisposed' ? { kind: 'disposition', event: entry.event } : undefined;
  const e = entry.event;
  switch (e.type) {
    case 'AgentConnected':
    case 'AgentRingNoAnswer': {
      const ext = /^Local\/(\w+)@/.exec(e.data.interface)?.[1] ?? '';
      return { kind: 'pbx', event: e, member: { stateInterface: `SIP/${ext}`, agentId: ext } };
    }
    case 'QueueCallerJoined':
    case 'QueueCallerLeft':
    case 'QueueCallerAbandoned':
    case 'AgentCalled':
    case 'AgentCompleted':
    case 'Hangup':
      return { kind: 'pbx', event: e };
    default:
      return undefined;
  }
}

/** The rows of one call: a row per queue its queue events name; hangups and dispositions go to
 *  every row of the call. */
function rowsOf(facts: readonly CallFact[]): CallState[] {
  const rows = new Map<string, CallState>();
  for (const f of facts) {
    const key = rowKeyOf(f);
    if (key.kind === 'row') rows.set(key.queue, reduceCall(rows.get(key.queue), f, key));
  }
  for (const f of facts) {
    if (rowKeyOf(f).kind === 'call') {
      for (const [queue, state] of rows) rows.set(queue, reduceCall(state, f, { callId: state.callId, queue }));
    }
  }
  return [...rows.values()];
}

/** The filled table's first call; syntheticStream gives each call a 2-minute slot after it. */
export const FILL_START_MS = Date.UTC(2026, 10, 2, 8);
export const FILL_SLOT_MS = 120_000;

/**
 * A time after every call of a table of `calls` rows filled here (a day after the last slot):
 * a stream started there has call ids (`<seconds of its start>.<n>`) none of the filled rows has.
 */
export function afterFilledTable(calls: number): number {
  return FILL_START_MS + calls * FILL_SLOT_MS + 86_400_000;
}

/**
 * Fills call_report with `calls` rows of the recorded stream, reduced here and written in large
 * multi-row inserts: a 1M-row table for the query and export benchmarks in about a minute,
 * where projecting the 7.4M events behind it would take several.
 */
export async function fillCallTable(db: ReportDb, calls: number): Promise<void> {
  let pending: ReturnType<typeof rowColumns>[] = [];
  const write = async () => {
    const rows = pending;
    pending = [];
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 400) await trx.insertInto('call_report').values(rows.slice(i, i + 400)).execute();
    });
  };
  let callId = '';
  let facts: CallFact[] = [];
  const flushCall = async () => {
    for (const state of rowsOf(facts)) pending.push(rowColumns(state));
    facts = [];
    if (pending.length >= 20_000) await write();
  };
  for (const entry of syntheticStream({ calls, seed: 8, startMs: FILL_START_MS })) {
    const fact = factOf(entry);
    if (!fact) continue;
    const id = callIdOf(fact);
    if (id !== callId) {
      await flushCall();
      callId = id;
    }
    facts.push(fact);
  }
  await flushCall();
  await write();
  // What autovacuum (PostgreSQL) would do to a table loaded in one go before anyone queries it:
  // planner statistics, and a visibility map so counts can read the indexes alone.
  await sql.raw(engineOf(db) === 'postgres' ? 'vacuum analyze call_report' : 'analyze').execute(db);
}
