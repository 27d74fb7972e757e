import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { until } from '../testing/session-stack';
import { CREDENTIALS, adminSiteYaml } from './testing/admin-site';
import { replicaToken, startReplica, type Replica } from './testing/replica';

/**
 * Two agent-session replicas on one event store (two SQLite connections to one file, as two
 * processes would have): the directory is seeded once, a change made through one is in force in
 * the other without a restart, and two admins changing it at once through both lose nothing.
 */
describe('the directory across replicas', () => {
  let dir: string;
  let options: { dataDir: string; directoryFile: string; eventsFile: string };
  let a: Replica;
  let b: Replica;
  const admin = replicaToken('admin');
  const supervisor = replicaToken('supervisor');

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-replicas-'));
    options = { dataDir: dir, directoryFile: path.join(dir, 'directory.yaml'), eventsFile: path.join(dir, 'events.sqlite') };
    fs.writeFileSync(options.directoryFile, await adminSiteYaml());
    // Both start on the empty store at once: one seeds it, the other reads that seed.
    [a, b] = await Promise.all([startReplica(options), startReplica(options)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const version = async (replica: Replica) => (await request(replica.http).get('/api/admin/directory').set('authorization', admin).expect(200)).body.version as number;
  const agentOn = (replica: Replica, id: string) => request(replica.http).get(`/api/admin/agents/${id}`).set('authorization', admin);
  const agent = (id: string, line: string) => ({ name: `Agent ${id}`, line, queues: ['helpdesk'] });

  it('seeds the directory once, whichever replica started first', async () => {
    expect([await version(a), await version(b)]).toEqual([1, 1]);
  });

  it('puts a change made through A in force in B, without a restart', async () => {
    await request(a.http).put('/api/admin/queues/sales').set('authorization', admin).send({ loginNumber: '812' }).expect(200);
    const put = await request(a.http)
      .put('/api/admin/agents/1003')
      .set('authorization', admin)
      .send({ ...agent('1003', 'SIP/1003'), queues: ['helpdesk', 'sales'], pin: '5150' })
      .expect(200);
    await until(async () => ((await agentOn(b, '1003')).status === 200 ? true : undefined), 'agent 1003 on replica B');
    expect((await agentOn(b, '1003')).body).toEqual(put.body);
    // B's own code uses it: the agent signs in on B with the PIN set through A, and B's
    // supervisor view lists it with its new queue.
    await request(b.http).post('/api/auth/login').send({ login: '1003', password: '5150' }).expect(200);
    const agents = await request(b.http).get('/api/agents').set('authorization', supervisor).expect(200);
    expect(JSON.stringify(agents.body)).toContain('1003');
    await request(b.http).post('/api/auth/login').send({ login: '1001', password: CREDENTIALS.agentPin }).expect(200);
  });

  it('keeps both of two changes made at once through A and B (no lost update)', async () => {
    const [fromA, fromB] = await Promise.all([
      request(a.http).put('/api/admin/agents/1005').set('authorization', admin).send(agent('1005', 'SIP/1005')),
      request(b.http).put('/api/admin/agents/1006').set('authorization', admin).send(agent('1006', 'SIP/1006')),
    ]);
    expect([fromA.status, fromB.status]).toEqual([200, 200]);
    expect(fromA.body.version).not.toBe(fromB.body.version);
    const latest = Math.max(fromA.body.version, fromB.body.version);
    for (const replica of [a, b]) {
      await until(async () => ((await version(replica)) === latest ? true : undefined), 'both changes on every replica');
      for (const id of ['1005', '1006']) await agentOn(replica, id).expect(200);
    }
  });

  it('refuses, on B, a change made against the version A has since replaced (409 conflict)', async () => {
    const seen = await version(b);
    await request(a.http).put('/api/admin/pause-reasons/Break').set('authorization', admin).set('if-match', `"${seen}"`).send({ maxMinutes: 15 }).expect(200);
    const res = await request(b.http).put('/api/admin/pause-reasons/Lunch').set('authorization', admin).set('if-match', `"${seen}"`).send({}).expect(409);
    expect(res.body.code).toBe('conflict');
  });

  it('starts a replica from the stream, not the file, once the stream is seeded', async () => {
    const latest = await version(a);
    await b.close();
    // The file is edited meanwhile: start-up warns about it, the stream stays in force.
    fs.appendFileSync(options.directoryFile, '# edited\n');
    b = await startReplica(options);
    expect(await version(b)).toBe(latest);
    await agentOn(b, '1003').expect(200);
  });
});
