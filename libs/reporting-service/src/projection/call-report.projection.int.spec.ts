import { PBX_EVENT_SCHEMA_VERSION, AGENT_EVENT_SCHEMA_VERSION, type PbxEvent, type PbxEventBody } from '@switchboard/contracts';
import { sql } from 'kysely';
import { decodeJournal } from '../store/journal-codec';
import { reportStores, type TestReportStore } from '../testing/report-stores';
import { openReportDb, type ReportDb } from '../store/open-report-db';
import { CallQueryService } from '../query/call-query.service';
import { CallReportProjection } from './call-report.projection';

let seq = 0;
function pbx(body: PbxEventBody, at: string): PbxEvent {
  return {
    ...body,
    metadata: { schemaVersion: PBX_EVENT_SCHEMA_VERSION, pbxId: 'pbx1', connectionId: 'c', seq: ++seq, occurredAt: at },
  } as PbxEvent;
}

const caller = { channel: 'Local/s@inbound-00000007;2', uniqueid: '1795335069.15', linkedid: '1795335069.14', callerIdNum: '0612345678', callerIdName: 'Customer' };
const member = { queue: 'helpdesk', interface: 'Local/1001@agent-phones/n', memberName: 'Agent 1001', destChannel: 'Local/1001@agent-phones-00000008;1', destUniqueid: '1795335069.16' };
const memberData = { queue: 'helpdesk', interface: 'Local/1001@agent-phones/n', memberName: 'Agent 1001', stateInterface: 'SIP/1001', membership: 'dynamic', penalty: 0, callsTaken: 0, inCall: false, status: 'not_in_use' as const, paused: false, pausedReason: '' };

describe.each(reportStores)('CallReportProjection on %s', (_name, openStore) => {
  let db: ReportDb;
  let store: TestReportStore;
  let projection: CallReportProjection;
  let query: CallQueryService;

  beforeEach(async () => {
    store = await openStore();
    db = await openReportDb(store.url);
    projection = new CallReportProjection(db);
    query = new CallQueryService(db);
  });

  afterEach(async () => {
    await db.destroy();
    await store.stop();
  });

  async function answeredCall(): Promise<void> {
    await projection.applyPbxEvent(pbx({ type: 'QueueMemberAdded', data: memberData }, '2026-11-22T08:00:00.000Z'));
    await projection.applyAgentEvent({
      type: 'AgentLoggedIn',
      data: { agentId: '1001', pbxId: 'pbx1', queue: 'helpdesk', interface: 'Local/1001@agent-phones/n', stateInterface: 'SIP/1001', memberName: 'Agent 1001', via: 'feature-code', at: '2026-11-22T08:00:00.500Z', paused: false },
      metadata: { schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: '2026-11-22T08:00:00.500Z' },
    });
    await projection.applyPbxEvent(pbx({ type: 'QueueCallerJoined', data: { ...caller, queue: 'helpdesk', position: 1, count: 1 } }, '2026-11-22T08:00:01.000Z'));
    await projection.applyPbxEvent(pbx({ type: 'AgentConnected', data: { ...caller, ...member, holdTimeSeconds: 2, ringTimeSeconds: 2 } }, '2026-11-22T08:00:03.000Z'));
    await projection.applyPbxEvent(pbx({ type: 'AgentCompleted', data: { ...caller, ...member, holdTimeSeconds: 2, talkTimeSeconds: 6, reason: 'agent' } }, '2026-11-22T08:00:09.000Z'));
  }

  const dispose = (at: string) =>
    projection.applyDisposition({
      type: 'CallDisposed',
      data: { agentId: '1001', callId: caller.linkedid, code: 'resolved', at },
      metadata: { schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: at },
    });

  it('writes one row per call and queue, with the phone behind the member and the agent on it', async () => {
    await answeredCall();
    const page = await query.list({ limit: 10, offset: 0 });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ callId: caller.linkedid, phoneId: 'SIP/1001', agentId: '1001', attribution: 'phone', userId: 'SIP/1001', talkSeconds: 6 });
    expect((await query.agentCalls('1001', 10, 0)).total).toBe(0);
  });

  it('attributes a disposed call to the agent, whether the disposition comes before or after the call', async () => {
    await dispose('2026-11-22T08:00:02.000Z');
    await answeredCall();
    const mine = await query.agentCalls('1001', 10, 0);
    expect(mine.items.map((c) => [c.callId, c.userId, c.attribution])).toEqual([[caller.linkedid, '1001', 'agent']]);
  });

  it('gives the call the agent on the phone when it was answered, even when the answer is applied after the logout', async () => {
    const session = { agentId: '1001', pbxId: 'pbx1', queue: 'helpdesk', interface: 'Local/1001@agent-phones/n', via: 'feature-code' as const };
    const meta = (at: string) => ({ schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: at });
    await projection.applyPbxEvent(pbx({ type: 'QueueMemberAdded', data: memberData }, '2026-11-22T08:00:00.000Z'));
    await projection.applyAgentEvent({ type: 'AgentLoggedIn', data: { ...session, stateInterface: 'SIP/1001', memberName: 'Agent 1001', at: '2026-11-22T08:00:00.500Z', paused: false }, metadata: meta('2026-11-22T08:00:00.500Z') });
    await projection.applyPbxEvent(pbx({ type: 'QueueCallerJoined', data: { ...caller, queue: 'helpdesk', position: 1, count: 1 } }, '2026-11-22T08:00:01.000Z'));
    // The agent hangs up and logs out; the answer (its first delivery failed alone) comes back after.
    await projection.applyAgentEvent({ type: 'AgentLoggedOut', data: { ...session, reason: 'requested', at: '2026-11-22T08:00:20.000Z' }, metadata: meta('2026-11-22T08:00:20.000Z') });
    await projection.applyPbxEvent(pbx({ type: 'AgentCompleted', data: { ...caller, ...member, holdTimeSeconds: 2, talkTimeSeconds: 6, reason: 'agent' } }, '2026-11-22T08:00:09.000Z'));
    await projection.applyPbxEvent(pbx({ type: 'AgentConnected', data: { ...caller, ...member, holdTimeSeconds: 2, ringTimeSeconds: 2 } }, '2026-11-22T08:00:03.000Z'));
    const [row] = (await query.list({ limit: 10 })).items;
    expect(row).toMatchObject({ phoneId: 'SIP/1001', agentId: '1001', attribution: 'phone' });

    // A call answered on that phone after the logout has no agent.
    const later = { ...caller, uniqueid: '1795335169.21', linkedid: '1795335169.20' };
    await projection.applyPbxEvent(pbx({ type: 'QueueCallerJoined', data: { ...later, queue: 'helpdesk', position: 1, count: 1 } }, '2026-11-22T08:01:00.000Z'));
    await projection.applyPbxEvent(pbx({ type: 'AgentConnected', data: { ...later, ...member, holdTimeSeconds: 2, ringTimeSeconds: 2 } }, '2026-11-22T08:01:02.000Z'));
    const rows = (await query.list({ limit: 10 })).items;
    expect(rows.map((r) => [r.callId, r.agentId])).toEqual([
      [later.linkedid, null],
      [caller.linkedid, '1001'],
    ]);
  });

  it('gives calls already projected the agent of a login or logout applied after them (the event store followed late)', async () => {
    const session = { agentId: '1001', pbxId: 'pbx1', queue: 'helpdesk', interface: 'Local/1001@agent-phones/n', via: 'feature-code' as const };
    const meta = (at: string) => ({ schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: at });
    const login = { type: 'AgentLoggedIn', data: { ...session, stateInterface: 'SIP/1001', memberName: 'Agent 1001', at: '2026-11-22T08:00:00.500Z', paused: false }, metadata: meta('2026-11-22T08:00:00.500Z') } as const;
    const logout = { type: 'AgentLoggedOut', data: { ...session, reason: 'requested', at: '2026-11-22T08:00:20.000Z' }, metadata: meta('2026-11-22T08:00:20.000Z') } as const;
    const early = { ...caller, uniqueid: '1795335000.2', linkedid: '1795335000.1' };
    const later = { ...caller, uniqueid: '1795335169.21', linkedid: '1795335169.20' };
    const answered = (c: typeof caller, joined: string, at: string) => [
      pbx({ type: 'QueueCallerJoined', data: { ...c, queue: 'helpdesk', position: 1, count: 1 } }, joined),
      pbx({ type: 'AgentConnected', data: { ...c, ...member, holdTimeSeconds: 2, ringTimeSeconds: 2 } }, at),
    ];
    const agents = async () => Object.fromEntries((await query.list({ limit: 10 })).items.map((r) => [r.callId, r.agentId]));

    // Every PBX event first: a call answered before the login, one during the session (it waited
    // in the queue from before the login), one after the logout.
    await projection.applyPbxEvent(pbx({ type: 'QueueMemberAdded', data: memberData }, '2026-11-22T07:59:00.000Z'));
    for (const event of [...answered(early, '2026-11-22T07:59:58.000Z', '2026-11-22T08:00:00.000Z'), ...answered(caller, '2026-11-22T07:59:59.000Z', '2026-11-22T08:00:03.000Z'), ...answered(later, '2026-11-22T08:01:00.000Z', '2026-11-22T08:01:02.000Z')]) {
      await projection.applyPbxEvent(event);
    }
    expect(await agents()).toEqual({ [early.linkedid]: null, [caller.linkedid]: null, [later.linkedid]: null });

    await projection.applyAgentEvent(login);
    expect(await agents()).toEqual({ [early.linkedid]: null, [caller.linkedid]: '1001', [later.linkedid]: '1001' });
    await projection.applyAgentEvent(logout);
    expect(await agents()).toEqual({ [early.linkedid]: null, [caller.linkedid]: '1001', [later.linkedid]: null });
    // Redelivered, they change nothing.
    await projection.applyBatch([{ source: 'agent', event: login }, { source: 'agent', event: logout }]);
    expect(await agents()).toEqual({ [early.linkedid]: null, [caller.linkedid]: '1001', [later.linkedid]: null });
  });

  it('gives a call the agent of a login that comes after its answer in the same batch', async () => {
    const meta = (at: string) => ({ schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: at });
    await projection.applyBatch([
      { source: 'pbx', event: pbx({ type: 'QueueMemberAdded', data: memberData }, '2026-11-22T07:59:00.000Z') },
      { source: 'pbx', event: pbx({ type: 'QueueCallerJoined', data: { ...caller, queue: 'helpdesk', position: 1, count: 1 } }, '2026-11-22T08:00:01.000Z') },
      { source: 'pbx', event: pbx({ type: 'AgentConnected', data: { ...caller, ...member, holdTimeSeconds: 2, ringTimeSeconds: 2 } }, '2026-11-22T08:00:03.000Z') },
      {
        source: 'agent',
        event: {
          type: 'AgentLoggedIn',
          data: { agentId: '1001', pbxId: 'pbx1', queue: 'helpdesk', interface: 'Local/1001@agent-phones/n', via: 'feature-code', stateInterface: 'SIP/1001', memberName: 'Agent 1001', at: '2026-11-22T08:00:00.500Z', paused: false },
          metadata: meta('2026-11-22T08:00:00.500Z'),
        },
      },
    ]);
    expect((await query.list({ limit: 10 })).items.map((r) => [r.callId, r.agentId])).toEqual([[caller.linkedid, '1001']]);
  });

  it('attributes a disposition naming a PBX only to that PBX’s call with that id', async () => {
    const disposeOn = (pbxId: string, at: string) =>
      projection.applyDisposition({
        type: 'CallDisposed',
        data: { agentId: '1001', callId: caller.linkedid, pbxId, code: 'resolved', at },
        metadata: { schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: at },
      });
    // Before the call (kept for the row to come) and after it: another PBX's call with the same id.
    await disposeOn('pbx2', '2026-11-22T08:00:02.000Z');
    await answeredCall();
    await disposeOn('pbx2', '2026-11-22T08:00:12.000Z');
    expect((await query.list({ limit: 10 })).items[0]).toMatchObject({ pbxId: 'pbx1', attribution: 'phone', disposition: null });
    await disposeOn('pbx1', '2026-11-22T08:00:13.000Z');
    expect((await query.list({ limit: 10 })).items[0]).toMatchObject({ pbxId: 'pbx1', attribution: 'agent', userId: '1001' });
  });

  it('keeps each PBX’s disposition of one call id until that PBX’s row exists', async () => {
    const disposeOn = (pbxId: string, code: string, at: string) =>
      projection.applyDisposition({
        type: 'CallDisposed',
        data: { agentId: '1001', callId: caller.linkedid, pbxId, code, at },
        metadata: { schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: at },
      });
    const onPbx2 = (event: PbxEvent): PbxEvent => ({ ...event, metadata: { ...event.metadata, pbxId: 'pbx2' } }) as PbxEvent;
    // Both before any row; pbx2's is the later one.
    await disposeOn('pbx1', 'resolved', '2026-11-22T08:00:02.000Z');
    await disposeOn('pbx2', 'callback', '2026-11-22T08:00:04.000Z');
    await answeredCall();
    await projection.applyPbxEvent(onPbx2(pbx({ type: 'QueueCallerJoined', data: { ...caller, queue: 'sales', position: 1, count: 1 } }, '2026-11-22T08:00:01.000Z')));
    await projection.applyPbxEvent(onPbx2(pbx({ type: 'AgentConnected', data: { ...caller, ...member, queue: 'sales', holdTimeSeconds: 2, ringTimeSeconds: 2 } }, '2026-11-22T08:00:03.000Z')));
    const rows = (await query.list({ limit: 10 })).items.map((r) => [r.pbxId, r.queue, r.attribution, r.disposition?.code]);
    expect(rows.sort()).toEqual([
      ['pbx1', 'helpdesk', 'agent', 'resolved'],
      ['pbx2', 'sales', 'agent', 'callback'],
    ]);
  });

  it('changes nothing when an event is applied twice (redelivery)', async () => {
    await answeredCall();
    const before = await query.list({ limit: 10, offset: 0 });
    await answeredCall();
    await dispose('2026-11-22T08:00:10.000Z');
    await dispose('2026-11-22T08:00:10.000Z');
    const after = await query.list({ limit: 10, offset: 0 });
    expect(after.total).toBe(1);
    expect({ ...after.items[0], attribution: 'phone', attributionSource: 'phone', userId: 'SIP/1001', disposition: null, dispositionAt: null }).toEqual(before.items[0]);
  });

  it('filters by queue, outcome, user and time', async () => {
    await answeredCall();
    expect(await query.list({ queue: 'sales', limit: 10, offset: 0 })).toMatchObject({ total: 1, filtered: 0, items: [] });
    expect((await query.list({ outcome: 'answered', userId: 'SIP/1001', limit: 10, offset: 0 })).filtered).toBe(1);
    expect((await query.list({ from: '2026-11-22T08:00:05.000Z', limit: 10, offset: 0 })).filtered).toBe(0);
    expect((await query.list({ until: '2026-11-22T08:00:05.000Z', limit: 10, offset: 0 })).filtered).toBe(1);
  });

  it('reports a call its agent transferred from the handset as transferred: talk until the transfer, the transfer journaled', async () => {
    // queue-call-transfer's call 2: BlindTransfer of the agent's own SIP channel. The queue's bridge
    // stays up, so AgentComplete comes when the target hangs up, says agent, and counts its talk.
    const journaled = async () =>
      (await sql<{ events: Uint8Array }>`select events from pbx_event_journal order by id`.execute(db)).rows.flatMap((r) => decodeJournal(r.events).map((e) => e.type));
    const side = (channel: string, uniqueid: string, linkedid = caller.linkedid) => ({ channel, uniqueid, linkedid, device: channel.replace(/-[0-9a-f]+(;[12])?$/, '') });
    const transfer = (result: string, linkedid = caller.linkedid) =>
      pbx(
        {
          type: 'CallTransferred',
          data: {
            kind: 'blind',
            result,
            transferer: side('SIP/1001-00000006', '1795335069.18', linkedid),
            transferee: side('Local/1001@agent-phones-00000008;2', '1795335069.17', linkedid),
            isExternal: true,
            context: 'transfer-target',
            exten: '1003',
          },
        },
        '2026-11-22T08:00:06.000Z',
      );
    // A transfer of a call with no row (it overtook them on a redelivery): nothing to apply to.
    await projection.applyPbxEvent(transfer('Success', '1795339999.1'));
    await projection.applyPbxEvent(pbx({ type: 'QueueMemberAdded', data: memberData }, '2026-11-22T08:00:00.000Z'));
    await projection.applyPbxEvent(pbx({ type: 'QueueCallerJoined', data: { ...caller, queue: 'helpdesk', position: 1, count: 1 } }, '2026-11-22T08:00:01.000Z'));
    await projection.applyPbxEvent(pbx({ type: 'AgentConnected', data: { ...caller, ...member, holdTimeSeconds: 2, ringTimeSeconds: 2 } }, '2026-11-22T08:00:03.000Z'));
    // A failed attempt first: it moved nobody.
    await projection.applyPbxEvent(transfer('Not Permitted'));
    expect((await query.list({ limit: 10 })).items[0]).toMatchObject({ outcome: 'answered', hangupBy: null });
    await projection.applyPbxEvent(transfer('Success'));
    await projection.applyPbxEvent(pbx({ type: 'AgentCompleted', data: { ...caller, ...member, holdTimeSeconds: 2, talkTimeSeconds: 17, reason: 'agent' } }, '2026-11-22T08:00:20.000Z'));
    const expected = { callId: caller.linkedid, outcome: 'transferred', hangupBy: 'transfer', talkSeconds: 3, answeredAt: '2026-11-22T08:00:03.000Z', endedAt: '2026-11-22T08:00:06.000Z', phoneId: 'SIP/1001' };
    const page = await query.list({ outcome: 'transferred', limit: 10 });
    expect(page).toMatchObject({ total: 1, filtered: 1 });
    expect(page.items[0]).toMatchObject(expected);
    // Journaled where it changed a row (so a rebuild replays it); not the failed one, not the one without rows.
    expect((await journaled()).filter((type) => type === 'CallTransferred')).toHaveLength(1);
    // Redelivered, it changes nothing.
    await projection.applyPbxEvent(transfer('Success'));
    expect((await query.list({ limit: 10 })).items).toEqual(page.items);
  });
});
