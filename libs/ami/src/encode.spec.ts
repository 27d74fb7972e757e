import type { PbxAction } from '@switchboard/contracts';
import { AmiEncodingError, encodeLogin, encodeMessage, encodePbxAction } from './encode';
import { captureFrames } from './testing/captures';

const outFrames = (name: string) => captureFrames(name).filter((f) => f.dir === 'out').map((f) => f.raw);

describe('encodePbxAction', () => {
  it('writes QueueAdd, Redirect and QueueRemove byte for byte as the capture sent them', () => {
    const sent = outFrames('feature-code-sip-phone');
    const add: PbxAction = {
      action: 'QueueAdd',
      queue: 'helpdesk',
      interface: 'Local/1001@agent-phones/n',
      memberName: 'Agent 1001',
      stateInterface: 'SIP/1001',
      paused: false,
    };
    expect(encodePbxAction(add, 'feature-code-sip-phone-3')).toBe(sent[2]);
    expect(
      encodePbxAction(
        { action: 'Redirect', channel: 'SIP/1001-00000001', context: 'from-agents', exten: 'gw-loginok', priority: 1 },
        'feature-code-sip-phone-4',
      ),
    ).toBe(sent[3]);
    expect(
      encodePbxAction({ action: 'QueueRemove', queue: 'helpdesk', interface: 'Local/1001@agent-phones/n' }, 'feature-code-sip-phone-6'),
    ).toBe(sent[5]);
    expect(encodePbxAction({ action: 'QueueStatus', queue: 'helpdesk' }, 'feature-code-sip-phone-5')).toBe(sent[4]);
  });

  it('writes the login as the capture did', () => {
    expect(encodeLogin('gateway', 'gateway-secret', 'feature-code-sip-phone-1')).toBe(outFrames('feature-code-sip-phone')[0]);
  });

  it('pauses in every queue when no queue is given (AMI semantics)', () => {
    const frame = encodePbxAction({ action: 'QueuePause', interface: 'Local/1001@agent-phones/n', paused: true, reason: 'Break' }, 'x');
    expect(frame).not.toContain('Queue:');
    expect(frame).toContain('Reason: Break\r\n');
  });

  const injections = ['Lunch\r\nAction: Hangup', 'Lunch\nAction: Hangup', 'Lunch\rX', 'Lu\0nch'];
  it.each(injections)('refuses %j in any field, so no second action can be smuggled in', (evil) => {
    const actions: PbxAction[] = [
      { action: 'QueuePause', interface: 'Local/1001@agent-phones/n', paused: true, reason: evil },
      { action: 'QueueAdd', queue: 'helpdesk', interface: 'Local/1@x/n', memberName: evil, stateInterface: 'SIP/1', paused: false },
      { action: 'Redirect', channel: evil, context: 'c', exten: 'e', priority: 1 },
      { action: 'QueueLog', queue: 'helpdesk', event: 'GWLOGIN', message: evil },
      { action: 'Setvar', variable: 'X', value: evil },
    ];
    for (const action of actions) expect(() => encodePbxAction(action, 'id')).toThrow(AmiEncodingError);
    expect(() => encodePbxAction({ action: 'Ping' }, evil)).toThrow(AmiEncodingError);
  });
});

describe('encodeMessage', () => {
  it('refuses header names that are empty or hold a colon or whitespace', () => {
    expect(() => encodeMessage([['', 'x']])).toThrow(AmiEncodingError);
    expect(() => encodeMessage([['A:B', 'x']])).toThrow(AmiEncodingError);
    expect(() => encodeMessage([['A B', 'x']])).toThrow(AmiEncodingError);
  });

  it('ends the frame with a blank line', () => {
    expect(encodeMessage([['Action', 'Ping']])).toBe('Action: Ping\r\n\r\n');
  });
});
