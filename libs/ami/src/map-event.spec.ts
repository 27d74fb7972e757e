import { DEVICE_STATUS_NAMES, type PbxEventBody } from '@switchboard/contracts';
import { AmiMessage } from './ami-message';
import { AmiFrameParser } from './frame-parser';
import { mapAmiEvent, queueMember } from './map-event';
import { captureBytes, captureNames } from './testing/captures';

function events(name: string): AmiMessage[] {
  return new AmiFrameParser()
    .push(captureBytes(name))
    .flatMap((f) => (f.kind === 'message' && f.message.kind === 'event' ? [f.message] : []));
}

const all = captureNames().flatMap((name) => events(name).map((m) => ({ name, m })));

function first(capture: string, event: string, where: (m: AmiMessage) => boolean = () => true): AmiMessage {
  const found = events(capture).find((m) => m.get('Event') === event && where(m));
  if (!found) throw new Error(`no ${event} in ${capture}`);
  return found;
}

/** The typed event AMI names map to; everything else is Unmapped. */
const TYPED: Record<string, PbxEventBody['type']> = {
  QueueMemberAdded: 'QueueMemberAdded',
  QueueMemberRemoved: 'QueueMemberRemoved',
  QueueMemberPause: 'QueueMemberPaused',
  QueueMemberStatus: 'QueueMemberStatusChanged',
  QueueCallerJoin: 'QueueCallerJoined',
  QueueCallerLeave: 'QueueCallerLeft',
  QueueCallerAbandon: 'QueueCallerAbandoned',
  AgentCalled: 'AgentCalled',
  AgentConnect: 'AgentConnected',
  AgentComplete: 'AgentCompleted',
  AgentRingNoAnswer: 'AgentRingNoAnswer',
  // app_agent_pool: in no capture (see map-event-agent-pool.spec.ts), mapped all the same.
  AgentLogin: 'AgentLogin',
  AgentLogoff: 'AgentLogoff',
  // Both kinds of transfer (map-event-transfer.spec.ts).
  BlindTransfer: 'CallTransferred',
  AttendedTransfer: 'CallTransferred',
  Hangup: 'Hangup',
  PeerStatus: 'PeerStatusChanged',
  DeviceStateChange: 'DeviceStateChanged',
  FullyBooted: 'FullyBooted',
};

describe('mapAmiEvent over every event of every capture', () => {
  it('sees events from all captures', () => {
    expect(new Set(all.map((e) => e.name)).size).toBeGreaterThanOrEqual(12);
    expect(all.length).toBeGreaterThan(2000);
  });

  it.each(captureNames())('%s: each event maps to its typed event, or to Unmapped with all its headers', (name) => {
    for (const m of events(name)) {
      const event = m.get('Event') ?? '';
      const body = mapAmiEvent(m);
      const expected = event === 'UserEvent' && m.get('UserEvent') === 'AgentFeature' ? 'FeatureCodeDialed' : (TYPED[event] ?? 'Unmapped');
      expect(body.type).toBe(expected);
      if (body.type === 'Unmapped') expect(body.data).toEqual({ event, headers: m.toRecord() });
      // No typed field may come out undefined or NaN: defaults instead.
      for (const value of Object.values(body.data)) {
        expect(value).toBeDefined();
        if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
      }
    }
  });
});

describe('mapAmiEvent on real frames', () => {
  it('FeatureCodeDialed from a SIP phone', () => {
    expect(mapAmiEvent(first('feature-code-sip-phone', 'UserEvent'))).toEqual({
      type: 'FeatureCodeDialed',
      data: {
        channel: 'SIP/1001-00000001',
        uniqueid: expect.stringMatching(/^\d+\.\d+$/),
        linkedid: expect.stringMatching(/^\d+\.\d+$/),
        callerIdNum: '1001',
        callerIdName: 'Agent One',
        code: '811',
        caller: '1001',
      },
    });
  });

  it('FeatureCodeDialed keeps the PIN short code with its * and #', () => {
    const pin = first('agent-feature-code', 'UserEvent', (m) => m.get('Caller') === '1001' && m.get('Code') !== '811' && m.get('Code') !== '8110');
    expect(mapAmiEvent(pin)).toMatchObject({ type: 'FeatureCodeDialed', data: { code: '*35*1001*1234#', caller: '1001' } });
    const local = mapAmiEvent(first('agent-feature-code', 'UserEvent'));
    expect(local).toEqual({
      type: 'FeatureCodeDialed',
      data: {
        channel: 'Local/811@from-agents-00000000;2',
        uniqueid: '1795335013.1',
        linkedid: '1795335013.0',
        callerIdNum: '1001',
        callerIdName: 'Agent One',
        code: '811',
        caller: '1001',
      },
    });
  });

  it('other UserEvents stay Unmapped', () => {
    const other = new AmiMessage([['Event', 'UserEvent'], ['UserEvent', 'Wallboard'], ['Code', '1']]);
    expect(mapAmiEvent(other)).toEqual({ type: 'Unmapped', data: { event: 'UserEvent', headers: { Event: 'UserEvent', UserEvent: 'Wallboard', Code: '1' } } });
  });

  it('QueueMemberAdded with every member field', () => {
    expect(mapAmiEvent(first('agent-feature-code', 'QueueMemberAdded'))).toEqual({
      type: 'QueueMemberAdded',
      data: {
        queue: 'helpdesk',
        interface: 'Local/1001@agent-phones/n',
        memberName: 'Agent 1001',
        stateInterface: 'SIP/1001',
        membership: 'dynamic',
        penalty: 0,
        callsTaken: 0,
        inCall: false,
        status: 'not_in_use',
        paused: false,
        pausedReason: '',
      },
    });
  });

  it('QueueMemberAdded from a phone still off-hook shows in_use (feature-code-sip-phone)', () => {
    expect(mapAmiEvent(first('feature-code-sip-phone', 'QueueMemberAdded'))).toMatchObject({ type: 'QueueMemberAdded', data: { status: 'in_use' } });
  });

  it('QueueMemberPause and QueueMemberRemoved', () => {
    expect(mapAmiEvent(first('devstate-blf', 'QueueMemberPause'))).toMatchObject({
      type: 'QueueMemberPaused',
      data: { paused: true, pausedReason: 'Coffee', stateInterface: 'Custom:agent-1001-helpdesk' },
    });
    expect(mapAmiEvent(first('agent-feature-code', 'QueueMemberRemoved'))).toMatchObject({
      type: 'QueueMemberRemoved',
      data: { queue: 'helpdesk', interface: 'Local/1001@agent-phones/n' },
    });
  });

  it('the QueueStatus item spelling (Location/Name) normalises to the event spelling', () => {
    const item = first('queue-status', 'QueueMember', (m) => m.get('Name') === 'Agent 1001');
    expect(item.get('Interface')).toBeUndefined();
    expect(queueMember(item)).toEqual({
      queue: 'helpdesk',
      interface: 'Local/1001@agent-phones/n',
      memberName: 'Agent 1001',
      stateInterface: 'SIP/1001',
      membership: 'dynamic',
      penalty: 0,
      callsTaken: 0,
      inCall: false,
      status: expect.any(String),
      paused: true,
      pausedReason: 'Meeting',
    });
    const inCall = first('queue-call-answered', 'QueueMember', (m) => m.get('InCall') === '1');
    expect(queueMember(inCall)).toMatchObject({ inCall: true, status: 'in_use' });
  });

  it('QueueMemberStatus numbers become device state names (ringing, in use, not in use, unavailable)', () => {
    const statuses = (capture: string) =>
      events(capture)
        .filter((m) => m.get('Event') === 'QueueMemberStatus')
        .map((m) => mapAmiEvent(m))
        .map((e) => (e.type === 'QueueMemberStatusChanged' ? e.data.status : e.type));
    expect(statuses('queue-call-answered')).toEqual(expect.arrayContaining(['ringing', 'in_use', 'not_in_use']));
    expect(statuses('phone-unregister-while-member')).toEqual(['unavailable', 'not_in_use']);
  });

  it('every device status number has its name, anything else is unknown', () => {
    DEVICE_STATUS_NAMES.forEach((name, n) => {
      const m = new AmiMessage([['Event', 'QueueMemberStatus'], ['Status', String(n)]]);
      expect(mapAmiEvent(m)).toMatchObject({ data: { status: name } });
    });
    for (const odd of ['9', '-1', '1.5', 'x', '']) {
      expect(mapAmiEvent(new AmiMessage([['Event', 'QueueMemberStatus'], ['Status', odd]]))).toMatchObject({ data: { status: 'unknown' } });
    }
  });

  it('QueueCallerJoined, QueueCallerLeft and QueueCallerAbandoned with the hold time in seconds', () => {
    const where = (m: AmiMessage) => m.get('Uniqueid') === '1795337460.22';
    expect(mapAmiEvent(first('phone-unregister-while-member', 'QueueCallerJoin', where))).toEqual({
      type: 'QueueCallerJoined',
      data: {
        channel: 'Local/s@inbound-00000006;2',
        uniqueid: '1795337460.22',
        linkedid: '1795337460.21',
        callerIdNum: '0655000001',
        callerIdName: 'Customer 0655000001',
        queue: 'helpdesk',
        position: 1,
        count: 1,
      },
    });
    expect(mapAmiEvent(first('phone-unregister-while-member', 'QueueCallerAbandon', where))).toMatchObject({
      type: 'QueueCallerAbandoned',
      data: { queue: 'helpdesk', position: 1, originalPosition: 1, holdTimeSeconds: 6, linkedid: '1795337460.21' },
    });
    expect(mapAmiEvent(first('phone-unregister-while-member', 'QueueCallerLeave', where))).toMatchObject({
      type: 'QueueCallerLeft',
      data: { queue: 'helpdesk', position: 1, count: 0 },
    });
  });

  it('AgentCalled and AgentConnected: caller side plus the member leg from the Dest* fields, times in seconds', () => {
    const call = {
      channel: 'Local/s@inbound-00000007;2',
      uniqueid: '1795335069.15',
      linkedid: '1795335069.14',
      callerIdNum: '0612345678',
      callerIdName: 'Customer 0612345678',
      queue: 'helpdesk',
      interface: 'Local/1001@agent-phones/n',
      memberName: 'Agent 1001',
      destChannel: 'Local/1001@agent-phones-00000008;1',
      destUniqueid: '1795335069.16',
    };
    expect(mapAmiEvent(first('queue-call-answered', 'AgentCalled'))).toEqual({ type: 'AgentCalled', data: call });
    expect(mapAmiEvent(first('queue-call-answered', 'AgentConnect'))).toEqual({
      type: 'AgentConnected',
      data: { ...call, holdTimeSeconds: 2, ringTimeSeconds: 2 },
    });
    expect(mapAmiEvent(first('queue-call-answered', 'AgentComplete'))).toEqual({
      type: 'AgentCompleted',
      data: { ...call, holdTimeSeconds: 2, talkTimeSeconds: 6, reason: 'agent' },
    });
  });

  it('AgentCompleted keeps transfer, agent and caller as the reason; anything else is unknown', () => {
    const reasons = events('queue-call-transfer')
      .filter((m) => m.get('Event') === 'AgentComplete')
      .map((m) => mapAmiEvent(m))
      .map((e) => (e.type === 'AgentCompleted' ? [e.data.reason, e.data.talkTimeSeconds] : e.type));
    expect(reasons).toEqual([
      ['transfer', 3],
      ['agent', 10],
      ['caller', 7],
    ]);
    const odd = new AmiMessage([['Event', 'AgentComplete'], ['Reason', 'AGENT']]);
    expect(mapAmiEvent(odd)).toMatchObject({ data: { reason: 'unknown' } });
  });

  it('AgentRingNoAnswer: RingTime arrives in milliseconds and leaves in seconds', () => {
    // No capture holds an AgentRingNoAnswer (every call was answered). Asterisk sends it with the
    // same fields as AgentCalled plus RingTime, so a real AgentCalled frame is turned into one.
    const called = first('queue-call-answered', 'AgentCalled');
    const rna = new AmiMessage([
      ['Event', 'AgentRingNoAnswer'],
      ...called.fields.filter(([k]) => k !== 'Event'),
      ['RingTime', '15000'],
    ]);
    const mapped = mapAmiEvent(rna);
    expect(mapped.type).toBe('AgentRingNoAnswer');
    expect(mapped.data).toEqual({ ...(mapAmiEvent(called).data as object), ringTimeSeconds: 15 });
    const partial = new AmiMessage([['Event', 'AgentRingNoAnswer'], ['RingTime', '2500']]);
    expect(mapAmiEvent(partial)).toMatchObject({ data: { ringTimeSeconds: 2.5, queue: '' } });
  });

  it('Hangup with its cause', () => {
    expect(mapAmiEvent(first('agent-feature-code', 'Hangup'))).toEqual({
      type: 'Hangup',
      data: {
        channel: 'Local/811@from-agents-00000000;2',
        uniqueid: '1795335013.1',
        linkedid: '1795335013.0',
        callerIdNum: '1001',
        callerIdName: 'Agent One',
        cause: 16,
        causeText: 'Normal Clearing',
      },
    });
  });

  it('PeerStatusChanged: registered, and unregistered with its cause', () => {
    expect(mapAmiEvent(first('pause-unpause', 'PeerStatus'))).toEqual({
      type: 'PeerStatusChanged',
      data: { channelType: 'SIP', peer: 'SIP/1001', peerStatus: 'Registered', address: '127.0.0.1:5101', cause: '' },
    });
    expect(mapAmiEvent(first('phone-unregister-while-member', 'PeerStatus', (m) => m.get('PeerStatus') === 'Unregistered'))).toMatchObject({
      type: 'PeerStatusChanged',
      data: { peer: 'SIP/1002', peerStatus: 'Unregistered', cause: 'Expired' },
    });
  });

  it('DeviceStateChanged and FullyBooted', () => {
    expect(mapAmiEvent(first('agent-feature-code', 'DeviceStateChange'))).toEqual({
      type: 'DeviceStateChanged',
      data: { device: 'Local/811@from-agents', state: 'INUSE' },
    });
    expect(mapAmiEvent(first('agent-feature-code', 'FullyBooted'))).toEqual({ type: 'FullyBooted', data: { status: 'Fully Booted' } });
  });

  it('never throws on events with missing or malformed fields: defaults instead', () => {
    for (const event of [...Object.keys(TYPED), 'UserEvent', 'Whatever', '']) {
      const bare = mapAmiEvent(new AmiMessage([['Event', event], ['UserEvent', 'AgentFeature']]));
      expect(bare.type === 'Unmapped').toBe(!(event in TYPED || event === 'UserEvent'));
      if (bare.type === 'Unmapped') continue;
      for (const [name, value] of Object.entries(bare.data)) {
        // A transfer's kind names the AMI event, not a field of it.
        if (bare.type === 'CallTransferred' && name === 'kind') continue;
        expect(value === '' || value === 0 || value === false || value === 'unknown' || typeof value === 'object').toBe(true);
      }
      const junk = mapAmiEvent(new AmiMessage([['Event', event], ['HoldTime', 'soon'], ['Paused', 'maybe'], ['Position', '']]));
      expect(JSON.stringify(junk)).not.toMatch(/null|NaN/);
    }
    expect(mapAmiEvent(new AmiMessage([]))).toEqual({ type: 'Unmapped', data: { event: '', headers: {} } });
  });
});
