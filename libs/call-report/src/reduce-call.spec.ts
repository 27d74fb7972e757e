import type { CallDisposed } from '@switchboard/contracts';
import type { CallFact } from './call-fact';
import { rowKeyOf } from './call-fact';
import { emptyCallState, type CallState } from './call-state';
import { foldCall, laterDisposition, reduceCall } from './reduce-call';
import { toCallRow } from './to-row';
import { callEventOf, metadataAt } from './testing/ami-call-events';
import { disposition } from './testing/capture-facts';
import { expectOrderInsensitive } from './testing/order-insensitivity';

const CALL = '1800000000.1';
const CALLER = {
  Channel: 'SIP/trunk-00000001',
  Uniqueid: CALL,
  Linkedid: CALL,
  CallerIDNum: '0611111111',
  CallerIDName: 'Customer',
};
const MEMBER = {
  Interface: 'Local/1001@agent-phones/n',
  MemberName: 'Agent 1001',
  DestChannel: 'Local/1001@agent-phones-00000001;1',
  DestUniqueid: '1800000000.2',
};
const t = (s: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, s)).toISOString();

/** A fact from AMI headers, as the gateway would type it. */
function fact(
  at: number,
  headers: Record<string, string>,
  member?: { stateInterface: string; agentId: string | null },
): CallFact {
  const event = callEventOf(headers, metadataAt(t(at)));
  if (!event) throw new Error(`not a call event: ${headers['Event']}`);
  return event.type === 'AgentConnected' || event.type === 'AgentRingNoAnswer'
    ? { kind: 'pbx', event, ...(member ? { member } : {}) }
    : ({ kind: 'pbx', event } as CallFact);
}

const join = (queue = 'helpdesk', at = 0) =>
  fact(at, { Event: 'QueueCallerJoin', ...CALLER, Queue: queue, Position: '1', Count: '1' });
const leave = (queue = 'helpdesk', at = 30) =>
  fact(at, { Event: 'QueueCallerLeave', ...CALLER, Queue: queue, Position: '1', Count: '0' });
const connect = (member?: { stateInterface: string; agentId: string | null }, queue = 'helpdesk') =>
  fact(
    5,
    { Event: 'AgentConnect', ...CALLER, ...MEMBER, Queue: queue, HoldTime: '5', RingTime: '2' },
    member,
  );
const complete = (reason = 'caller', queue = 'helpdesk') =>
  fact(65, {
    Event: 'AgentComplete',
    ...CALLER,
    ...MEMBER,
    Queue: queue,
    HoldTime: '5',
    TalkTime: '60',
    Reason: reason,
  });
const agentLegHangup = fact(64, {
  Event: 'Hangup',
  Channel: 'SIP/1001-00000001',
  Uniqueid: '1800000000.3',
  Linkedid: CALL,
  CallerIDNum: '1001',
  CallerIDName: 'Agent One',
  Cause: '16',
});
const callerHangup = fact(66, { Event: 'Hangup', ...CALLER, Cause: '16' });
const ringNoAnswer = (
  iface: string,
  at: number,
  member?: { stateInterface: string; agentId: string | null },
) =>
  fact(
    at,
    {
      Event: 'AgentRingNoAnswer',
      ...CALLER,
      ...MEMBER,
      Interface: iface,
      Queue: 'helpdesk',
      RingTime: '15000',
    },
    member,
  );
const key = { callId: CALL, queue: 'helpdesk' };

describe('rowKeyOf', () => {
  it('sends queue events to their row, hangups and dispositions to every row of the call', () => {
    expect(rowKeyOf(join())).toEqual({ kind: 'row', callId: CALL, queue: 'helpdesk' });
    expect(rowKeyOf(callerHangup)).toEqual({ kind: 'call', callId: CALL });
    expect(rowKeyOf(disposition(CALL, '1001', t(90)))).toEqual({ kind: 'call', callId: CALL });
  });
});

describe('call row rules', () => {
  it('names the phone by the member interface when the projection has no member context', () => {
    expect(toCallRow(foldCall([join(), connect()], key))).toMatchObject({
      phoneId: 'Local/1001@agent-phones/n',
      agentId: null,
      attribution: 'phone',
      userId: 'Local/1001@agent-phones/n',
    });
  });

  it('counts a call answered on AgentComplete alone, should the AgentConnect be lost', () => {
    expect(toCallRow(foldCall([join(), complete()], key))).toMatchObject({
      outcome: 'answered',
      answeredAt: t(5),
      endedAt: t(65),
      talkSeconds: 60,
      hangupBy: 'caller',
      attribution: 'none',
    });
  });

  it('ends a connected call at the caller’s hangup, not an agent leg’s, when AgentComplete is missing', () => {
    const facts = [
      join(),
      connect({ stateInterface: 'SIP/1001', agentId: '1001' }),
      agentLegHangup,
      callerHangup,
    ];
    expect(toCallRow(foldCall(facts, key))).toMatchObject({
      outcome: 'answered',
      endedAt: t(66),
      hangupBy: null,
    });
    expectOrderInsensitive(facts, key, 100);
  });

  it('counts the answering agent’s latest disposition, whichever arrives first; another agent’s does not claim the call', () => {
    const facts = [
      join(),
      connect({ stateInterface: 'SIP/1001', agentId: '1001' }),
      complete(),
      disposition(CALL, '1001', t(90), 'callback'),
      disposition(CALL, '1001', t(95), 'sale'),
      // An agent who did not take the call, later still.
      disposition(CALL, '1002', t(99), 'claimed'),
    ];
    expect(toCallRow(foldCall(facts, key))).toMatchObject({
      attribution: 'agent',
      userId: '1001',
      disposition: { agentId: '1001', code: 'sale' },
    });
    expectOrderInsensitive(facts, key, 100);
    // Disposed by another agent only: the phone's call.
    const notMine = [join(), connect({ stateInterface: 'SIP/1001', agentId: '1001' }), complete(), disposition(CALL, '1002', t(99), 'claimed')];
    expect(toCallRow(foldCall(notMine, key))).toMatchObject({ attribution: 'phone', userId: 'SIP/1001', disposition: null });
  });

  it('counts the latest disposition of any agent when nobody was known to be logged in on the phone', () => {
    const facts = [
      join(),
      connect({ stateInterface: 'SIP/1001', agentId: null }),
      complete(),
      disposition(CALL, '1001', t(90), 'callback'),
      disposition(CALL, '1002', t(95), 'sale'),
    ];
    expect(toCallRow(foldCall(facts, key))).toMatchObject({ attribution: 'agent', userId: '1002', disposition: { code: 'sale' } });
    expectOrderInsensitive(facts, key, 100);
  });

  it('keeps every ring without answer once, sorted, with the phone and the ring time', () => {
    const a = ringNoAnswer('Local/1002@agent-phones/n', 20, { stateInterface: 'SIP/1002', agentId: '1002' });
    const b = ringNoAnswer('Local/1001@agent-phones/n', 20);
    const c = ringNoAnswer('Local/1001@agent-phones/n', 3, { stateInterface: 'SIP/1001', agentId: null });
    const state = foldCall([a, b, a, c], key);
    expect(state.ringNoAnswer).toEqual([
      { interface: 'Local/1001@agent-phones/n', at: t(3), phoneId: 'SIP/1001', ringMs: 15000 },
      { interface: 'Local/1001@agent-phones/n', at: t(20), phoneId: 'Local/1001@agent-phones/n', ringMs: 15000 },
      { interface: 'Local/1002@agent-phones/n', at: t(20), phoneId: 'SIP/1002', ringMs: 15000 },
    ]);
    expect(toCallRow(state)).toMatchObject({
      ringNoAnswerCount: 3,
      ringNoAnswer: [
        { memberInterface: 'Local/1001@agent-phones/n', phoneId: 'SIP/1001', ringMs: 15000, at: t(3) },
        expect.objectContaining({ at: t(20), memberInterface: 'Local/1001@agent-phones/n' }),
        expect.objectContaining({ at: t(20), phoneId: 'SIP/1002' }),
      ],
    });
    expectOrderInsensitive([a, b, c, join()], key, 100);
  });

  it('counts one ring without answer once, however its redeliveries resolved the phone', () => {
    const resolved = ringNoAnswer('Local/1001@agent-phones/n', 20, { stateInterface: 'SIP/1001', agentId: '1001' });
    const unresolved = ringNoAnswer('Local/1001@agent-phones/n', 20);
    expect(toCallRow(foldCall([join(), resolved, unresolved], key)).ringNoAnswerCount).toBe(1);
    expectOrderInsensitive([join(), resolved, unresolved], key, 100);
  });

  it('reports a caller the queue let go unanswered as a timeout, ended when it left', () => {
    const facts = [join('helpdesk', 0), ringNoAnswer('Local/1001@agent-phones/n', 15), leave('helpdesk', 30)];
    expect(toCallRow(foldCall(facts, key))).toMatchObject({
      outcome: 'timeout',
      endedAt: t(30),
      waitSeconds: 30,
      hangupBy: null,
      attribution: 'none',
      attributionSource: 'none',
      ringNoAnswerCount: 1,
    });
    expectOrderInsensitive(facts, key, 100);
  });

  it('reports a call transferred out of the queue’s bridge as transferred, answered first', () => {
    const facts = [join(), connect({ stateInterface: 'SIP/1001', agentId: '1001' }), complete('transfer')];
    expect(toCallRow(foldCall(facts, key))).toMatchObject({
      outcome: 'transferred',
      hangupBy: 'transfer',
      answeredAt: t(5),
      ringSeconds: 2,
      attribution: 'phone',
    });
  });

  it('refuses a fact of another call or another queue rather than mixing it in', () => {
    expect(() =>
      reduceCall(emptyCallState('other', 'helpdesk'), join(), {
        callId: 'other',
        queue: 'helpdesk',
      }),
    ).toThrow(/applied to row other\/helpdesk/);
    expect(() => reduceCall(foldCall([join()], key), join('sales'), key)).toThrow(
      /1800000000.1\/sales/,
    );
  });
});

describe('a caller who enters the same queue twice (dialplan loops back into Queue)', () => {
  const renamed = { ...CALLER, CallerIDName: 'Customer (VIP)' };
  const facts = [
    join('helpdesk', 0),
    fact(20, {
      Event: 'QueueCallerAbandon',
      ...CALLER,
      Queue: 'helpdesk',
      Position: '1',
      OriginalPosition: '1',
      HoldTime: '20',
    }),
    fact(40, {
      Event: 'QueueCallerJoin',
      ...renamed,
      Queue: 'helpdesk',
      Position: '1',
      Count: '1',
    }),
    fact(
      45,
      {
        Event: 'AgentConnect',
        ...renamed,
        ...MEMBER,
        Queue: 'helpdesk',
        HoldTime: '5',
        RingTime: '2',
      },
      { stateInterface: 'SIP/1001', agentId: '1001' },
    ),
    fact(
      50,
      {
        Event: 'AgentConnect',
        ...renamed,
        ...MEMBER,
        Interface: 'Local/1002@agent-phones/n',
        Queue: 'helpdesk',
        HoldTime: '10',
        RingTime: '2',
      },
      { stateInterface: 'SIP/1002', agentId: '1002' },
    ),
  ];

  it('keeps the first entry, the first caller id and the first answer; answered wins over the earlier abandon', () => {
    expect(toCallRow(foldCall(facts, key))).toMatchObject({
      enteredAt: t(0),
      callerName: 'Customer',
      answeredAt: t(45),
      phoneId: 'SIP/1001',
      waitSeconds: 5,
      outcome: 'answered',
      // Still talking: the abandon of the first entry neither ends the call nor blames the caller.
      endedAt: null,
      hangupBy: null,
    });
    expectOrderInsensitive(facts, key, 100);
  });
});

describe('observations with the same time', () => {
  it('resolve ties by content, never by arrival: two member contexts for one AgentConnect', () => {
    const resolvedThen = connect({ stateInterface: 'SIP/1001', agentId: '1001' });
    const resolvedOnRedelivery = connect({ stateInterface: 'SIP/1001', agentId: null });
    expectOrderInsensitive([join(), resolvedThen, resolvedOnRedelivery], key, 100);
  });

  it('resolve ties by content: two dispositions at the same time', () => {
    const facts = [
      join(),
      connect({ stateInterface: 'SIP/1001', agentId: '1001' }),
      disposition(CALL, '1001', t(90), 'a'),
      disposition(CALL, '1002', t(90), 'b'),
    ];
    expectOrderInsensitive(facts, key, 100);
  });

  it('keep the earliest hangup of a channel', () => {
    const late = fact(70, { Event: 'Hangup', ...CALLER, Cause: '16' });
    expect(foldCall([late, callerHangup], key).hangups).toEqual({ [CALL]: t(66) });
  });
});

describe('a call through two queues (left helpdesk unanswered, answered in sales)', () => {
  const facts = [
    join('helpdesk', 0),
    leave('helpdesk', 30),
    join('sales', 31),
    leave('sales', 34),
    connect({ stateInterface: 'SIP/1001', agentId: '1001' }, 'sales'),
    complete('agent', 'sales'),
    callerHangup,
    disposition(CALL, '1001', t(90)),
  ];

  it('gives the disposition to the answered row only', () => {
    const sales = toCallRow(foldCall(facts, { callId: CALL, queue: 'sales' }));
    const helpdesk = toCallRow(foldCall(facts, { callId: CALL, queue: 'helpdesk' }));
    expect(sales).toMatchObject({
      outcome: 'answered',
      attribution: 'agent',
      userId: '1001',
      enteredAt: t(31),
    });
    expect(helpdesk).toMatchObject({
      outcome: 'timeout',
      endedAt: t(30),
      attribution: 'none',
      userId: null,
      disposition: null,
      enteredAt: t(0),
    });
  });

  it('is order-insensitive for both rows', () => {
    expectOrderInsensitive(facts, { callId: CALL, queue: 'helpdesk' }, 100);
    expectOrderInsensitive(facts, { callId: CALL, queue: 'sales' }, 100);
  });
});

describe('a call answered in two queues (1001 in helpdesk transfers it to sales, 1002 answers there), both agents dispose', () => {
  const facts = [
    join('helpdesk', 0),
    leave('helpdesk', 4),
    connect({ stateInterface: 'SIP/1001', agentId: '1001' }, 'helpdesk'),
    complete('transfer', 'helpdesk'),
    join('sales', 40),
    leave('sales', 44),
    connect({ stateInterface: 'SIP/1002', agentId: '1002' }, 'sales'),
    complete('agent', 'sales'),
    disposition(CALL, '1001', t(70), 'transferred-to-sales'),
    disposition(CALL, '1002', t(95), 'sale'),
  ];

  it('gives each row its own agent’s disposition, in any order', () => {
    expect(toCallRow(foldCall(facts, { callId: CALL, queue: 'helpdesk' }))).toMatchObject({ attribution: 'agent', userId: '1001', disposition: { code: 'transferred-to-sales' } });
    expect(toCallRow(foldCall(facts, { callId: CALL, queue: 'sales' }))).toMatchObject({ attribution: 'agent', userId: '1002', disposition: { code: 'sale' } });
    expectOrderInsensitive(facts, { callId: CALL, queue: 'helpdesk' }, 100);
    expectOrderInsensitive(facts, { callId: CALL, queue: 'sales' }, 100);
  });
});

/** A BlindTransfer as Asterisk 20 sends it (the queue-call-transfer capture's fields). */
function blindTransfer(at: number, transferer: { channel: string; uniqueid: string }, result = 'Success'): CallFact {
  return fact(at, {
    Event: 'BlindTransfer',
    Result: result,
    TransfererChannel: transferer.channel,
    TransfererUniqueid: transferer.uniqueid,
    TransfererLinkedid: CALL,
    TransfereeChannel: 'Local/1001@agent-phones-00000001;2',
    TransfereeUniqueid: '1800000000.9',
    TransfereeLinkedid: CALL,
    IsExternal: 'Yes',
    Context: 'transfer-target',
    Extension: '1003',
  });
}
const handset = { channel: 'SIP/1001-00000006', uniqueid: '1800000000.4' };
const memberLeg = { channel: MEMBER.DestChannel, uniqueid: MEMBER.DestUniqueid };
const callerLeg = { channel: CALLER.Channel, uniqueid: CALLER.Uniqueid };

describe('transfers of a call (BlindTransfer, AttendedTransfer)', () => {
  const answered = [join(), connect({ stateInterface: 'SIP/1001', agentId: '1001' })];

  it('a transfer from the agent’s handset: transferred by transfer, talk from the answer to the transfer', () => {
    // AgentComplete of such a call says agent, when the target hangs up, with the target's talk.
    const facts = [...answered, blindTransfer(20, handset), complete('agent')];
    expect(toCallRow(foldCall(facts, key))).toMatchObject({
      outcome: 'transferred',
      hangupBy: 'transfer',
      answeredAt: t(5),
      talkSeconds: 15,
      endedAt: t(20),
      phoneId: 'SIP/1001',
    });
    expectOrderInsensitive(facts, key, 100);
  });

  it('a transfer of the member’s leg in the queue’s bridge (AgentConnect’s DestChannel) counts as the agent’s', () => {
    expect(toCallRow(foldCall([...answered, blindTransfer(12, memberLeg)], key))).toMatchObject({
      outcome: 'transferred',
      hangupBy: 'transfer',
      talkSeconds: 7,
      endedAt: t(12),
    });
  });

  it('an AgentComplete that says transfer keeps its own TalkTime and time', () => {
    const row = toCallRow(foldCall([...answered, blindTransfer(20, memberLeg), complete('transfer')], key));
    expect(row).toMatchObject({ outcome: 'transferred', hangupBy: 'transfer', talkSeconds: 60, endedAt: t(65) });
  });

  it('is not the row’s when someone else transferred, when it failed, or outside the agent’s talk', () => {
    const plain = toCallRow(foldCall([...answered, complete('agent')], key));
    expect(plain).toMatchObject({ outcome: 'answered', hangupBy: 'agent', talkSeconds: 60 });
    // The caller's side transferring the agent away.
    expect(toCallRow(foldCall([...answered, blindTransfer(20, callerLeg), complete('agent')], key))).toEqual(plain);
    // Result: Fail (or Invalid, Not Permitted) moved nobody: not even kept.
    const failed = foldCall([...answered, blindTransfer(20, handset, 'Fail'), complete('agent')], key);
    expect(failed.transfers).toEqual([]);
    expect(toCallRow(failed)).toEqual(plain);
    // The phone's transfers before the answer, or after the AgentComplete, were other calls' business.
    expect(toCallRow(foldCall([...answered, blindTransfer(3, handset), complete('agent')], key))).toEqual(plain);
    expect(toCallRow(foldCall([...answered, complete('agent'), blindTransfer(70, handset)], key))).toEqual(plain);
  });

  it('changes nothing when delivered again, and is kept once', () => {
    const once = foldCall([...answered, blindTransfer(20, handset)], key);
    expect(reduceCall(once, blindTransfer(20, handset), key)).toEqual(once);
    expect(once.transfers).toHaveLength(1);
  });

  it('gives each queue’s row its own agent’s transfer (1001 from the handset into sales, then 1002 to outside)', () => {
    const inSales = (at: number, headers: Record<string, string>) =>
      fact(at, { ...CALLER, Queue: 'sales', Interface: 'Local/1002@agent-phones/n', MemberName: 'Agent 1002', DestChannel: 'Local/1002@agent-phones-00000007;1', DestUniqueid: '1800000000.12', ...headers });
    const facts = [
      ...answered,
      blindTransfer(20, handset),
      fact(21, { Event: 'QueueCallerJoin', ...CALLER, Queue: 'sales', Position: '1', Count: '1' }),
      { ...(inSales(24, { Event: 'AgentConnect', HoldTime: '3', RingTime: '2' }) as CallFact & { kind: 'pbx' }), member: { stateInterface: 'SIP/1002', agentId: '1002' } } as CallFact,
      blindTransfer(50, { channel: 'SIP/1002-0000000a', uniqueid: '1800000000.14' }),
      inSales(80, { Event: 'AgentComplete', HoldTime: '3', TalkTime: '56', Reason: 'agent' }),
      complete('agent'),
    ];
    const sales = { callId: CALL, queue: 'sales' };
    expect(toCallRow(foldCall(facts, key))).toMatchObject({ outcome: 'transferred', talkSeconds: 15, endedAt: t(20), phoneId: 'SIP/1001' });
    expect(toCallRow(foldCall(facts, sales))).toMatchObject({ outcome: 'transferred', hangupBy: 'transfer', talkSeconds: 26, endedAt: t(50), phoneId: 'SIP/1002' });
    expectOrderInsensitive(facts, key, 100);
    expectOrderInsensitive(facts, sales, 100);
  });

  it('an attended transfer counts either of the transferer’s channels', () => {
    const attended = fact(30, {
      Event: 'AttendedTransfer',
      Result: 'Success',
      OrigTransfererChannel: 'SIP/1001-00000006',
      OrigTransfererUniqueid: '1800000000.4',
      OrigTransfererLinkedid: CALL,
      SecondTransfererChannel: 'SIP/1001-00000008',
      SecondTransfererUniqueid: '1800000000.20',
      SecondTransfererLinkedid: '1800000000.20',
      TransfereeChannel: 'Local/1001@agent-phones-00000001;2',
      TransfereeUniqueid: '1800000000.9',
      TransfereeLinkedid: CALL,
      IsExternal: 'Yes',
      DestType: 'Bridge',
    });
    expect(rowKeyOf(attended)).toEqual({ kind: 'call', callId: CALL });
    expect(toCallRow(foldCall([...answered, attended], key))).toMatchObject({ outcome: 'transferred', hangupBy: 'transfer', talkSeconds: 25 });
  });
});

describe('states stored by an earlier version', () => {
  it('reads a state without per-channel hangups and a caller without uniqueid', () => {
    const current = foldCall(
      [join(), connect({ stateInterface: 'SIP/1001', agentId: '1001' }), complete()],
      key,
    );
    // As read back from the projection's JSON column.
    const stored = JSON.parse(JSON.stringify(current)) as Record<string, unknown> & {
      caller: Record<string, unknown>;
    };
    delete stored['hangups'];
    delete stored.caller['uniqueid'];
    stored['lastHangupAt'] = t(66);
    const legacy = stored as unknown as CallState;
    expect(toCallRow(legacy)).toEqual(toCallRow(current));
    expect(reduceCall(legacy, callerHangup, key).hangups).toEqual({ [CALL]: t(66) });
  });

  it('reads a state without transfers and without the member’s leg: a transfer from the handset still counts', () => {
    const current = foldCall([join(), connect({ stateInterface: 'SIP/1001', agentId: '1001' }), complete('agent')], key);
    const stored = JSON.parse(JSON.stringify(current)) as Record<string, unknown> & { connect: Record<string, unknown> };
    delete stored['transfers'];
    delete stored.connect['destChannel'];
    delete stored.connect['destUniqueid'];
    const legacy = stored as unknown as CallState;
    expect(toCallRow(legacy)).toEqual(toCallRow(current));
    expect(toCallRow(reduceCall(legacy, blindTransfer(20, handset), key))).toMatchObject({ outcome: 'transferred', talkSeconds: 15 });
    // The member's leg was not kept: a transfer of it is not recognised on such a state.
    expect(toCallRow(reduceCall(legacy, blindTransfer(20, memberLeg), key))).toMatchObject({ outcome: 'answered' });
  });

  it('reads the one disposition an earlier version kept as that agent’s', () => {
    const facts = [join(), connect({ stateInterface: 'SIP/1001', agentId: '1001' }), complete(), disposition(CALL, '1001', t(90), 'callback')];
    const current = foldCall(facts, key);
    const stored = JSON.parse(JSON.stringify(current)) as Record<string, unknown>;
    delete stored['dispositions'];
    stored['disposition'] = { agentId: '1001', code: 'callback', note: 'ok', at: t(90) };
    const legacy = stored as unknown as CallState;
    expect(toCallRow(legacy)).toEqual(toCallRow(current));
    expect(reduceCall(legacy, disposition(CALL, '1001', t(95), 'sale'), key).dispositions.map((d) => d.code)).toEqual(['sale']);
  });
});

describe('laterDisposition', () => {
  it('keeps the disposition a row keeps, whichever arrives first', () => {
    const disposed = (agentId: string, at: string, code: string): CallDisposed => {
      const f = disposition(CALL, agentId, at, code);
      if (f.kind !== 'disposition') throw new Error('not a disposition');
      return f.event;
    };
    const first = disposed('1001', t(90), 'callback');
    const second = disposed('1002', t(95), 'sale');
    expect(laterDisposition(undefined, first)).toBe(first);
    expect(laterDisposition(first, second)).toBe(second);
    expect(laterDisposition(second, first)).toBe(second);
    const tieA = disposed('1001', t(90), 'a');
    const tieB = disposed('1002', t(90), 'b');
    expect(laterDisposition(tieA, tieB)).toBe(laterDisposition(tieB, tieA));
  });
});
