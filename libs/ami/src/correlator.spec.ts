import { ActionCorrelator } from './correlator';
import { AmiFrameParser } from './frame-parser';
import type { AmiMessage } from './ami-message';
import { captureBytes, captureFrames } from './testing/captures';

function messages(name: string): AmiMessage[] {
  return new AmiFrameParser().push(captureBytes(name)).flatMap((f) => (f.kind === 'message' ? [f.message] : []));
}

function parse(text: string): AmiMessage[] {
  return new AmiFrameParser({ expectBanner: false }).push(text).flatMap((f) => (f.kind === 'message' ? [f.message] : []));
}

describe('ActionCorrelator', () => {
  it('collects a QueueStatus list response (start … Complete) and leaves spontaneous events alone', () => {
    const all = messages('queue-status');
    const sent = captureFrames('queue-status').find((f) => f.dir === 'out' && f.raw.startsWith('Action: QueueStatus'));
    const actionId = /ActionID: (\S+)/.exec(sent?.raw ?? '')?.[1] as string;
    const correlator = new ActionCorrelator();
    correlator.register(actionId);
    const completed = [];
    let spontaneous = 0;
    for (const m of all) {
      const outcome = correlator.accept(m);
      if (outcome.completed) completed.push(outcome.completed);
      if (!outcome.consumed && m.kind === 'event') spontaneous++;
    }
    expect(completed).toHaveLength(1);
    const reply = completed[0].reply;
    expect(reply.ok).toBe(true);
    expect(reply.items?.length).toBeGreaterThan(0);
    expect(reply.items?.length).toBe(Number(reply.fields['ListItems']));
    expect(reply.items?.every((i) => i['ActionID'] === actionId)).toBe(true);
    expect(spontaneous).toBeGreaterThan(0);
    expect(correlator.pendingCount).toBe(0);
  });

  it('completes an Originate on its OriginateResponse event, not on the queued response', () => {
    const all = messages('agent-feature-code');
    const originateId = all.find((m) => m.get('Event') === 'OriginateResponse')?.actionId;
    expect(originateId).toBeDefined();
    const correlator = new ActionCorrelator();
    correlator.register(originateId as string, { asyncEvent: 'OriginateResponse' });
    const completions = all.map((m) => ({ m, outcome: correlator.accept(m) })).filter((x) => x.outcome.completed);
    expect(completions).toHaveLength(1);
    expect(completions[0].m.get('Event')).toBe('OriginateResponse');
    expect(completions[0].outcome.completed?.reply).toMatchObject({ ok: true, message: 'Originate successfully queued' });
  });

  it('matches a response that arrives after unrelated events', () => {
    const correlator = new ActionCorrelator();
    correlator.register('a-1');
    const [event, response] = parse('Event: Newexten\r\nChannel: SIP/1001-1\r\n\r\nResponse: Success\r\nActionID: a-1\r\nMessage: Redirect successful\r\n\r\n');
    expect(correlator.accept(event)).toEqual({ consumed: false });
    expect(correlator.accept(response).completed).toMatchObject({ actionId: 'a-1', reply: { ok: true, message: 'Redirect successful' } });
  });

  it('reports errors as replies and consumes responses nobody waits for', () => {
    const correlator = new ActionCorrelator();
    correlator.register('b-1');
    const [error, stray] = parse(
      'Response: Error\r\nActionID: b-1\r\nMessage: Unable to add interface: Already there\r\n\r\nResponse: Success\r\nActionID: other\r\n\r\n',
    );
    expect(correlator.accept(error).completed?.reply).toMatchObject({ ok: false, message: 'Unable to add interface: Already there' });
    expect(correlator.accept(stray)).toEqual({ consumed: true });
  });

  it('gives the first of two responses with a reused ActionID to its action and drops the second', () => {
    const correlator = new ActionCorrelator();
    correlator.register('dup');
    const [a, b] = parse('Response: Success\r\nActionID: dup\r\nPing: Pong\r\n\r\nResponse: Success\r\nActionID: dup\r\nPing: Pong\r\n\r\n');
    expect(correlator.accept(a).completed?.actionId).toBe('dup');
    expect(correlator.accept(b)).toEqual({ consumed: true });
  });

  it('forgets a cancelled action (timed out)', () => {
    const correlator = new ActionCorrelator();
    correlator.register('late');
    correlator.cancel('late');
    const [late] = parse('Response: Success\r\nActionID: late\r\n\r\n');
    expect(correlator.accept(late).completed).toBeUndefined();
    expect(correlator.pendingCount).toBe(0);
  });
});

describe('queueStatusSnapshot', () => {
  it('turns the QueueStatus list of the capture into members and waiting callers', async () => {
    const { queueStatusSnapshot } = await import('./queue-status-snapshot');
    const all = messages('queue-status');
    const sent = captureFrames('queue-status').find((f) => f.dir === 'out' && f.raw.startsWith('Action: QueueStatus'));
    const actionId = /ActionID: (\S+)/.exec(sent?.raw ?? '')?.[1] as string;
    const correlator = new ActionCorrelator();
    correlator.register(actionId);
    const reply = all.map((m) => correlator.accept(m).completed).find(Boolean)?.reply;
    const snapshot = queueStatusSnapshot(reply as NonNullable<typeof reply>, 'connected');
    expect(snapshot.members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ queue: 'helpdesk', interface: 'Local/1001@agent-phones/n', memberName: 'Agent 1001', paused: true, pausedReason: 'Meeting' }),
        expect.objectContaining({ queue: 'sales', interface: 'Local/1003@agent-phones/n', stateInterface: 'SIP/1003' }),
      ]),
    );
    expect(snapshot.callers).toEqual([expect.objectContaining({ queue: 'helpdesk', position: 1 })]);
  });
});
