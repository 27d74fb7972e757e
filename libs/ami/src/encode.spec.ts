import fc from 'fast-check';
import type { PbxAction } from '@switchboard/contracts';
import { AmiEncodingError, encodeLogin, encodeMessage, encodePbxAction } from './encode';
import { AmiFrameParser } from './frame-parser';
import { captureFrames } from './testing/captures';

/** The recorded "out" frame that carries this ActionID. */
function sent(capture: string, actionId: string): string {
  const frame = captureFrames(capture).find((f) => f.dir === 'out' && f.raw.includes(`\r\nActionID: ${actionId}\r\n`));
  if (!frame) throw new Error(`no action ${actionId} in ${capture}`);
  return frame.raw;
}

/** Fields of an encoded frame, read back by the parser (for comparisons that ignore order). */
function fieldsOf(frame: string): Array<[string, string]> {
  const frames = new AmiFrameParser({ expectBanner: false }).push(frame);
  if (frames.length !== 1 || frames[0].kind !== 'message') throw new Error(`not one frame: ${JSON.stringify(frame)}`);
  return frames[0].message.fields;
}

const sorted = (fields: Array<[string, string]>) => [...fields].sort((a, b) => a[0].localeCompare(b[0]));

describe('encodePbxAction against the recorded actions', () => {
  it('QueueAdd, Redirect and QueueRemove byte for byte as feature-code-sip-phone sent them', () => {
    expect(
      encodePbxAction(
        {
          action: 'QueueAdd',
          queue: 'helpdesk',
          interface: 'Local/1001@agent-phones/n',
          memberName: 'Agent 1001',
          stateInterface: 'SIP/1001',
          paused: false,
        },
        'feature-code-sip-phone-3',
      ),
    ).toBe(sent('feature-code-sip-phone', 'feature-code-sip-phone-3'));
    expect(
      encodePbxAction(
        { action: 'Redirect', channel: 'SIP/1001-00000001', context: 'from-agents', exten: 'gw-loginok', priority: 1 },
        'feature-code-sip-phone-4',
      ),
    ).toBe(sent('feature-code-sip-phone', 'feature-code-sip-phone-4'));
    expect(
      encodePbxAction({ action: 'QueueRemove', queue: 'helpdesk', interface: 'Local/1001@agent-phones/n' }, 'feature-code-sip-phone-6'),
    ).toBe(sent('feature-code-sip-phone', 'feature-code-sip-phone-6'));
  });

  it('QueueStatus, Setvar, Ping and Login byte for byte', () => {
    expect(encodePbxAction({ action: 'QueueStatus', queue: 'helpdesk' }, 'feature-code-sip-phone-5')).toBe(
      sent('feature-code-sip-phone', 'feature-code-sip-phone-5'),
    );
    expect(encodePbxAction({ action: 'QueueStatus' }, 'queue-status-8')).toBe(sent('queue-status', 'queue-status-8'));
    expect(
      encodePbxAction({ action: 'QueueStatus', queue: 'helpdesk', member: 'Local/1002@agent-phones/n' }, 'queue-status-10'),
    ).toBe(sent('queue-status', 'queue-status-10'));
    expect(
      encodePbxAction(
        { action: 'Setvar', channel: 'Local/s@inbound-00000007;2', variable: 'CRM_TICKET', value: 'T-4711' },
        'queue-call-answered-13',
      ),
    ).toBe(sent('queue-call-answered', 'queue-call-answered-13'));
    expect(encodePbxAction({ action: 'Setvar', variable: 'PHONES', value: 'sip' }, 'feature-code-sip-phone-2')).toBe(
      sent('feature-code-sip-phone', 'feature-code-sip-phone-2'),
    );
    expect(encodePbxAction({ action: 'Ping' }, 'login-and-banner-2')).toBe(sent('login-and-banner', 'login-and-banner-2'));
    expect(encodeLogin('gateway', 'gateway-secret', 'feature-code-sip-phone-1')).toBe(
      sent('feature-code-sip-phone', 'feature-code-sip-phone-1'),
    );
  });

  it('QueuePause with and without a queue, byte for byte as pause-unpause and devstate-blf sent them', () => {
    const iface = 'Local/1001@agent-phones/n';
    expect(encodePbxAction({ action: 'QueuePause', queue: 'helpdesk', interface: iface, paused: true, reason: 'Lunch' }, 'pause-unpause-4')).toBe(
      sent('pause-unpause', 'pause-unpause-4'),
    );
    expect(encodePbxAction({ action: 'QueuePause', queue: 'helpdesk', interface: iface, paused: false }, 'pause-unpause-6')).toBe(
      sent('pause-unpause', 'pause-unpause-6'),
    );
    expect(encodePbxAction({ action: 'QueuePause', interface: iface, paused: true, reason: 'Break' }, 'pause-unpause-7')).toBe(
      sent('pause-unpause', 'pause-unpause-7'),
    );
    expect(encodePbxAction({ action: 'QueuePause', queue: 'helpdesk', interface: iface, paused: true, reason: 'Coffee' }, 'devstate-blf-17')).toBe(
      sent('devstate-blf', 'devstate-blf-17'),
    );
  });

  it('QueueLog with and without the optional fields, byte for byte as devstate-blf sent them', () => {
    expect(
      encodePbxAction(
        {
          action: 'QueueLog',
          queue: 'helpdesk',
          event: 'GWLOGIN',
          interface: 'Local/1001@agent-phones/n',
          uniqueId: 'gw-1001-0001',
          message: 'featurecode 811|SIP/1001',
        },
        'devstate-blf-18',
      ),
    ).toBe(sent('devstate-blf', 'devstate-blf-18'));
    expect(encodePbxAction({ action: 'QueueLog', queue: 'helpdesk', event: 'WALLBOARDNOTE', message: 'shift start' }, 'devstate-blf-19')).toBe(
      sent('devstate-blf', 'devstate-blf-19'),
    );
  });

  // Not in any capture (app_agent_pool was not built in the lab): the fields of the Asterisk 20
  // AMI action docs for AgentLogoff, Agent and Soft ("true" keeps the current call up).
  it('AgentLogoff with the documented Agent and Soft fields', () => {
    expect(encodePbxAction({ action: 'AgentLogoff', agent: '1001' }, 'pool-1')).toBe('Action: AgentLogoff\r\nActionID: pool-1\r\nAgent: 1001\r\n\r\n');
    expect(encodePbxAction({ action: 'AgentLogoff', agent: '1001', soft: true }, 'pool-2')).toBe(
      'Action: AgentLogoff\r\nActionID: pool-2\r\nAgent: 1001\r\nSoft: true\r\n\r\n',
    );
    expect(() => encodePbxAction({ action: 'AgentLogoff', agent: '1001\r\nAction: Hangup' }, 'pool-3')).toThrow(AmiEncodingError);
  });

  it('Originate to an application, byte for byte as queue-call-answered sent it', () => {
    expect(
      encodePbxAction(
        {
          action: 'Originate',
          channel: 'Local/s@inbound',
          callerId: '"Customer 0612345678" <0612345678>',
          application: 'Wait',
          data: '90',
          timeoutMs: 30000,
        },
        'queue-call-answered-9',
      ),
    ).toBe(sent('queue-call-answered', 'queue-call-answered-9'));
  });

  it('QueueAdd paused with a reason and a penalty carries the fields queue-status sent', () => {
    const frame = encodePbxAction(
      {
        action: 'QueueAdd',
        queue: 'helpdesk',
        interface: 'Local/1001@agent-phones/n',
        memberName: 'Agent 1001',
        stateInterface: 'SIP/1001',
        paused: true,
        reason: 'Meeting',
      },
      'queue-status-3',
    );
    expect(sorted(fieldsOf(frame))).toEqual(sorted(fieldsOf(sent('queue-status', 'queue-status-3'))));
    const withPenalty = encodePbxAction(
      {
        action: 'QueueAdd',
        queue: 'sales',
        interface: 'Local/1002@agent-phones/n',
        memberName: 'Agent 1002',
        stateInterface: 'SIP/1002',
        paused: false,
        penalty: 1,
      },
      'queue-status-6',
    );
    expect(sorted(fieldsOf(withPenalty))).toEqual(sorted(fieldsOf(sent('queue-status', 'queue-status-6'))));
  });

  it('Originate into the dialplan with variables: one Variable header each, Async last', () => {
    const frame = encodePbxAction(
      {
        action: 'Originate',
        channel: 'SIP/1001',
        context: 'from-agents',
        exten: 'gw-loginok',
        priority: 1,
        callerId: 'Switchboard <811>',
        timeoutMs: 15000,
        variables: { AGENT: '1001', NOTE: 'a=b' },
      },
      'o-1',
    );
    expect(fieldsOf(frame)).toEqual([
      ['Action', 'Originate'],
      ['ActionID', 'o-1'],
      ['Channel', 'SIP/1001'],
      ['CallerID', 'Switchboard <811>'],
      ['Context', 'from-agents'],
      ['Exten', 'gw-loginok'],
      ['Priority', '1'],
      ['Timeout', '15000'],
      ['Variable', 'AGENT=1001'],
      ['Variable', 'NOTE=a=b'],
      ['Async', 'true'],
    ]);
  });

  it('refuses an Originate with no destination or two, bad numbers and bad variable names', () => {
    const bad: PbxAction[] = [
      { action: 'Originate', channel: 'SIP/1' },
      { action: 'Originate', channel: 'SIP/1', context: 'c', exten: 'e', application: 'Wait' },
      { action: 'Originate', channel: 'SIP/1', application: 'Wait', timeoutMs: 1.5 },
      { action: 'Originate', channel: 'SIP/1', application: 'Wait', variables: { 'A=B': 'x' } },
      { action: 'Redirect', channel: 'SIP/1', context: 'c', exten: 'e', priority: Number.NaN },
      { action: 'QueueAdd', queue: 'q', interface: 'i', memberName: 'm', stateInterface: 's', paused: false, penalty: Infinity },
    ];
    for (const action of bad) expect(() => encodePbxAction(action, 'id')).toThrow(AmiEncodingError);
  });
});

describe('the injection guard', () => {
  const evils = ['Lunch\r\n\r\nAction: Hangup\r\nChannel: SIP/1001-1', 'Lunch\nAction: Hangup', 'Lunch\rX', 'Lu\0nch', '\r', '\n', '\0'];

  /** Every string field of every action, each set in turn to `evil`. */
  function poisoned(evil: string): PbxAction[] {
    const base: PbxAction[] = [
      { action: 'QueueAdd', queue: 'q', interface: 'i', memberName: 'm', stateInterface: 's', paused: false, reason: 'r' },
      { action: 'QueueRemove', queue: 'q', interface: 'i' },
      { action: 'QueuePause', queue: 'q', interface: 'i', paused: true, reason: 'r' },
      { action: 'QueueStatus', queue: 'q', member: 'm' },
      { action: 'Redirect', channel: 'c', context: 'x', exten: 'e', priority: 1 },
      { action: 'Setvar', channel: 'c', variable: 'v', value: 'x' },
      { action: 'QueueLog', queue: 'q', event: 'E', interface: 'i', uniqueId: 'u', message: 'm' },
      { action: 'Originate', channel: 'c', application: 'Wait', data: 'd', callerId: 'id', variables: { V: 'x' } },
      { action: 'Originate', channel: 'c', context: 'x', exten: 'e', priority: 1 },
    ];
    const out: PbxAction[] = [];
    for (const action of base) {
      for (const [key, value] of Object.entries(action)) {
        if (key === 'action') continue;
        if (typeof value === 'string') out.push({ ...action, [key]: evil } as PbxAction);
        if (key === 'variables') {
          out.push({ ...action, variables: { V: evil } } as PbxAction);
          out.push({ ...action, variables: { [evil]: 'x' } } as PbxAction);
        }
      }
    }
    return out;
  }

  it.each(evils)('refuses %j in every field of every action', (evil) => {
    const actions = poisoned(evil);
    expect(actions.length).toBeGreaterThan(25);
    for (const action of actions) {
      expect(() => encodePbxAction(action, 'id')).toThrow(AmiEncodingError);
    }
    expect(() => encodePbxAction({ action: 'Ping' }, evil)).toThrow(AmiEncodingError);
    expect(() => encodeLogin(evil, 's', 'id')).toThrow(AmiEncodingError);
    expect(() => encodeLogin('u', evil, 'id')).toThrow(AmiEncodingError);
  });

  it('gives the error a stable code', () => {
    try {
      encodeMessage([['Action', 'Ping\r\n']]);
      throw new Error('did not throw');
    } catch (error) {
      expect(error).toBeInstanceOf(AmiEncodingError);
      expect((error as AmiEncodingError).code).toBe('ami_encoding');
    }
  });

  it('refuses header names that are empty or hold a colon, whitespace, CR, LF or NUL', () => {
    for (const name of ['', 'A:B', 'A B', 'A\tB', 'A\r', 'A\n', 'A\0']) {
      expect(() => encodeMessage([[name, 'x']])).toThrow(AmiEncodingError);
    }
  });

  it('renders "Name: value" lines and the blank line', () => {
    expect(encodeMessage([['Action', 'Ping'], ['ActionID', 'a: b']])).toBe('Action: Ping\r\nActionID: a: b\r\n\r\n');
    expect(encodeMessage([])).toBe('\r\n');
  });

  // Any Unicode text, and text rich in the characters that matter to AMI framing.
  const typed = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary-ascii', maxLength: 30 }),
    fc.array(fc.constantFrom('a', ' ', ':', '\r', '\n', '\0', '\r\n\r\n', 'Action: Hangup', 'é'), { maxLength: 12 }).map((p) => p.join('')),
  );

  it('whatever a user types, the PBX reads exactly one action with exactly the fields given', () => {
    fc.assert(
      fc.property(typed, typed, (memberName, reason) => {
        const action: PbxAction = { action: 'QueueAdd', queue: 'helpdesk', interface: 'Local/1@a/n', memberName, stateInterface: 'SIP/1', paused: true, reason };
        let frame: string;
        try {
          frame = encodePbxAction(action, 'id-1');
        } catch (error) {
          // Refused, and only for the reason it exists.
          return error instanceof AmiEncodingError && /[\r\n\0]/.test(memberName + reason);
        }
        const frames = new AmiFrameParser({ expectBanner: false }).push(frame);
        if (frames.length !== 1 || frames[0].kind !== 'message') return false;
        const m = frames[0].message;
        return (
          m.getAll('Action').length === 1 &&
          m.get('Action') === 'QueueAdd' &&
          m.fields.length === 8 &&
          m.get('MemberName') === memberName &&
          m.get('Reason') === reason
        );
      }),
      { numRuns: 500 },
    );
  });
});
