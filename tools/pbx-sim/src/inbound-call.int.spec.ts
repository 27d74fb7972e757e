// Inbound queue calls over TCP, against queue-call-answered / queue-status /
// phone-unregister-while-member: who is rung, the agent events and their headers, abandon,
// ring-no-answer (RingTime in ms), strategies, Originate.

import type { AmiMessage } from '@switchboard/ami';
import type { SimOptions } from './options';
import { PbxSimulator } from './simulator';
import { captureEvent, captureListItem, captureResponse } from './testing/captures';
import { AmiTestClient, headerNames } from './testing/ami-test-client';
import { CHANNEL_SNAPSHOT_HEADERS } from './testing/snapshot-headers';

const SNAPSHOT = CHANNEL_SNAPSHOT_HEADERS;

describe('inbound queue calls (over TCP)', () => {
  let sim: PbxSimulator;
  let client: AmiTestClient;

  const boot = async (options: SimOptions = {}): Promise<void> => {
    sim = new PbxSimulator({
      seed: 5,
      ...options,
      timing: {
        ringMs: 40,
        talkMs: 120,
        retryMs: 40,
        patienceMs: 150,
        recheckMs: 5,
        ...options.timing,
      },
    });
    const { port } = await sim.start();
    client = await AmiTestClient.login(port);
  };

  const addMember = async (queue: string, ext: string, paused = false): Promise<void> => {
    const from = client.mark();
    await client.action('QueueAdd', [
      ['Queue', queue],
      ['Interface', `Local/${ext}@agent-phones/n`],
      ['MemberName', `Agent ${ext}`],
      ['StateInterface', `SIP/${ext}`],
      ['Paused', String(paused)],
    ]);
    await client.waitForEvent(
      'QueueMemberAdded',
      { Queue: queue, MemberName: `Agent ${ext}` },
      { from },
    );
  };

  /** Events of one call (by Linkedid, or naming the call's channels), in arrival order. */
  const eventsOf = (from: number, linkedid: string): AmiMessage[] =>
    client
      .events(from)
      .filter((m) => m.get('Linkedid') === linkedid || m.get('DestLinkedid') === linkedid);

  afterEach(async () => {
    await client.close();
    await sim.stop();
  });

  it('an answered call: AgentCalled, AgentConnect, AgentComplete as captured, in order', async () => {
    await boot();
    await addMember('helpdesk', '1001');
    await addMember('helpdesk', '1002');
    const from = client.mark();
    const call = await sim.startInboundCall('helpdesk', {
      callerNumber: '0612345678',
      callerName: 'Customer 0612345678',
    });
    const complete = await client.waitForEvent('AgentComplete', {}, { from });
    await client.waitForEvent('Hangup', { Channel: call.channel }, { from });

    const called = client.events(from, 'AgentCalled')[0] as AmiMessage;
    const connect = client.events(from, 'AgentConnect')[0] as AmiMessage;
    expect(headerNames(called)).toEqual(
      headerNames(captureEvent('queue-call-answered', 'AgentCalled')),
    );
    expect(headerNames(connect)).toEqual(
      headerNames(captureEvent('queue-call-answered', 'AgentConnect')),
    );
    expect(headerNames(complete)).toEqual(
      headerNames(captureEvent('queue-call-answered', 'AgentComplete')),
    );
    for (const name of [
      'QueueCallerJoin',
      'QueueCallerLeave',
      'MusicOnHoldStart',
      'MusicOnHoldStop',
      'LocalBridge',
      'BridgeCreate',
      'BridgeEnter',
      'BridgeLeave',
      'BridgeDestroy',
      'Newchannel',
      'Hangup',
      'HangupRequest',
      'SoftHangupRequest',
      'Cdr',
      'NewCallerid',
    ]) {
      const ours = client.events(from, name)[0];
      expect({ name, headers: ours && headerNames(ours) }).toEqual({
        name,
        headers: headerNames(captureEvent('queue-call-answered', name)),
      });
    }
    const dialBegin = client
      .events(from, 'DialBegin')
      .find((m) => m.get('Channel') === call.channel) as AmiMessage;
    expect(headerNames(dialBegin)).toEqual(
      headerNames(
        captureEvent('queue-call-answered', 'DialBegin', {
          DialString: 'Local/1001@agent-phones/n',
        }),
      ),
    );

    expect(call.channel).toMatch(/^Local\/s@inbound-[0-9a-f]{8};2$/);
    expect(called.toRecord()).toMatchObject({
      Channel: call.channel,
      Queue: 'helpdesk',
      Interface: 'Local/1001@agent-phones/n',
      MemberName: 'Agent 1001',
      CallerIDNum: '0612345678',
      Linkedid: call.linkedid,
      DestLinkedid: call.linkedid,
    });
    expect(called.get('DestChannel')).toMatch(/^Local\/1001@agent-phones-[0-9a-f]{8};1$/);
    expect(connect.get('HoldTime')).toMatch(/^\d+$/);
    expect(connect.get('RingTime')).toMatch(/^\d+$/);
    expect(Number(connect.get('RingTime'))).toBeLessThan(5);
    expect(complete.toRecord()).toMatchObject({
      Reason: 'agent',
      Interface: 'Local/1001@agent-phones/n',
    });
    expect(complete.get('TalkTime')).toMatch(/^\d+$/);

    // Every leg of the call shares the caller's Linkedid.
    const legs = new Set(client.events(from, 'Newchannel').map((m) => m.get('Linkedid')));
    expect([...legs]).toEqual([call.linkedid]);

    const key = eventsOf(from, call.linkedid)
      .concat(client.events(from, 'QueueMemberStatus'))
      .sort((a, b) => client.messages.indexOf(a) - client.messages.indexOf(b))
      .map((m) => {
        const e = m.get('Event') as string;
        if (e === 'QueueMemberStatus') return `QMS${m.get('Status')}`;
        if (e === 'DialEnd' && m.get('Channel') === call.channel)
          return `DialEnd:${m.get('DialStatus')}`;
        if (e === 'Hangup' && m.get('Channel') === call.channel) return 'CallerHangup';
        return e;
      })
      .filter((e) =>
        [
          'QueueCallerJoin',
          'MusicOnHoldStart',
          'AgentCalled',
          'QMS6',
          'DialEnd:ANSWER',
          'QMS2',
          'MusicOnHoldStop',
          'QueueCallerLeave',
          'AgentConnect',
          'QMS1',
          'AgentComplete',
          'CallerHangup',
        ].includes(e),
      );
    expect(key).toEqual([
      'QueueCallerJoin',
      'MusicOnHoldStart',
      'AgentCalled',
      'QMS6',
      'QMS2',
      'DialEnd:ANSWER',
      'MusicOnHoldStop',
      'QueueCallerLeave',
      'AgentConnect',
      'QMS1',
      'AgentComplete',
      'CallerHangup',
    ]);
    const after = client.events(from, 'QueueMemberStatus').at(-1) as AmiMessage;
    expect(after.toRecord()).toMatchObject({ Status: '1', CallsTaken: '1', InCall: '0' });
    await expect(call.outcome).resolves.toMatchObject({
      result: 'answered',
      member: 'Local/1001@agent-phones/n',
    });

    // rrmemory: the next call goes to the next member.
    const from2 = client.mark();
    await sim.startInboundCall('helpdesk', { callerNumber: '0611111111' });
    const second = await client.waitForEvent('AgentCalled', {}, { from: from2 });
    expect(second.get('MemberName')).toBe('Agent 1002');
    await client.waitForEvent('AgentComplete', {}, { from: from2 });
  });

  it('a caller who gives up: QueueCallerAbandon, then QueueCallerLeave, then Hangup', async () => {
    await boot();
    await addMember('helpdesk', '1001', true);
    const from = client.mark();
    const call = await sim.startInboundCall('helpdesk', {
      callerNumber: '0633000001',
      abandonAfterMs: 60,
    });
    const hangup = await client.waitForEvent('Hangup', { Channel: call.channel }, { from });
    const abandon = client.events(from, 'QueueCallerAbandon')[0] as AmiMessage;
    const leave = client.events(from, 'QueueCallerLeave')[0] as AmiMessage;
    expect(headerNames(abandon)).toEqual(
      headerNames(captureEvent('queue-status', 'QueueCallerAbandon')),
    );
    expect(abandon.toRecord()).toMatchObject({
      Channel: call.channel,
      Queue: 'helpdesk',
      Position: '1',
      OriginalPosition: '1',
      HoldTime: expect.stringMatching(/^\d+$/),
    });
    expect(client.messages.indexOf(abandon)).toBeLessThan(client.messages.indexOf(leave));
    expect(client.messages.indexOf(leave)).toBeLessThan(client.messages.indexOf(hangup));
    expect(leave.toRecord()).toMatchObject({ Position: '1', Count: '0' });
    expect(client.events(from, 'AgentCalled')).toHaveLength(0);
    await expect(call.outcome).resolves.toMatchObject({ result: 'abandoned' });
  });

  it('with no eligible member the caller abandons after its patience; unavailable members are skipped', async () => {
    await boot();
    await addMember('helpdesk', '1002');
    sim.unregisterPhone('1002');
    const from = client.mark();
    const call = await sim.startInboundCall('helpdesk', { callerNumber: '0699999999' });
    await client.waitForEvent('QueueCallerAbandon', { Channel: call.channel }, { from });
    expect(client.events(from, 'AgentCalled')).toHaveLength(0);
  });

  it('a caller who hangs up while a member rings: DialEnd CANCEL, member back to 1, abandon', async () => {
    await boot();
    await addMember('helpdesk', '1001');
    const from = client.mark();
    const call = await sim.startInboundCall('helpdesk', {
      callerNumber: '0600000001',
      answer: false,
      abandonAfterMs: 80,
    });
    await client.waitForEvent('QueueCallerAbandon', {}, { from });
    const cancel = client
      .events(from, 'DialEnd')
      .find((m) => m.get('Channel') === call.channel && m.get('DialStatus') === 'CANCEL');
    expect(cancel).toBeDefined();
    const statuses = client.events(from, 'QueueMemberStatus').map((m) => m.get('Status'));
    expect(statuses).toEqual(['6', '1']);
  });

  it('ring no answer: AgentRingNoAnswer with RingTime in ms, then the next member after retry', async () => {
    await boot({ timing: { queueTimeoutMs: 150 } });
    await addMember('helpdesk', '1001');
    await addMember('helpdesk', '1002');
    const from = client.mark();
    const call = await sim.startInboundCall('helpdesk', {
      callerNumber: '0612121212',
      answer: (ext) => ext !== '1001',
    });
    const rna = await client.waitForEvent('AgentRingNoAnswer', {}, { from });
    expect(headerNames(rna)).toEqual([
      'Event',
      'Privilege',
      ...SNAPSHOT,
      ...SNAPSHOT.map((h) => `Dest${h}`),
      'Queue',
      'Interface',
      'MemberName',
      'RingTime',
    ]);
    expect(rna.toRecord()).toMatchObject({
      Channel: call.channel,
      Interface: 'Local/1001@agent-phones/n',
      MemberName: 'Agent 1001',
      RingTime: '150',
    });
    const noAnswer = client
      .events(from, 'DialEnd')
      .find((m) => m.get('Channel') === call.channel && m.get('DialStatus') === 'NOANSWER');
    expect(client.messages.indexOf(rna)).toBeLessThan(
      client.messages.indexOf(noAnswer as AmiMessage),
    );
    const connect = await client.waitForEvent('AgentConnect', {}, { from });
    expect(connect.get('MemberName')).toBe('Agent 1002');
    expect(client.events(from, 'AgentCalled').map((m) => m.get('MemberName'))).toEqual([
      'Agent 1001',
      'Agent 1002',
    ]);
    await client.waitForEvent('AgentComplete', {}, { from });
  });

  it('leastrecent rings the member whose last call is oldest', async () => {
    await boot();
    await addMember('sales', '1002');
    await addMember('sales', '1003');
    let from = client.mark();
    await sim.startInboundCall('sales', { callerNumber: '0600000002' });
    const first = await client.waitForEvent('AgentConnect', {}, { from });
    expect(first.get('MemberName')).toBe('Agent 1002');
    await client.waitForEvent('AgentComplete', {}, { from });
    from = client.mark();
    await sim.startInboundCall('sales', { callerNumber: '0600000003' });
    const second = await client.waitForEvent('AgentConnect', {}, { from });
    expect(second.get('MemberName')).toBe('Agent 1003');
    await client.waitForEvent('AgentComplete', {}, { from });
  });

  it('ringall rings every available member and cancels the others on answer', async () => {
    await boot({ queues: [{ name: 'support', strategy: 'ringall' }] });
    await addMember('support', '1001');
    await addMember('support', '1002');
    const from = client.mark();
    const call = await sim.startInboundCall('support', { callerNumber: '0600000004' });
    await client.waitForEvent('AgentConnect', {}, { from });
    expect(client.events(from, 'AgentCalled')).toHaveLength(2);
    const cancels = client
      .events(from, 'DialEnd')
      .filter((m) => m.get('Channel') === call.channel && m.get('DialStatus') === 'CANCEL');
    expect(cancels).toHaveLength(1);
    await client.waitForEvent('AgentComplete', {}, { from });
  });

  it('a waiting caller shows in QueueStatus (QueueEntry) and QueueSummary', async () => {
    await boot();
    await addMember('helpdesk', '1001', true);
    const call = await sim.startInboundCall('helpdesk', {
      callerNumber: '0633000001',
      abandonAfterMs: 2000,
    });
    await client.waitForEvent('QueueCallerJoin', { Channel: call.channel });
    const status = await client.list('QueueStatus', [['Queue', 'helpdesk']]);
    const entry = status.items.find((m) => m.get('Event') === 'QueueEntry') as AmiMessage;
    expect(headerNames(entry)).toEqual(headerNames(captureListItem('queue-status', 'QueueEntry')));
    expect(entry.toRecord()).toMatchObject({
      Position: '1',
      Channel: call.channel,
      CallerIDNum: '0633000001',
    });
    expect(status.items[0]?.get('Calls')).toBe('1');
    expect(status.complete.get('ListItems')).toBe('3');
    const summary = await client.list('QueueSummary', [['Queue', 'helpdesk']]);
    expect(summary.items[0]?.toRecord()).toMatchObject({
      LoggedIn: '1',
      Available: '0',
      Callers: '1',
    });
    // The caller gets an agent as soon as one becomes available.
    const from = client.mark();
    await client.action('QueuePause', [
      ['Interface', 'Local/1001@agent-phones/n'],
      ['Paused', 'false'],
    ]);
    await client.waitForEvent('AgentConnect', { Channel: call.channel }, { from });
  });

  it('Getvar on the caller during the call, and Hangup by the caller ends with Reason caller', async () => {
    await boot({ timing: { talkMs: 5000 } });
    await addMember('helpdesk', '1001');
    const from = client.mark();
    const call = await sim.startInboundCall('helpdesk', { callerNumber: '0612345678' });
    await client.waitForEvent('AgentConnect', {}, { from });
    const iface = await client.action('Getvar', [
      ['Channel', call.channel],
      ['Variable', 'MEMBERINTERFACE'],
    ]);
    expect(headerNames(iface)).toEqual(
      headerNames(captureResponse('queue-call-answered', 'queue-call-answered-11')),
    );
    expect(iface.get('Value')).toBe('Local/1001@agent-phones/n');
    const calls = sim.calls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ kind: 'inbound', state: 'talking', queue: 'helpdesk' });

    await client.action('Hangup', [['Channel', call.channel]]);
    const complete = await client.waitForEvent('AgentComplete', {}, { from });
    expect(complete.get('Reason')).toBe('caller');
    await expect(call.outcome).resolves.toMatchObject({ result: 'answered', reason: 'caller' });
  });

  it('Originate with Async: queued Response, then OriginateResponse with the same ActionID', async () => {
    await boot();
    await addMember('helpdesk', '1001');
    const from = client.mark();
    const response = await client.action(
      'Originate',
      [
        ['Channel', 'Local/s@inbound'],
        ['CallerID', '"Customer 0612345678" <0612345678>'],
        ['Application', 'Wait'],
        ['Data', '90'],
        ['Async', 'true'],
      ],
      'orig-1',
    );
    expect(response.get('Message')).toBe(
      captureResponse('queue-call-answered', 'queue-call-answered-9').get('Message'),
    );
    const originated = await client.waitFor(
      (m) => m.get('Event') === 'OriginateResponse' && m.get('ActionID') === 'orig-1',
      { from },
    );
    expect(headerNames(originated)).toEqual(
      headerNames(captureEvent('queue-call-answered', 'OriginateResponse')),
    );
    expect(originated.toRecord()).toMatchObject({
      Response: 'Success',
      Reason: '4',
      CallerIDNum: '0612345678',
    });
    expect(client.messages.indexOf(response)).toBeLessThan(client.messages.indexOf(originated));
    await client.waitForEvent('AgentConnect', {}, { from });

    const feature = await client.action('Originate', [
      ['Channel', 'Local/811@from-agents'],
      ['CallerID', '"Agent One" <1001>'],
      ['Application', 'Wait'],
      ['Data', '20'],
      ['Async', 'true'],
    ]);
    expect(feature.get('Response')).toBe('Success');
    const user = await client.waitForEvent('UserEvent', {}, { from });
    expect(user.get('Channel')).toMatch(/^Local\/811@from-agents-[0-9a-f]{8};2$/);
    expect(user.toRecord()).toMatchObject({ Code: '811', Caller: '1001' });

    const bogus = await client.action('Originate', [
      ['Channel', 'Bogus/123'],
      ['Application', 'Wait'],
      ['Data', '1'],
    ]);
    expect(bogus.get('Message')).toBe(
      captureResponse('errors-after-login', 'errors-after-login-13').get('Message'),
    );
  });
});
