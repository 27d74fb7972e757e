// Queue membership over TCP: QueueAdd/Remove/Pause/Penalty, QueueStatus/QueueSummary lists,
// member status following the phone, custom device states and QueueLog — compared with the
// captures header by header, and error texts word for word.

import type { AmiMessage } from '@switchboard/ami';
import { PbxSimulator } from './simulator';
import { captureEvent, captureFrame, captureListItem, captureResponse } from './testing/captures';
import { AmiTestClient, headerNames } from './testing/ami-test-client';

const IFACE_1001 = 'Local/1001@agent-phones/n';
const IFACE_1002 = 'Local/1002@agent-phones/n';

function add(
  client: AmiTestClient,
  queue: string,
  ext: string,
  extra: Array<[string, string]> = [],
): Promise<AmiMessage> {
  const headers: Array<[string, string]> = [
    ['Queue', queue],
    ['Interface', `Local/${ext}@agent-phones/n`],
    ['MemberName', `Agent ${ext}`],
    ['StateInterface', `SIP/${ext}`],
    ['Paused', 'false'],
  ];
  for (const [name, value] of extra) {
    const existing = headers.find(([k]) => k === name);
    if (existing) existing[1] = value;
    else headers.push([name, value]);
  }
  return client.action('QueueAdd', headers);
}

/** Index of the first message after `from` satisfying the predicate (-1 if none). */
function indexOf(
  client: AmiTestClient,
  from: number,
  predicate: (m: AmiMessage) => boolean,
): number {
  const i = client.messages.slice(from).findIndex(predicate);
  return i < 0 ? -1 : from + i;
}

describe('queue members (over TCP)', () => {
  let sim: PbxSimulator;
  let client: AmiTestClient;

  beforeEach(async () => {
    sim = new PbxSimulator({
      seed: 3,
      hints: [{ exten: '*8111', device: 'Custom:agent-1001-helpdesk' }],
    });
    const { port } = await sim.start();
    client = await AmiTestClient.login(port);
  });

  afterEach(async () => {
    await client.close();
    await sim.stop();
  });

  it('QueueAdd: Response first, then QueueMemberAdded with the capture headers in order', async () => {
    const from = client.mark();
    const response = await add(client, 'helpdesk', '1001');
    expect(response.get('Message')).toBe('Added interface to queue');
    const added = await client.waitForEvent('QueueMemberAdded', {}, { from });

    const expected = captureEvent('queue-call-answered', 'QueueMemberAdded');
    expect(headerNames(added)).toEqual(headerNames(expected));
    expect(headerNames(added)).toEqual([
      'Event',
      'Privilege',
      'Queue',
      'MemberName',
      'Interface',
      'StateInterface',
      'Membership',
      'Penalty',
      'CallsTaken',
      'LastCall',
      'LastPause',
      'LoginTime',
      'InCall',
      'Status',
      'Paused',
      'PausedReason',
      'Ringinuse',
      'Wrapuptime',
    ]);
    expect(added.get('ActionID')).toBeUndefined();
    expect(added.toRecord()).toMatchObject({
      Privilege: 'agent,all',
      Queue: 'helpdesk',
      MemberName: 'Agent 1001',
      Interface: IFACE_1001,
      StateInterface: 'SIP/1001',
      Membership: 'dynamic',
      Status: '1',
      Paused: '0',
    });
    expect(indexOf(client, from, (m) => m.kind === 'response')).toBeLessThan(
      indexOf(client, from, (m) => m.get('Event') === 'QueueMemberAdded'),
    );
    const avail = await client.waitForEvent(
      'DeviceStateChange',
      { Device: 'Queue:helpdesk_avail' },
      { from },
    );
    expect(avail.get('State')).toBe('NOT_INUSE');
    expect(sim.members('helpdesk').map((m) => m.interface)).toEqual([IFACE_1001]);
  });

  it('answers QueueAdd/QueueRemove/QueuePause mistakes with the Asterisk texts', async () => {
    const texts = (id: string): string | undefined =>
      captureResponse('errors-after-login', `errors-after-login-${id}`).get('Message');
    await add(client, 'helpdesk', '1001');

    const duplicate = await add(client, 'helpdesk', '1001');
    expect(duplicate.get('Response')).toBe('Error');
    expect(duplicate.get('Message')).toBe(texts('5'));

    const noQueue = await add(client, 'nosuchqueue', '1001');
    expect(noQueue.get('Message')).toBe(texts('6'));

    const noInterface = await client.action('QueueAdd', [['Queue', 'helpdesk']]);
    expect(noInterface.get('Message')).toBe(texts('7'));

    const notThere = await client.action('QueueRemove', [
      ['Queue', 'helpdesk'],
      ['Interface', 'Local/1003@agent-phones/n'],
    ]);
    expect(notThere.get('Message')).toBe(texts('3'));

    const notFound = await client.action('QueuePause', [
      ['Interface', 'Local/1003@agent-phones/n'],
      ['Paused', 'true'],
    ]);
    expect(notFound.get('Message')).toBe(texts('8'));
    expect(texts('5')).toBe('Unable to add interface: Already there');
    expect(texts('6')).toBe('Unable to add interface to queue: No such queue');
    expect(texts('7')).toBe("'Interface' not specified.");
    expect(texts('3')).toBe('Unable to remove interface: Not there');
    expect(texts('8')).toBe('Interface not found');
  });

  it('QueueRemove: Response, then QueueMemberRemoved', async () => {
    await add(client, 'helpdesk', '1001');
    const from = client.mark();
    const response = await client.action('QueueRemove', [
      ['Queue', 'helpdesk'],
      ['Interface', IFACE_1001],
    ]);
    expect(response.get('Message')).toBe('Removed interface from queue');
    const removed = await client.waitForEvent('QueueMemberRemoved', {}, { from });
    expect(headerNames(removed)).toEqual(
      headerNames(captureEvent('feature-code-sip-phone', 'QueueMemberRemoved')),
    );
    expect(sim.members('helpdesk')).toHaveLength(0);
  });

  it('QueuePause of one queue, and of all queues with one QueueMemberPause per queue', async () => {
    await add(client, 'helpdesk', '1001');
    await add(client, 'sales', '1001');

    let from = client.mark();
    const one = await client.action('QueuePause', [
      ['Queue', 'helpdesk'],
      ['Interface', IFACE_1001],
      ['Paused', 'true'],
      ['Reason', 'Lunch'],
    ]);
    expect(one.get('Message')).toBe(
      captureResponse('pause-unpause', 'pause-unpause-4').get('Message'),
    );
    const paused = await client.waitForEvent('QueueMemberPause', {}, { from });
    expect(headerNames(paused)).toEqual(
      headerNames(captureEvent('pause-unpause', 'QueueMemberPause')),
    );
    expect(paused.toRecord()).toMatchObject({
      Queue: 'helpdesk',
      Paused: '1',
      PausedReason: 'Lunch',
    });
    expect(Number(paused.get('LastPause'))).toBeGreaterThan(0);
    await client.action('Ping');
    expect(client.events(from, 'QueueMemberPause')).toHaveLength(1);

    from = client.mark();
    const all = await client.action('QueuePause', [
      ['Interface', IFACE_1001],
      ['Paused', 'true'],
      ['Reason', 'Break'],
    ]);
    expect(all.get('Message')).toBe('Interface paused successfully');
    await client.waitForEvent('QueueMemberPause', { Queue: 'sales' }, { from });
    const pauses = client.events(from, 'QueueMemberPause');
    expect(pauses.map((m) => m.get('Queue'))).toEqual(['helpdesk', 'sales']);
    expect(pauses.every((m) => m.get('PausedReason') === 'Break')).toBe(true);

    from = client.mark();
    const unpause = await client.action('QueuePause', [
      ['Interface', IFACE_1001],
      ['Paused', 'false'],
    ]);
    expect(unpause.get('Message')).toBe(
      captureResponse('pause-unpause', 'pause-unpause-6').get('Message'),
    );
    await client.waitForEvent('QueueMemberPause', { Queue: 'sales', Paused: '0' }, { from });
    expect(sim.members('sales')[0]?.paused).toBe(false);
  });

  it('QueueStatus: list shape and headers as in queue-status, with filters', async () => {
    await add(client, 'helpdesk', '1001', [
      ['Paused', 'true'],
      ['Reason', 'Meeting'],
    ]);
    await add(client, 'helpdesk', '1002');
    await add(client, 'sales', '1002', [['Penalty', '1']]);

    const { response, items, complete } = await client.list('QueueStatus');
    expect(headerNames(response)).toEqual(
      headerNames(captureResponse('queue-status', 'queue-status-8')),
    );
    expect(response.get('EventList')).toBe('start');
    expect(response.get('Message')).toBe('Queue status will follow');
    const params = items.find((m) => m.get('Event') === 'QueueParams') as AmiMessage;
    const member = items.find((m) => m.get('Event') === 'QueueMember') as AmiMessage;
    expect(headerNames(params)).toEqual(
      headerNames(captureListItem('queue-status', 'QueueParams')),
    );
    expect(headerNames(member)).toEqual(
      headerNames(captureListItem('queue-status', 'QueueMember')),
    );
    expect(headerNames(complete)).toEqual(
      headerNames(captureListItem('queue-status', 'QueueStatusComplete')),
    );
    expect(items.map((m) => `${m.get('Event')}:${m.get('Queue')}`)).toEqual([
      'QueueParams:helpdesk',
      'QueueMember:helpdesk',
      'QueueMember:helpdesk',
      'QueueParams:sales',
      'QueueMember:sales',
    ]);
    expect(complete.get('ListItems')).toBe('5');
    expect(member.toRecord()).toMatchObject({
      Name: 'Agent 1001',
      Location: IFACE_1001,
      Paused: '1',
      PausedReason: 'Meeting',
    });
    expect(params.get('Strategy')).toBe('rrmemory');

    const filtered = await client.list('QueueStatus', [
      ['Queue', 'helpdesk'],
      ['Member', IFACE_1002],
    ]);
    expect(filtered.items.map((m) => m.get('Event'))).toEqual(['QueueParams', 'QueueMember']);
    expect(filtered.items[1]?.get('Location')).toBe(IFACE_1002);
    expect(filtered.complete.get('ListItems')).toBe('2');
  });

  it('QueueStatus of an unknown queue succeeds with an empty list', async () => {
    const { response, items, complete } = await client.list('QueueStatus', [
      ['Queue', 'nosuchqueue'],
    ]);
    const expected = captureFrame(
      'errors-after-login',
      (m) =>
        m.get('Event') === 'QueueStatusComplete' && m.get('ActionID') === 'errors-after-login-9',
    );
    expect(response.get('Response')).toBe('Success');
    expect(items).toHaveLength(0);
    expect(headerNames(complete)).toEqual(headerNames(expected));
    expect(complete.get('ListItems')).toBe(expected.get('ListItems'));
  });

  it('QueueSummary: headers as captured; unavailable members are not logged in', async () => {
    await add(client, 'helpdesk', '1002');
    const before = await client.list('QueueSummary', [['Queue', 'helpdesk']]);
    expect(headerNames(before.items[0] as AmiMessage)).toEqual(
      headerNames(captureListItem('phone-unregister-while-member', 'QueueSummary')),
    );
    expect(headerNames(before.complete)).toEqual(
      headerNames(captureListItem('phone-unregister-while-member', 'QueueSummaryComplete')),
    );
    expect(before.items[0]?.toRecord()).toMatchObject({
      LoggedIn: '1',
      Available: '1',
      Callers: '0',
    });

    sim.unregisterPhone('1002');
    const after = await client.list('QueueSummary', [['Queue', 'helpdesk']]);
    expect(after.items[0]?.toRecord()).toMatchObject({ LoggedIn: '0', Available: '0' });

    const all = await client.list('QueueSummary');
    expect(all.items.map((m) => m.get('Queue'))).toEqual(['helpdesk', 'sales']);
  });

  it('a member whose phone unregisters goes to Status 5 in the captured order, and back to 1', async () => {
    await add(client, 'helpdesk', '1002');
    let from = client.mark();
    sim.unregisterPhone('1002');
    const status = await client.waitForEvent('QueueMemberStatus', {}, { from });
    const sequence = client.events(from).map((m) => m.get('Event'));
    expect(sequence).toEqual([
      'ExtensionStatus',
      'DeviceStateChange',
      'PeerStatus',
      'QueueMemberStatus',
      'DeviceStateChange',
    ]);
    const peer = client.events(from, 'PeerStatus')[0] as AmiMessage;
    const expectedPeer = captureEvent('phone-unregister-while-member', 'PeerStatus', {
      PeerStatus: 'Unregistered',
    });
    expect(headerNames(peer)).toEqual(headerNames(expectedPeer));
    expect(peer.toRecord()).toMatchObject({
      Peer: 'SIP/1002',
      PeerStatus: 'Unregistered',
      Cause: 'Expired',
    });
    expect(status.get('Status')).toBe('5');
    expect(client.events(from, 'DeviceStateChange')[0]?.get('State')).toBe('UNAVAILABLE');
    expect(client.events(from, 'ExtensionStatus')[0]?.toRecord()).toMatchObject({
      Exten: '1002',
      Status: '4',
      StatusText: 'Unavailable',
    });

    from = client.mark();
    sim.registerPhone('1002');
    const back = await client.waitForEvent('QueueMemberStatus', {}, { from });
    expect(back.get('Status')).toBe('1');
    const registered = client.events(from, 'PeerStatus')[0] as AmiMessage;
    expect(headerNames(registered)).toEqual(
      headerNames(captureEvent('sip-registration', 'PeerStatus', { PeerStatus: 'Registered' })),
    );
  });

  it('Setvar DEVICE_STATE(Custom:...) drives hints and members, without a VarSet', async () => {
    await add(client, 'helpdesk', '1001', [['StateInterface', 'Custom:agent-1001-helpdesk']]);
    const from = client.mark();
    const response = await client.action('Setvar', [
      ['Variable', 'DEVICE_STATE(Custom:agent-1001-helpdesk)'],
      ['Value', 'INUSE'],
    ]);
    expect(response.get('Message')).toBe('Variable Set');
    const member = await client.waitForEvent('QueueMemberStatus', {}, { from });
    expect(member.get('Status')).toBe('2');
    const change = client.events(from, 'DeviceStateChange')[0] as AmiMessage;
    expect(headerNames(change)).toEqual(
      headerNames(captureEvent('devstate-blf', 'DeviceStateChange')),
    );
    expect(change.toRecord()).toMatchObject({
      Device: 'Custom:agent-1001-helpdesk',
      State: 'INUSE',
    });
    const hint = client.events(from, 'ExtensionStatus')[0] as AmiMessage;
    expect(hint.toRecord()).toMatchObject({ Exten: '*8111', Status: '1', StatusText: 'InUse' });
    expect(client.events(from, 'VarSet')).toHaveLength(0);

    const read = await client.action('Getvar', [
      ['Variable', 'DEVICE_STATE(Custom:agent-1001-helpdesk)'],
    ]);
    expect(read.get('Value')).toBe('INUSE');
  });

  it('QueueLog accepts entries and refuses incomplete ones like Asterisk', async () => {
    const good = await client.action('QueueLog', [
      ['Queue', 'helpdesk'],
      ['Event', 'GWLOGIN'],
      ['Interface', IFACE_1001],
      ['UniqueId', 'gw-1001-0001'],
      ['Message', 'featurecode 811|SIP/1001'],
    ]);
    expect(good.get('Message')).toBe(
      captureResponse('devstate-blf', 'devstate-blf-18').get('Message'),
    );
    const bad = await client.action('QueueLog', [['Queue', 'helpdesk']]);
    expect(bad.get('Response')).toBe('Error');
    expect(bad.get('Message')).toBe(
      captureResponse('devstate-blf', 'devstate-blf-20').get('Message'),
    );
    expect(sim.queueLog().at(-1)).toMatch(
      /^\d+\|gw-1001-0001\|helpdesk\|Local\/1001@agent-phones\/n\|GWLOGIN\|featurecode 811\|SIP\/1001$/,
    );
  });

  it('QueuePenalty changes the penalty with a QueueMemberPenalty event', async () => {
    await add(client, 'sales', '1001');
    const from = client.mark();
    const response = await client.action('QueuePenalty', [
      ['Interface', IFACE_1001],
      ['Penalty', '2'],
      ['Queue', 'sales'],
    ]);
    expect(response.get('Message')).toBe(
      captureResponse('pause-unpause', 'pause-unpause-10').get('Message'),
    );
    const event = await client.waitForEvent('QueueMemberPenalty', {}, { from });
    expect(headerNames(event)).toEqual(
      headerNames(captureEvent('pause-unpause', 'QueueMemberPenalty')),
    );
    expect(event.get('Penalty')).toBe('2');
  });
});
