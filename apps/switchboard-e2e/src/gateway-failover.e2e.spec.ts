import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NatsBus } from '@switchboard/bus';
import { PBX_EVENTS_STREAM, subjects, type PbxEvent } from '@switchboard/contracts';
import { PbxSimulator } from '@switchboard/pbx-sim';
import { freePort, startNatsServer, uniqueName, type TestNatsServer } from '@switchboard/testing';
import request from 'supertest';
import { eventually } from './eventually';
import { startService, type ServiceProcess } from './service-process';

/**
 * Two gateway replicas for one PBX: exactly one holds the AMI connection; when it is killed the
 * standby takes over within 5 s, and no event is published twice.
 */
describe('ami-gateway high availability (two replicas, real nats-server, owner killed)', () => {
  let nats: TestNatsServer;
  let sim: PbxSimulator;
  let bus: NatsBus;
  const replicas: ServiceProcess[] = [];
  const events: PbxEvent[] = [];
  let dataDir: string;

  beforeAll(async () => {
    nats = await startNatsServer();
    sim = new PbxSimulator({ port: 0 });
    const { port } = await sim.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-ha-'));
    bus = await NatsBus.connect({
      servers: nats.url,
      name: 'ha-test',
      streams: [{ name: PBX_EVENTS_STREAM, subjects: [subjects.allPbxEvents] }],
    });
    await bus.consume<PbxEvent>({
      durable: uniqueName('ha-observer'),
      filterSubject: subjects.allPbxEvents,
      handler: async (m) => void events.push(m.data),
    });
    const env = { NATS_URL: nats.url, DATA_DIR: dataDir, AMI_URL: `ami://gateway:gateway-secret@127.0.0.1:${port}`, LOG_LEVEL: 'info' };
    replicas.push(await startService('apps/ami-gateway/src/main.ts', env, await freePort()));
    replicas.push(await startService('apps/ami-gateway/src/main.ts', env, await freePort()));
  });

  afterAll(async () => {
    for (const r of replicas) await r.stop();
    await bus?.close();
    await sim?.stop();
    await nats?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const role = async (r: ServiceProcess): Promise<string> => {
    const res = await request(r.url).get('/health/ready');
    return (res.body as { checks: { ami: { detail?: string } } }).checks.ami.detail ?? '';
  };

  it('has one owner, survives the owner’s death within 5 s, and publishes no event twice', async () => {
    const roles = await eventually(async () => {
      const r = await Promise.all(replicas.map(role));
      return r.filter((x) => x.startsWith('owner')).length === 1 ? r : undefined;
    }, 'exactly one owner');
    expect(roles.filter((r) => r === 'standby')).toHaveLength(1);
    const owner = replicas[roles.findIndex((r) => r.startsWith('owner'))];
    const standby = replicas[roles.findIndex((r) => r === 'standby')];

    const before = await sim.dialFeatureCode('1001', '811');
    await eventually(() => (events.some((e) => e.type === 'FeatureCodeDialed' && e.data.uniqueid === before.uniqueid) ? true : undefined), 'the first feature code on the bus');

    await owner.kill();
    const killedAt = Date.now();
    await eventually(async () => ((await role(standby)) === 'owner of pbx1' ? true : undefined), 'the standby to take over', 10_000, 50);
    await eventually(() => (events.filter((e) => e.type === 'AmiConnected').length === 2 ? true : undefined), 'the new owner’s AmiConnected', 10_000, 50);
    expect(Date.now() - killedAt).toBeLessThan(5000);

    const after = await sim.dialFeatureCode('1002', '811');
    await eventually(() => (events.some((e) => e.type === 'FeatureCodeDialed' && e.data.uniqueid === after.uniqueid) ? true : undefined), 'the second feature code on the bus');

    // Every event is on the bus once: per connection, sequence numbers are unique and gap-free,
    // and each feature code appears exactly once.
    const byConnection = new Map<string, number[]>();
    for (const e of events) byConnection.set(e.metadata.connectionId, [...(byConnection.get(e.metadata.connectionId) ?? []), e.metadata.seq]);
    expect(byConnection.size).toBe(2);
    for (const seqs of byConnection.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const codes = events.flatMap((e) => (e.type === 'FeatureCodeDialed' ? [e.data.uniqueid] : []));
    expect(codes.filter((u) => u === before.uniqueid)).toHaveLength(1);
    expect(codes.filter((u) => u === after.uniqueid)).toHaveLength(1);
    // The connections did not overlap: the second starts after the last event of the first.
    const secondStart = events.findIndex((e, i) => i > 0 && e.type === 'AmiConnected');
    expect(events.slice(secondStart).every((e) => e.metadata.connectionId === events[secondStart].metadata.connectionId)).toBe(true);
    // The new owner resynced consumers with a snapshot.
    await eventually(() => (events.slice(secondStart).some((e) => e.type === 'QueueStatusSnapshot') ? true : undefined), 'the resync snapshot');
  });
});
