import type { CallFact, MemberContext } from './call-fact';
import { foldCall } from './reduce-call';
import { toCallRow } from './to-row';
import { callEventOf, metadataAt } from './testing/ami-call-events';
import { expectOrderInsensitive } from './testing/order-insensitivity';

/*
 * A queue call answered by an app_agent_pool member. Asterisk 20 has no Agent/ channel: the member
 * is Local/1001@agent-pool/n, whose ;2 half runs AgentRequest(1001) and is bridged with the call
 * that sits in AgentLogin(), so AgentConnect names the member interface and the Local ;1 half
 * (DestChannel) and never the phone. The projection supplies that phone: the device of the AMI
 * AgentLogin channel when the call was answered (MemberContext.device). No capture has these
 * calls (app_agent_pool was not built in the lab); the headers are those of the captured Local
 * members with the pool's interface.
 */
const CALL = '1800000100.1';
const CALLER = { Channel: 'Local/s@inbound-00000001;2', Uniqueid: CALL, Linkedid: CALL, CallerIDNum: '0612345678', CallerIDName: 'Customer' };
const POOL_MEMBER = {
  Interface: 'Local/1001@agent-pool/n',
  MemberName: 'Agent 1001',
  DestChannel: 'Local/1001@agent-pool-00000004;1',
  DestUniqueid: '1800000100.5',
};
const t = (s: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, s)).toISOString();
const key = { callId: CALL, queue: 'helpdesk' };
/** Agent 1001 sits in AgentLogin() on a call from phone 1002 (another desk than its own line). */
const SEATED: MemberContext = { stateInterface: 'Agent:1001', agentId: '1001', device: 'SIP/1002' };

function fact(at: number, headers: Record<string, string>, member?: MemberContext): CallFact {
  const event = callEventOf({ ...CALLER, Queue: 'helpdesk', ...headers }, metadataAt(t(at), at));
  if (!event) throw new Error(`not a call event: ${headers['Event']}`);
  return event.type === 'AgentConnected' || event.type === 'AgentRingNoAnswer'
    ? { kind: 'pbx', event, ...(member ? { member } : {}) }
    : ({ kind: 'pbx', event } as CallFact);
}

const join = fact(0, { Event: 'QueueCallerJoin', Position: '1', Count: '1' });
const connect = (member?: MemberContext) => fact(4, { Event: 'AgentConnect', ...POOL_MEMBER, HoldTime: '4', RingTime: '1' }, member);
const complete = fact(40, { Event: 'AgentComplete', ...POOL_MEMBER, HoldTime: '4', TalkTime: '36', Reason: 'agent' });

describe('a call answered by an app_agent_pool member', () => {
  it('is the phone of the AgentLogin channel, not the Agent:<id> state interface nor the member', () => {
    expect(toCallRow(foldCall([join, connect(SEATED), complete], key))).toMatchObject({
      outcome: 'answered',
      memberInterface: 'Local/1001@agent-pool/n',
      phoneId: 'SIP/1002',
      agentId: '1001',
    });
    expectOrderInsensitive([join, connect(SEATED), complete], key, 100);
  });

  it('falls back to the state interface when no AgentLogin device was known', () => {
    const unseated: MemberContext = { stateInterface: 'Agent:1001', agentId: '1001' };
    expect(toCallRow(foldCall([join, connect(unseated), complete], key))).toMatchObject({ phoneId: 'Agent:1001' });
  });

  it('names the AgentLogin phone of a pooled member that rang without answering too', () => {
    const rna = fact(20, { Event: 'AgentRingNoAnswer', ...POOL_MEMBER, RingTime: '15000' }, SEATED);
    expect(foldCall([join, rna], key).ringNoAnswer).toEqual([
      { interface: 'Local/1001@agent-pool/n', at: t(20), phoneId: 'SIP/1002', ringMs: 15000 },
    ]);
  });
});
