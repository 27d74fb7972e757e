// QueueManager without sockets: event order of membership changes, the avail/pause devices,
// whom each strategy rings, and the QueueSummary counting rules.

import type { AmiFields } from './channel';
import { DeviceStates } from './devices';
import { QueueManager } from './queues';

function setup(strategy: 'rrmemory' | 'leastrecent' | 'ringall' = 'rrmemory') {
  const emitted: AmiFields[] = [];
  const emit = (f: AmiFields): void => {
    emitted.push(f);
  };
  const devices = new DeviceStates(emit);
  for (const ext of ['1001', '1002', '1003']) devices.init(`SIP/${ext}`, 'NOT_INUSE');
  const queues = new QueueManager([{ name: 'q', strategy }], devices, emit);
  const add = (ext: string, extra: { penalty?: number; paused?: boolean } = {}) =>
    queues.add({
      queue: 'q',
      interface: `Local/${ext}@agent-phones/n`,
      memberName: `Agent ${ext}`,
      stateInterface: `SIP/${ext}`,
      ...extra,
    });
  const summary = (f: AmiFields): string => {
    const r = Object.fromEntries(f);
    return [r['Event'], r['Device'] ?? r['Interface'] ?? '', r['State'] ?? r['Status'] ?? ''].join(
      ' ',
    );
  };
  return { emitted, devices, queues, add, summary };
}

const always = (): boolean => true;

describe('QueueManager', () => {
  it('add: pause device (first time), QueueMemberAdded, then the avail device once', () => {
    const { emitted, add, summary } = setup();
    expect(add('1001')).toBe('ok');
    expect(add('1002')).toBe('ok');
    expect(add('1002')).toBe('exists');
    expect(emitted.map(summary)).toEqual([
      'DeviceStateChange Queue:q_pause_Local/1001@agent-phones/n NOT_INUSE',
      'QueueMemberAdded Local/1001@agent-phones/n 1',
      'DeviceStateChange Queue:q_avail NOT_INUSE',
      'DeviceStateChange Queue:q_pause_Local/1002@agent-phones/n NOT_INUSE',
      'QueueMemberAdded Local/1002@agent-phones/n 1',
    ]);
  });

  it('a member added while its phone is in use shows Status 2 and leaves avail INUSE', () => {
    const { emitted, devices, add, summary } = setup();
    devices.init('SIP/1001', 'INUSE');
    add('1001');
    expect(emitted.map(summary)).toEqual([
      'DeviceStateChange Queue:q_pause_Local/1001@agent-phones/n NOT_INUSE',
      'QueueMemberAdded Local/1001@agent-phones/n 2',
    ]);
  });

  it('pause: pause device, avail device, then QueueMemberPause', () => {
    const { emitted, queues, add, summary } = setup();
    add('1001');
    emitted.length = 0;
    expect(queues.pause('Local/1001@agent-phones/n', true, 'Lunch')).toBe(true);
    expect(emitted.map(summary)).toEqual([
      'DeviceStateChange Queue:q_pause_Local/1001@agent-phones/n INUSE',
      'DeviceStateChange Queue:q_avail INUSE',
      'QueueMemberPause Local/1001@agent-phones/n 1',
    ]);
    expect(queues.pause('Local/9999@agent-phones/n', true, '')).toBe(false);
  });

  it('device changes of a state interface become QueueMemberStatus', () => {
    const { emitted, devices, add, summary } = setup();
    add('1001');
    emitted.length = 0;
    devices.publish('SIP/1001', 'RINGING');
    expect(emitted.map(summary)).toEqual([
      'DeviceStateChange SIP/1001 RINGING',
      'QueueMemberStatus Local/1001@agent-phones/n 6',
      'DeviceStateChange Queue:q_avail INUSE',
    ]);
  });

  it('rrmemory rotates through the available members', () => {
    const { queues, add, devices } = setup('rrmemory');
    add('1001');
    add('1002');
    add('1003');
    const next = (): string | undefined => queues.pick('q', always)[0]?.memberName;
    expect([next(), next(), next(), next()]).toEqual([
      'Agent 1001',
      'Agent 1002',
      'Agent 1003',
      'Agent 1001',
    ]);
    devices.publish('SIP/1002', 'INUSE');
    expect([next(), next()]).toEqual(['Agent 1003', 'Agent 1001']);
  });

  it('leastrecent prefers members who never took a call, then the longest idle', () => {
    const { queues, add } = setup('leastrecent');
    add('1001');
    add('1002');
    const [m1, m2] = queues.members('q');
    if (!m1 || !m2) throw new Error('members missing');
    queues.recordComplete('q', m1, 1, 10);
    expect(queues.pick('q', always)[0]?.memberName).toBe('Agent 1002');
    m1.lastCall -= 100;
    queues.recordComplete('q', m2, 1, 10);
    expect(queues.pick('q', always)[0]?.memberName).toBe('Agent 1001');
  });

  it('ringall rings every available member of the lowest penalty', () => {
    const { queues, add } = setup('ringall');
    add('1001');
    add('1002');
    add('1003', { penalty: 1 });
    expect(queues.pick('q', always).map((m) => m.memberName)).toEqual(['Agent 1001', 'Agent 1002']);
  });

  it('never picks paused, busy or excluded members', () => {
    const { queues, add, devices } = setup('rrmemory');
    add('1001', { paused: true });
    add('1002');
    add('1003');
    devices.publish('SIP/1003', 'UNAVAILABLE');
    expect(queues.pick('q', (m) => m.memberName !== 'Agent 1002')).toEqual([]);
    expect(queues.pick('q', always).map((m) => m.memberName)).toEqual(['Agent 1002']);
  });

  it('QueueSummary does not count unavailable members as logged in', () => {
    const { queues, add, devices } = setup();
    add('1001');
    add('1002', { paused: true });
    devices.publish('SIP/1001', 'UNAVAILABLE');
    expect(queues.summary('q')).toMatchObject({ loggedIn: 1, available: 0 });
    expect(queues.summary('nope')).toBeUndefined();
  });

  it('writes queue_log lines like Asterisk', () => {
    const { queues, add } = setup();
    add('1001');
    queues.pause('Local/1001@agent-phones/n', true, 'Coffee', 'q');
    queues.remove('q', 'Local/1001@agent-phones/n');
    expect(queues.queueLogLines().map((l) => l.replace(/^\d+\|/, ''))).toEqual([
      'MANAGER|q|Local/1001@agent-phones/n|ADDMEMBER|',
      'NONE|q|Agent 1001|PAUSE|Coffee',
      'MANAGER|q|Local/1001@agent-phones/n|REMOVEMEMBER|',
    ]);
  });
});
