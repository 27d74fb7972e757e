import { parseDirectory } from '@switchboard/agent-domain';
import { InProcessBus } from '@switchboard/bus';
import { PBX_EVENT_SCHEMA_VERSION, type PbxEvent } from '@switchboard/contracts';
import { InMemoryEventStore } from '@switchboard/event-store';
import { HealthRegistry } from '@switchboard/platform';
import { PhoneClaims } from './phone-claims.service';
import { PhoneRegistrationsConsumer } from './phone-registrations.consumer';

/** Which PBX events move a shared phone's registration, on the real (in-memory) store. */
describe('phone registrations from PBX events', () => {
  const directory = parseDirectory({
    queues: [],
    agents: [{ id: '1001', name: 'One', line: 'SIP/1001' }],
    phones: [{ id: 'desk-1', line: 'SIP/1010' }],
  });
  let seq = 0;
  const meta = (pbxId = 'pbx1') => ({
    schemaVersion: PBX_EVENT_SCHEMA_VERSION,
    pbxId,
    connectionId: 'c1',
    seq: ++seq,
    occurredAt: new Date(Date.parse('2026-11-23T09:00:00Z') + seq * 1000).toISOString(),
  });
  const peer = (peerName: string, status: string, pbxId?: string): PbxEvent => ({
    type: 'PeerStatusChanged',
    data: { channelType: 'SIP', peer: peerName, peerStatus: status, address: '', cause: '' },
    metadata: meta(pbxId),
  });
  const device = (name: string, state: string): PbxEvent => ({ type: 'DeviceStateChanged', data: { device: name, state }, metadata: meta() });

  let claims: PhoneClaims;
  let consumer: PhoneRegistrationsConsumer;
  beforeEach(() => {
    claims = new PhoneClaims(new InMemoryEventStore());
    consumer = new PhoneRegistrationsConsumer(new InProcessBus(), directory, claims, new HealthRegistry());
  });
  const registration = async () => (await claims.phone('desk-1')).registration.status;

  it('follows PeerStatus and the device state of the phone’s line', async () => {
    await consumer.handle(peer('SIP/1010', 'Registered'));
    expect(await registration()).toBe('registered');
    await consumer.handle(device('SIP/1010', 'UNAVAILABLE'));
    expect(await registration()).toBe('unregistered');
    await consumer.handle(device('SIP/1010', 'NOT_INUSE'));
    expect(await registration()).toBe('registered');
    await consumer.handle(peer('SIP/1010', 'Unreachable'));
    expect(await registration()).toBe('unregistered');
  });

  it('ignores other devices, its own user device, states that say nothing, and other PBXs', async () => {
    for (const event of [
      peer('SIP/1001', 'Registered'),
      device('Custom:phone-1010-user', 'INUSE'),
      device('Queue:helpdesk_avail', 'NOT_INUSE'),
      device('SIP/1010', 'UNKNOWN'),
      peer('SIP/1010', 'Registered', 'pbx2'),
    ])
      await consumer.handle(event);
    expect(await registration()).toBe('unknown');
  });
});
