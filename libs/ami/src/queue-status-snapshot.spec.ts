import type { PbxActionReply } from '@switchboard/contracts';
import { ActionCorrelator } from './correlator';
import { AmiFrameParser } from './frame-parser';
import { queueStatusSnapshot } from './queue-status-snapshot';
import { captureBytes } from './testing/captures';

/** The reply to one QueueStatus of a capture, as the correlator assembles it. */
function queueStatusReply(capture: string, actionId: string): PbxActionReply {
  const correlator = new ActionCorrelator();
  correlator.register(actionId);
  for (const frame of new AmiFrameParser().push(captureBytes(capture))) {
    if (frame.kind !== 'message') continue;
    const done = correlator.accept(frame.message).completed;
    if (done) return done.reply;
  }
  throw new Error(`no reply to ${actionId} in ${capture}`);
}

describe('queueStatusSnapshot', () => {
  it('turns the QueueStatus list of queue-status into members and waiting callers', () => {
    const snapshot = queueStatusSnapshot(queueStatusReply('queue-status', 'queue-status-8'), 'connected');
    expect(snapshot.reason).toBe('connected');
    expect(snapshot.members.map((m) => `${m.queue}/${m.memberName}`).sort()).toEqual([
      'helpdesk/Agent 1001',
      'helpdesk/Agent 1002',
      'sales/Agent 1002',
      'sales/Agent 1003',
    ]);
    expect(snapshot.members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ queue: 'helpdesk', interface: 'Local/1001@agent-phones/n', paused: true, pausedReason: 'Meeting' }),
        expect.objectContaining({ queue: 'helpdesk', interface: 'Local/1002@agent-phones/n', paused: true, pausedReason: 'Training' }),
        expect.objectContaining({ queue: 'sales', interface: 'Local/1002@agent-phones/n', penalty: 1, paused: false }),
        expect.objectContaining({ queue: 'sales', interface: 'Local/1003@agent-phones/n', stateInterface: 'SIP/1003' }),
      ]),
    );
    expect(snapshot.callers).toEqual([
      {
        queue: 'helpdesk',
        position: 1,
        channel: 'Local/s@inbound-00000009;2',
        uniqueid: '1795335099.20',
        callerIdNum: '0633000001',
        waitSeconds: 3,
      },
    ]);
  });

  it('shows a member whose phone went away as unavailable, and back (phone-unregister-while-member)', () => {
    const status = (id: string) =>
      queueStatusSnapshot(queueStatusReply('phone-unregister-while-member', id), 'requested').members.map((m) => [m.memberName, m.status]);
    expect(status('phone-unregister-while-member-4')).toEqual([['Agent 1002', 'not_in_use']]);
    expect(status('phone-unregister-while-member-5')).toEqual([['Agent 1002', 'unavailable']]);
  });

  it('is empty for an empty list and for a reply without items', () => {
    expect(queueStatusSnapshot(queueStatusReply('errors-after-login', 'errors-after-login-9'), 'fully-booted')).toEqual({
      reason: 'fully-booted',
      members: [],
      callers: [],
    });
    expect(queueStatusSnapshot({ ok: false, response: 'Error', message: 'Permission denied', fields: {} }, 'requested')).toEqual({
      reason: 'requested',
      members: [],
      callers: [],
    });
  });
});
