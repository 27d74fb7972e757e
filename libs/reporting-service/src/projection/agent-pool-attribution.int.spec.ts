import { AGENT_EVENT_SCHEMA_VERSION, PBX_EVENT_SCHEMA_VERSION, type PbxEvent, type PbxEventBody } from '@switchboard/contracts';
import { reportStores, type TestReportStore } from '../testing/report-stores';
import { CallQueryService } from '../query/call-query.service';
import { openReportDb, type ReportDb } from '../store/open-report-db';
import { CallReportProjection } from './call-report.projection';

/*
 * A queue call answered by an app_agent_pool member: the row's phone is the device of the agent's
 * AgentLogin channel at the time (SIP/1002 here, the agent sat at another desk), not the member's
 * Agent:<id> state interface. AgentLogin/AgentLogoff carry the fields of the Asterisk 20 AMI event
 * docs (no capture has them: app_agent_pool was not built in the lab).
 */
let seq = 0;
function pbx(body: PbxEventBody, at: string): PbxEvent {
  return { ...body, metadata: { schemaVersion: PBX_EVENT_SCHEMA_VERSION, pbxId: 'pbx1', connectionId: 'c', seq: ++seq, occurredAt: at } } as PbxEvent;
}

const POOL_MEMBER = { queue: 'helpdesk', interface: 'Local/1001@agent-pool/n', memberName: 'Agent 1001' };
const memberData = { ...POOL_MEMBER, stateInterface: 'Agent:1001', membership: 'dynamic', penalty: 0, callsTaken: 0, inCall: false, status: 'unavailable' as const, paused: false, pausedReason: '' };
const seat = { channel: 'SIP/1002-00000007', uniqueid: '1795336000.21', linkedid: '1795336000.21', callerIdNum: '1002', callerIdName: 'Agent Two', agentId: '1001', device: 'SIP/1002' };

function caller(n: number) {
  return { channel: `Local/s@inbound-0000000${n};2`, uniqueid: `1795336100.${n}`, linkedid: `1795336100.${n}`, callerIdNum: '0612345678', callerIdName: 'Customer' };
}

describe.each(reportStores)('pool member attribution on %s', (_name, openStore) => {
  let db: ReportDb;
  let store: TestReportStore;
  let projection: CallReportProjection;
  let query: CallQueryService;

  beforeEach(async () => {
    store = await openStore();
    db = await openReportDb(store.url);
    projection = new CallReportProjection(db);
    query = new CallQueryService(db);
    await projection.applyPbxEvent(pbx({ type: 'QueueMemberAdded', data: memberData }, '2026-11-23T08:00:00.000Z'));
    await projection.applyAgentEvent({
      type: 'AgentLoggedIn',
      data: { agentId: '1001', pbxId: 'pbx1', queue: 'helpdesk', interface: POOL_MEMBER.interface, stateInterface: 'Agent:1001', memberName: 'Agent 1001', via: 'api', at: '2026-11-23T08:00:00.500Z', paused: false },
      metadata: { schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: '2026-11-23T08:00:00.500Z' },
    });
  });

  afterEach(async () => {
    await db.destroy();
    await store.stop();
  });

  async function answered(n: number, at: number): Promise<void> {
    const c = caller(n);
    const dest = { ...POOL_MEMBER, destChannel: `Local/1001@agent-pool-0000000${n};1`, destUniqueid: `1795336100.${n}0` };
    const time = (s: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, at + s)).toISOString();
    await projection.applyPbxEvent(pbx({ type: 'QueueCallerJoined', data: { ...c, queue: 'helpdesk', position: 1, count: 1 } }, time(0)));
    await projection.applyPbxEvent(pbx({ type: 'AgentConnected', data: { ...c, ...dest, holdTimeSeconds: 2, ringTimeSeconds: 1 } }, time(2)));
    await projection.applyPbxEvent(pbx({ type: 'AgentCompleted', data: { ...c, ...dest, holdTimeSeconds: 2, talkTimeSeconds: 5, reason: 'agent' } }, time(7)));
  }

  it('names the AgentLogin device as the phone while the agent sits in the pool, and the state interface after', async () => {
    await projection.applyPbxEvent(pbx({ type: 'AgentLogin', data: seat }, '2026-11-23T08:30:00.000Z'));
    await answered(1, 0);
    await projection.applyPbxEvent(pbx({ type: 'AgentLogoff', data: { ...seat, logintimeSeconds: 1900 } }, '2026-11-23T09:01:40.000Z'));
    await answered(2, 120);

    const rows = (await query.list({ limit: 10, offset: 0 })).items;
    const byCall = new Map(rows.map((r) => [r.callId, r]));
    expect(byCall.get(caller(1).linkedid)).toMatchObject({ memberInterface: POOL_MEMBER.interface, phoneId: 'SIP/1002', agentId: '1001', userId: 'SIP/1002', attribution: 'phone' });
    expect(byCall.get(caller(2).linkedid)).toMatchObject({ phoneId: 'Agent:1001', agentId: '1001' });
  });

  it('follows the agent to the desk of its latest AgentLogin', async () => {
    await projection.applyPbxEvent(pbx({ type: 'AgentLogin', data: seat }, '2026-11-23T08:30:00.000Z'));
    await projection.applyPbxEvent(pbx({ type: 'AgentLogoff', data: { ...seat, logintimeSeconds: 60 } }, '2026-11-23T08:31:00.000Z'));
    await projection.applyPbxEvent(pbx({ type: 'AgentLogin', data: { ...seat, channel: 'SIP/1003-00000009', device: 'SIP/1003' } }, '2026-11-23T08:32:00.000Z'));
    await answered(3, 0);
    expect((await query.list({ limit: 10, offset: 0 })).items[0]).toMatchObject({ phoneId: 'SIP/1003' });
  });
});
