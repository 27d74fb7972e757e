import { AGENT_EVENT_SCHEMA_VERSION, PBX_EVENT_SCHEMA_VERSION, type PbxEvent, type PbxEventBody } from '@switchboard/contracts';
import { CallReportProjection } from '../projection/call-report.projection';
import { CHECKPOINTS } from '../projection/projection-input';
import { CallQueryService } from '../query/call-query.service';
import { encodeCursor } from '../query/call-cursor';
import { cursor, text } from '../http/query-params';
import { reportStores, type TestReportStore } from '../testing/report-stores';
import { openReportDb, type ReportDb } from './open-report-db';

/**
 * Text as long as Asterisk lets it be. Caller ID name and number are free text from whoever
 * calls (a SIP display name, the dialplan); a uniqueid/linkedid takes up to 150 characters
 * (AST_MAX_UNIQUEID, with a systemname prefix); interface and queue names are the
 * administrator's. PostgreSQL refused such values in varchar(n) columns ("value too long"), and
 * the PBX consumer redelivered the call's events for ever, so the call never got its row.
 */
const long = (prefix: string, length: number) => `${prefix}${'x'.repeat(length - prefix.length)}`;
const linkedid = `${long('pbx-east-datacenter-', 138)}.1795335069`.slice(0, 150);
const caller = {
  channel: long('PJSIP/trunk-', 200),
  uniqueid: `${linkedid.slice(0, 148)}.2`,
  linkedid,
  callerIdNum: '0'.repeat(80),
  callerIdName: long('Customer ', 300),
};
const queue = long('support-', 150);
const memberInterface = long('Local/1001@agent-phones-', 300);
const stateInterface = long('PJSIP/desk-', 300);
const agentId = long('agent-', 100);
const member = { queue, interface: memberInterface, memberName: long('Agent ', 300), destChannel: `${memberInterface};1`, destUniqueid: `${linkedid.slice(0, 148)}.3` };

let seq = 0;
const pbx = (body: PbxEventBody, at: string): PbxEvent =>
  ({ ...body, metadata: { schemaVersion: PBX_EVENT_SCHEMA_VERSION, pbxId: long('pbx-', 100), connectionId: 'c', seq: ++seq, occurredAt: at } }) as PbxEvent;
const meta = (at: string) => ({ schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: at });

describe.each(reportStores)('text longer than the old column lengths on %s', (_name, openStore) => {
  let store: TestReportStore;
  let db: ReportDb;

  beforeEach(async () => {
    store = await openStore();
    db = await openReportDb(store.url);
  });

  afterEach(async () => {
    await db.destroy();
    await store.stop();
  });

  it('projects a call with a 300-character caller name and a 150-character linkedid, and reads it back', async () => {
    const projection = new CallReportProjection(db);
    const pbxId = long('pbx-', 100);
    // One batch, as the PBX consumer applies them: a batch that fails is split and retried
    // event by event, and each of these would fail alone for ever.
    await projection.applyBatch(
      [
        { source: 'pbx', event: pbx({ type: 'QueueMemberAdded', data: { queue, interface: memberInterface, memberName: member.memberName, stateInterface, membership: 'dynamic', penalty: 0, callsTaken: 0, inCall: false, status: 'not_in_use', paused: false, pausedReason: '' } }, '2026-11-22T08:00:00.000Z') },
        {
          source: 'agent',
          event: { type: 'AgentLoggedIn', data: { agentId, pbxId, queue, interface: memberInterface, stateInterface, memberName: member.memberName, via: 'feature-code', at: '2026-11-22T08:00:00.500Z', paused: false }, metadata: meta('2026-11-22T08:00:00.500Z') },
        },
        // Disposed before the call's rows exist: kept (call_dispositions_kept) until they do.
        { source: 'agent', event: { type: 'CallDisposed', data: { agentId, callId: linkedid, pbxId, code: long('code-', 255), note: long('note ', 2000), at: '2026-11-22T08:00:02.000Z' }, metadata: meta('2026-11-22T08:00:02.000Z') } },
        { source: 'pbx', event: pbx({ type: 'QueueCallerJoined', data: { ...caller, queue, position: 1, count: 1 } }, '2026-11-22T08:00:01.000Z') },
        { source: 'pbx', event: pbx({ type: 'AgentConnected', data: { ...caller, ...member, holdTimeSeconds: 2, ringTimeSeconds: 2 } }, '2026-11-22T08:00:03.000Z') },
        { source: 'pbx', event: pbx({ type: 'AgentCompleted', data: { ...caller, ...member, holdTimeSeconds: 2, talkTimeSeconds: 6, reason: 'agent' } }, '2026-11-22T08:00:09.000Z') },
      ],
      [
        { name: CHECKPOINTS.pbxEvents, position: String(seq) },
        { name: CHECKPOINTS.agentEvents, position: '2' },
      ],
    );

    const query = new CallQueryService(db);
    const page = await query.list({ limit: 10 });
    expect(page).toMatchObject({ total: 1, filtered: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      callId: linkedid,
      pbxId,
      queue,
      callerNumber: caller.callerIdNum,
      callerName: caller.callerIdName,
      phoneId: stateInterface,
      memberInterface,
      agentId,
      userId: agentId,
      attribution: 'agent',
      outcome: 'answered',
      talkSeconds: 6,
      disposition: { agentId, code: long('code-', 255), note: long('note ', 2000) },
    });
    // The filter columns hold the whole values: each long value finds the row.
    for (const filter of [{ queue }, { phoneId: stateInterface }, { agentId }, { userId: agentId, attribution: 'agent' as const }, { callerNumberPrefix: caller.callerIdNum }]) {
      expect((await query.list({ limit: 10, ...filter })).items.map((r) => r.callId)).toEqual([linkedid]);
    }
    expect((await query.agentCalls(agentId, 10, 0)).items.map((r) => r.callId)).toEqual([linkedid]);
    // The HTTP API takes them too: a page ending on this row gives a cursor it accepts back, and
    // the values pass as filters.
    const next = { sortAt: page.items[0]?.enteredAt ?? '', callId: linkedid, queue, order: 'desc' as const };
    expect(cursor.safeParse(encodeCursor(next))).toEqual({ success: true, data: next });
    for (const value of [queue, agentId, linkedid]) expect(text.safeParse(value).success).toBe(true);
  });
});
