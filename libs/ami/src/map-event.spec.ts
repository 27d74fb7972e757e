import { AmiFrameParser } from './frame-parser';
import type { AmiMessage } from './ami-message';
import { mapAmiEvent, queueMember } from './map-event';
import { captureBytes, captureNames } from './testing/captures';

function events(name: string): AmiMessage[] {
  return new AmiFrameParser()
    .push(captureBytes(name))
    .flatMap((f) => (f.kind === 'message' && f.message.kind === 'event' ? [f.message] : []));
}

const first = (name: string, event: string, where: (m: AmiMessage) => boolean = () => true) => {
  const found = events(name).find((m) => m.get('Event') === event && where(m));
  if (!found) throw new Error(`no ${event} in ${name}`);
  return found;
};

describe('mapAmiEvent', () => {
  it.each(captureNames())('%s: every event maps to a typed event or to Unmapped with its headers', (name) => {
    for (const m of events(name)) {
      const body = mapAmiEvent(m);
      if (body.type === 'Unmapped') {
        expect(body.data.event).toBe(m.get('Event'));
        expect(body.data.headers).toEqual(m.toRecord());
      }
    }
  });

  it('reads the feature code UserEvent, PIN short codes included', () => {
    expect(mapAmiEvent(first('feature-code-sip-phone', 'UserEvent'))).toEqual({
      type: 'FeatureCodeDialed',
      data: expect.objectContaining({ channel: 'SIP/1001-00000001', code: '811', caller: '1001', callerIdNum: '1001' }),
    });
    const pin = mapAmiEvent(first('agent-feature-code', 'UserEvent', (m) => (m.get('Code') ?? '').startsWith('*35')));
    expect(pin).toMatchObject({ type: 'FeatureCodeDialed', data: { code: '*35*1001*1234#' } });
  });

  it('normalises the QueueStatus item spelling (Location/Name) to the event spelling', () => {
    const item = first('queue-status', 'QueueMember', (m) => m.get('Name') === 'Agent 1001');
    expect(queueMember(item)).toMatchObject({
      queue: 'helpdesk',
      interface: 'Local/1001@agent-phones/n',
      memberName: 'Agent 1001',
      stateInterface: 'SIP/1001',
      paused: true,
      pausedReason: 'Meeting',
    });
    const added = mapAmiEvent(first('queue-call-answered', 'QueueMemberAdded'));
    expect(added).toEqual({
      type: 'QueueMemberAdded',
      data: expect.objectContaining({
        queue: 'helpdesk',
        interface: 'Local/1001@agent-phones/n',
        memberName: 'Agent 1001',
        stateInterface: 'SIP/1001',
        status: 'not_in_use',
        paused: false,
        inCall: false,
      }),
    });
  });

  it('turns member status numbers into names', () => {
    const statuses = events('phone-unregister-while-member')
      .filter((m) => m.get('Event') === 'QueueMemberStatus')
      .map((m) => mapAmiEvent(m))
      .map((e) => (e.type === 'QueueMemberStatusChanged' ? e.data.status : e.type));
    expect(statuses).toContain('unavailable');
    expect(statuses).toContain('not_in_use');
  });

  it('gives RingTime in seconds everywhere: AgentRingNoAnswer sends milliseconds', () => {
    const all = captureNames().flatMap(events);
    const rna = all.find((m) => m.get('Event') === 'AgentRingNoAnswer');
    if (rna) {
      const mapped = mapAmiEvent(rna);
      expect(mapped).toMatchObject({ type: 'AgentRingNoAnswer', data: { ringTimeSeconds: Number(rna.get('RingTime')) / 1000 } });
    }
    const connect = mapAmiEvent(first('queue-call-answered', 'AgentConnect'));
    expect(connect).toMatchObject({
      type: 'AgentConnected',
      data: { ringTimeSeconds: 2, holdTimeSeconds: 2, linkedid: '1795335069.14', destChannel: 'Local/1001@agent-phones-00000008;1' },
    });
  });

  it('keeps the completion reason of transfers', () => {
    const reasons = events('queue-call-transfer')
      .filter((m) => m.get('Event') === 'AgentComplete')
      .map((m) => mapAmiEvent(m))
      .map((e) => (e.type === 'AgentCompleted' ? e.data.reason : e.type));
    expect(reasons).toEqual(expect.arrayContaining(['transfer', 'agent', 'caller']));
  });

  it('reads abandons with their hold time', () => {
    expect(mapAmiEvent(first('queue-status', 'QueueCallerAbandon'))).toMatchObject({
      type: 'QueueCallerAbandoned',
      data: { queue: 'helpdesk', holdTimeSeconds: expect.any(Number), originalPosition: 1 },
    });
  });

  it('never throws on an event with missing fields', () => {
    const parser = new AmiFrameParser({ expectBanner: false });
    for (const name of ['AgentConnect', 'QueueMemberAdded', 'UserEvent', 'Hangup', 'PeerStatus', 'Whatever']) {
      const [frame] = parser.push(`Event: ${name}\r\nUserEvent: AgentFeature\r\n\r\n`);
      expect(frame.kind === 'message' && mapAmiEvent(frame.message).type).toBeTruthy();
    }
  });
});
