import type { PbxActionReply } from '@switchboard/contracts';
import type { AmiMessage } from './ami-message';
import { ActionCorrelator, type CorrelationOutcome } from './correlator';
import { AmiFrameParser } from './frame-parser';
import { captureFrames, captureNames } from './testing/captures';

function parse(text: string): AmiMessage[] {
  return new AmiFrameParser({ expectBanner: false }).push(text).flatMap((f) => (f.kind === 'message' ? [f.message] : []));
}

interface Replayed {
  readonly completions: Map<string, PbxActionReply[]>;
  readonly registered: string[];
  /** Events the correlator left alone: what the gateway publishes. */
  readonly spontaneous: AmiMessage[];
  readonly consumedEvents: AmiMessage[];
  readonly correlator: ActionCorrelator;
}

/**
 * Plays a capture in recorded order, as the gateway would: each "out" action is registered when
 * it was sent (Originate awaiting its OriginateResponse), each "in" frame is accepted.
 */
function replay(name: string, skip: (action: AmiMessage) => boolean = () => false): Replayed {
  const correlator = new ActionCorrelator();
  const parser = new AmiFrameParser();
  const completions = new Map<string, PbxActionReply[]>();
  const registered: string[] = [];
  const spontaneous: AmiMessage[] = [];
  const consumedEvents: AmiMessage[] = [];
  for (const frame of captureFrames(name)) {
    if (frame.dir === 'out') {
      // One "out" frame may hold two actions (two Pings with one ActionID in one write).
      for (const action of parse(frame.raw)) {
        const id = action.actionId;
        if (id === undefined || skip(action)) continue;
        // As the gateway does: every Originate waits for its OriginateResponse (errors-after-login
        // sends two without Async; they fail, and the Error response must complete them).
        const originate = action.get('Action')?.toLowerCase() === 'originate';
        correlator.register(id, originate ? { asyncEvent: 'OriginateResponse' } : undefined);
        registered.push(id);
      }
      continue;
    }
    for (const f of parser.push(frame.raw)) {
      if (f.kind !== 'message') continue;
      const outcome = correlator.accept(f.message);
      if (outcome.completed) {
        const list = completions.get(outcome.completed.actionId) ?? [];
        list.push(outcome.completed.reply);
        completions.set(outcome.completed.actionId, list);
      }
      if (f.message.kind === 'event') (outcome.consumed ? consumedEvents : spontaneous).push(f.message);
    }
  }
  return { completions, registered, spontaneous, consumedEvents, correlator };
}

describe('ActionCorrelator on whole captures', () => {
  it.each(captureNames())('%s: every action gets exactly one reply, lists are complete, no event is taken for a reply', (name) => {
    const { completions, registered, spontaneous, consumedEvents, correlator } = replay(name);
    expect(registered.length).toBeGreaterThan(0);
    expect(correlator.pendingCount).toBe(0);
    const ids = [...new Set(registered)];
    expect([...completions.keys()].sort()).toEqual(ids.sort());
    for (const id of ids) expect(completions.get(id)).toHaveLength(registered.filter((r) => r === id).length);
    for (const reply of [...completions.values()].flat()) {
      if (reply.items) expect(reply.items).toHaveLength(Number(reply.fields['ListItems']));
    }
    // Only replies are consumed: list items and OriginateResponse, each with a registered ActionID.
    for (const m of consumedEvents) expect(registered).toContain(m.actionId);
    // Spontaneous events carry no ActionID, except SIPQualifyPeerDone: chan_sip broadcasts it to
    // every session after the action has been answered, so it is an event, not a reply.
    for (const m of spontaneous) {
      if (m.actionId !== undefined) expect(m.get('Event')).toBe('SIPQualifyPeerDone');
    }
  });
});

describe('ActionCorrelator', () => {
  it('collects a QueueStatus list: start … items … Complete, with the Complete fields kept', () => {
    const { completions, spontaneous } = replay('queue-status');
    const [reply] = completions.get('queue-status-8') ?? [];
    expect(reply).toMatchObject({ ok: true, response: 'Success', message: 'Queue status will follow' });
    // Expected straight from the recording: the "in" frames carrying the ActionID, minus the
    // response and the Complete event.
    const recorded = captureFrames('queue-status').filter((f) => f.dir === 'in' && f.raw.includes('\r\nActionID: queue-status-8\r\n'));
    const expectedEvents = recorded.map((f) => /^Event: (\w+)/.exec(f.raw)?.[1]).filter((e) => e !== undefined && e !== 'QueueStatusComplete');
    expect(expectedEvents).toHaveLength(7);
    expect(reply.items?.map((i) => i['Event'])).toEqual(expectedEvents);
    expect(reply.fields).toMatchObject({ EventList: 'start', ActionID: 'queue-status-8', ListItems: '7' });
    expect(reply.items?.filter((i) => i['Event'] === 'QueueMember')).toEqual(
      expect.arrayContaining([expect.objectContaining({ Location: 'Local/1001@agent-phones/n', Name: 'Agent 1001', PausedReason: 'Meeting' })]),
    );
    expect(spontaneous.some((m) => m.get('Event') === 'QueueMember')).toBe(false);
  });

  it('an empty list (QueueStatus of an unknown queue) completes with no items', () => {
    const [reply] = replay('errors-after-login').completions.get('errors-after-login-9') ?? [];
    expect(reply).toMatchObject({ ok: true, items: [], fields: expect.objectContaining({ ListItems: '0' }) });
  });

  it('DeviceStateList items are consumed while the same event without ActionID stays spontaneous', () => {
    const { completions, spontaneous, consumedEvents } = replay('sip-registration');
    const [list] = completions.get('sip-registration-5') ?? [];
    expect(list.items?.length).toBeGreaterThan(0);
    expect(list.items?.every((i) => i['Event'] === 'DeviceStateChange')).toBe(true);
    expect(consumedEvents.filter((m) => m.get('Event') === 'DeviceStateChange').length).toBe(list.items?.length);
    expect(spontaneous.filter((m) => m.get('Event') === 'DeviceStateChange').length).toBeGreaterThan(0);
  });

  it('completes an Originate on its OriginateResponse, after the channel events that came first', () => {
    const correlator = new ActionCorrelator();
    correlator.register('agent-feature-code-2', { asyncEvent: 'OriginateResponse' });
    const outcomes: Array<{ m: AmiMessage; outcome: CorrelationOutcome }> = [];
    const parser = new AmiFrameParser();
    for (const frame of captureFrames('agent-feature-code').filter((f) => f.dir === 'in')) {
      for (const f of parser.push(frame.raw)) if (f.kind === 'message') outcomes.push({ m: f.message, outcome: correlator.accept(f.message) });
    }
    const queued = outcomes.findIndex((o) => o.m.kind === 'response' && o.m.actionId === 'agent-feature-code-2');
    const done = outcomes.findIndex((o) => o.outcome.completed !== undefined);
    expect(outcomes[queued].outcome).toEqual({ consumed: true });
    expect(outcomes[done].m.get('Event')).toBe('OriginateResponse');
    // Channel events of the new call arrive between the two and are not replies.
    const between = outcomes.slice(queued + 1, done);
    expect(between.length).toBeGreaterThan(0);
    expect(between.every((o) => !o.outcome.consumed)).toBe(true);
    expect(outcomes[done].outcome.completed?.reply).toMatchObject({
      ok: true,
      message: 'Originate successfully queued',
      fields: expect.objectContaining({
        Event: 'OriginateResponse',
        Reason: '4',
        Channel: 'Local/811@from-agents-00000000;1',
        Message: 'Originate successfully queued',
      }),
    });
    expect(outcomes.filter((o) => o.outcome.completed)).toHaveLength(1);
    expect(correlator.pendingCount).toBe(0);
  });

  it('completes a failed Originate on its Error response: no OriginateResponse follows', () => {
    const [reply] = replay('errors-after-login').completions.get('errors-after-login-13') ?? [];
    expect(reply).toMatchObject({ ok: false, response: 'Error', message: 'Originate failed' });
  });

  it('leaves unrelated events alone while an action waits, then matches its response', () => {
    const correlator = new ActionCorrelator();
    correlator.register('a-1');
    const [newexten, response, after] = parse(
      'Event: Newexten\r\nChannel: SIP/1001-1\r\n\r\nResponse: Success\r\nActionID: a-1\r\nMessage: Redirect successful\r\n\r\nEvent: Hangup\r\n\r\n',
    );
    expect(correlator.accept(newexten)).toEqual({ consumed: false });
    expect(correlator.accept(response)).toEqual({
      consumed: true,
      completed: {
        actionId: 'a-1',
        reply: { ok: true, response: 'Success', message: 'Redirect successful', fields: { Response: 'Success', ActionID: 'a-1', Message: 'Redirect successful' } },
      },
    });
    expect(correlator.accept(after)).toEqual({ consumed: false });
  });

  it('serves two actions with the same ActionID first in, first out (errors-after-login dup-1)', () => {
    const { completions } = replay('errors-after-login');
    const replies = completions.get('dup-1') ?? [];
    expect(replies.map((r) => r.fields['Timestamp'])).toEqual(['1795335132.529784', '1795335132.529942']);
  });

  it('keeps first in, first out when two actions with one ActionID wait for different things', () => {
    const correlator = new ActionCorrelator();
    correlator.register('d', { asyncEvent: 'OriginateResponse' });
    correlator.register('d');
    const [queued, ping, result] = parse(
      'Response: Success\r\nActionID: d\r\nMessage: Originate successfully queued\r\n\r\n' +
        'Response: Success\r\nActionID: d\r\nPing: Pong\r\n\r\n' +
        'Event: OriginateResponse\r\nActionID: d\r\nResponse: Success\r\n\r\n',
    );
    expect(correlator.accept(queued)).toEqual({ consumed: true });
    expect(correlator.accept(ping).completed?.reply.fields['Ping']).toBe('Pong');
    expect(correlator.accept(result).completed?.reply.message).toBe('Originate successfully queued');
    expect(correlator.pendingCount).toBe(0);
  });

  it('consumes responses with an unknown or missing ActionID without completing anything', () => {
    const { completions } = replay('errors-after-login');
    expect(completions.size).toBeGreaterThan(0);
    const correlator = new ActionCorrelator();
    correlator.register('mine');
    const [noId, unknown, mine] = parse(
      'Response: Success\r\nPing: Pong\r\n\r\nResponse: Success\r\nActionID: other\r\n\r\nResponse: Error\r\nActionID: mine\r\nMessage: Unable to add interface: Already there\r\n\r\n',
    );
    expect(correlator.accept(noId)).toEqual({ consumed: true });
    expect(correlator.accept(unknown)).toEqual({ consumed: true });
    expect(correlator.pendingCount).toBe(1);
    expect(correlator.accept(mine).completed?.reply).toMatchObject({ ok: false, message: 'Unable to add interface: Already there' });
  });

  it('is case-insensitive where Asterisk is: actionid and success', () => {
    const correlator = new ActionCorrelator();
    correlator.register('lowercase-1');
    const [m] = parse('response: success\r\nactionid: lowercase-1\r\n\r\n');
    expect(correlator.accept(m).completed?.reply.ok).toBe(true);
  });

  it('after cancel (a timeout), the late reply completes nothing and its list items are still not events', () => {
    const correlator = new ActionCorrelator();
    correlator.register('late');
    expect(correlator.cancel('late')).toBe(1);
    expect(correlator.pendingCount).toBe(0);
    const [start, item, end, spontaneous] = parse(
      'Response: Success\r\nActionID: late\r\nEventList: start\r\n\r\n' +
        'Event: DeviceStateChange\r\nActionID: late\r\nDevice: SIP/1\r\nState: INUSE\r\n\r\n' +
        'Event: DeviceStateListComplete\r\nActionID: late\r\nEventList: Complete\r\nListItems: 1\r\n\r\n' +
        'Event: DeviceStateChange\r\nActionID: late\r\nDevice: SIP/1\r\n\r\n',
    );
    expect(correlator.accept(start)).toEqual({ consumed: true });
    expect(correlator.accept(item)).toEqual({ consumed: true });
    expect(correlator.accept(end)).toEqual({ consumed: true });
    // The list is over: the id is forgotten.
    expect(correlator.accept(spontaneous)).toEqual({ consumed: false });
    expect(correlator.cancel('late')).toBe(0);
  });

  it('a cancelled Originate still swallows its late OriginateResponse', () => {
    const correlator = new ActionCorrelator();
    correlator.register('o', { asyncEvent: 'OriginateResponse' });
    const [queued, result] = parse('Response: Success\r\nActionID: o\r\nMessage: Originate successfully queued\r\n\r\nEvent: OriginateResponse\r\nActionID: o\r\nResponse: Failure\r\n\r\n');
    expect(correlator.accept(queued)).toEqual({ consumed: true });
    correlator.cancel('o');
    expect(correlator.accept(result)).toEqual({ consumed: true });
  });

  it('reports a failed OriginateResponse as not ok', () => {
    const correlator = new ActionCorrelator();
    correlator.register('o', { asyncEvent: 'OriginateResponse' });
    const [queued, result] = parse('Response: Success\r\nActionID: o\r\nMessage: Originate successfully queued\r\n\r\nEvent: OriginateResponse\r\nActionID: o\r\nResponse: Failure\r\nReason: 0\r\n\r\n');
    correlator.accept(queued);
    expect(correlator.accept(result).completed?.reply).toMatchObject({ ok: false, response: 'Failure', message: 'Originate successfully queued' });
  });

  it('items of a list nobody registered are consumed too (never published as events)', () => {
    const correlator = new ActionCorrelator();
    const [start, item, end] = parse(
      'Response: Success\r\nActionID: stray\r\nEventList: start\r\n\r\nEvent: QueueMember\r\nActionID: stray\r\n\r\nEvent: QueueStatusComplete\r\nActionID: stray\r\nEventList: Complete\r\n\r\n',
    );
    expect([start, item, end].map((m) => correlator.accept(m))).toEqual([{ consumed: true }, { consumed: true }, { consumed: true }]);
    expect(correlator.pendingCount).toBe(0);
  });

  it('an event carrying an ActionID that is not a reply stays spontaneous (a UserEvent sent by another client)', () => {
    const correlator = new ActionCorrelator();
    correlator.register('o', { asyncEvent: 'OriginateResponse' });
    const [queued, user] = parse('Response: Success\r\nActionID: o\r\n\r\nEvent: UserEvent\r\nActionID: o\r\nUserEvent: X\r\n\r\n');
    correlator.accept(queued);
    expect(correlator.accept(user)).toEqual({ consumed: false });
    expect(correlator.pendingCount).toBe(1);
  });

  it('forgets old cancelled actions, so a PBX that never answers does not grow it forever', () => {
    const correlator = new ActionCorrelator();
    for (let i = 0; i < 5000; i++) {
      correlator.register(`t-${i}`);
      correlator.cancel(`t-${i}`);
    }
    const internal = correlator as unknown as { pending: Map<string, unknown> };
    expect(internal.pending.size).toBeLessThanOrEqual(1000);
    // The newest cancelled ones are still recognised.
    const [late] = parse('Response: Success\r\nActionID: t-4999\r\nEventList: start\r\n\r\n');
    expect(correlator.accept(late)).toEqual({ consumed: true });
  });
});
