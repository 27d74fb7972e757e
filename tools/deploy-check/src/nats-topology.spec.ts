import fs from 'node:fs';
import path from 'node:path';
import { consumers, PBX_EVENTS_STREAM, subjects } from '@switchboard/contracts';
import { jetStreamTopology } from '@switchboard/platform';
import { fromRoot, listFiles, readText } from './workspace';

/**
 * infra/nats (the JetStream objects as data, for operators) against the code that creates them at
 * start-up: the stream declared in libs/platform's jetStreamTopology, the durable consumers the
 * services open (libs/*-service), the settings NatsBus gives every consumer, and the gateway's
 * lease bucket.
 */

const NANOS_PER_MS = 1_000_000;
const readJson = (...segments: string[]): Record<string, unknown> =>
  JSON.parse(readText(...segments)) as Record<string, unknown>;

/** libs/bus's sources, as one text: the settings are checked wherever in the bus library they live. */
const busSource = (): string =>
  listFiles('libs/bus/src', (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');

/** Each `bus.consume({ durable: …, filterSubject: … })` in the services' sources, evaluated. */
function consumersInSource(): { durable: string; filterSubject: string; file: string }[] {
  const found: { durable: string; filterSubject: string; file: string }[] = [];
  for (const file of listFiles(
    'libs',
    (f) => /-service\/src\/.*\.ts$/.test(f.split(path.sep).join('/')) && !f.endsWith('.spec.ts'),
  )) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/durable:\s*([^,\n]+),\s*\n\s*filterSubject:\s*([^,\n]+),/g)) {
      // The expressions use the contracts' builders only (consumers.*, subjects.*); evaluate them with those.
      const evaluate = (expr: string): string =>
        new Function('consumers', 'subjects', `return (${expr});`)(consumers, subjects) as string;
      found.push({ durable: evaluate(m[1]), filterSubject: evaluate(m[2]), file });
    }
  }
  return found;
}

describe('infra/nats agrees with the code', () => {
  it('the stream files are exactly the streams of jetStreamTopology, with its settings', () => {
    const files = fs.readdirSync(fromRoot('infra', 'nats', 'streams')).sort();
    expect(files).toEqual(jetStreamTopology.map((s) => `${s.name}.json`).sort());
    for (const spec of jetStreamTopology) {
      const stream = readJson('infra', 'nats', 'streams', `${spec.name}.json`);
      expect(stream).toMatchObject({
        name: spec.name,
        subjects: [...spec.subjects],
        storage: 'file',
        duplicate_window: (spec.duplicateWindowMs ?? 120_000) * NANOS_PER_MS,
        max_age: (spec.maxAgeMs ?? 0) * NANOS_PER_MS,
        num_replicas: (spec as { replicas?: number }).replicas ?? 1,
      });
    }
    expect(jetStreamTopology.map((s) => s.name)).toContain(PBX_EVENTS_STREAM);
    expect(readJson('infra', 'nats', 'streams', `${PBX_EVENTS_STREAM}.json`)['subjects']).toEqual([
      subjects.allPbxEvents,
    ]);
  });

  it('the consumer files are exactly the durable consumers the services open, on their stream', () => {
    const inSource = consumersInSource();
    // The two the first services opened must be found: proof the source scan still works.
    expect(inSource.map((c) => c.durable)).toEqual(
      expect.arrayContaining([`${consumers.agentSession}-feature-codes`, consumers.reporting]),
    );
    const dir = fromRoot('infra', 'nats', 'consumers');
    expect(fs.readdirSync(dir)).toEqual([PBX_EVENTS_STREAM]);
    const files = fs.readdirSync(path.join(dir, PBX_EVENTS_STREAM)).sort();
    expect(files).toEqual(inSource.map((c) => `${c.durable}.json`).sort());
    for (const c of inSource) {
      const json = readJson('infra', 'nats', 'consumers', PBX_EVENTS_STREAM, `${c.durable}.json`);
      expect(json).toMatchObject({ durable_name: c.durable, filter_subject: c.filterSubject });
      // The consumer's stream is the one whose subjects cover its filter (NatsBus finds it so).
      const stream = jetStreamTopology.find((s) =>
        s.subjects.some((pattern) => covers(pattern, c.filterSubject)),
      );
      expect(stream?.name).toBe(PBX_EVENTS_STREAM);
    }
  });

  it('the consumer settings are those NatsBus gives every durable consumer', () => {
    const bus = busSource();
    // If one of these fails, the NATS adapter changed: update infra/nats/consumers to match.
    expect(bus).toMatch(/ack_policy: AckPolicy\.Explicit/);
    expect(bus).toMatch(/deliver_policy: DeliverPolicy\.All/);
    expect(bus).toMatch(/max_deliver: -1/);
    expect(bus).toMatch(/options\.ackWaitMs \?\? 30_000/);
    expect(bus).toMatch(/options\.maxAckPending \?\? 1000/);
    for (const c of consumersInSource())
      expect(fs.readFileSync(c.file, 'utf8')).not.toMatch(/maxAckPending:/);
    for (const file of fs.readdirSync(fromRoot('infra', 'nats', 'consumers', PBX_EVENTS_STREAM))) {
      expect(readJson('infra', 'nats', 'consumers', PBX_EVENTS_STREAM, file)).toMatchObject({
        ack_policy: 'explicit',
        deliver_policy: 'all',
        ack_wait: 30_000 * NANOS_PER_MS,
        max_deliver: -1,
        max_ack_pending: 1000,
      });
    }
  });

  it('the KV bucket is the gateway lease bucket as NatsKvLeases opens it', () => {
    const leases = busSource();
    const bucket = /options\.bucket \?\? '([^']+)'/.exec(leases)?.[1];
    const ttlMs = Number(/options\.ttlMs \?\? ([0-9_]+)/.exec(leases)?.[1].replace(/_/g, ''));
    const history = Number(/\.kv\([^;]*\{[^}]*history:\s*([0-9]+)/.exec(leases)?.[1]);
    expect(fs.readdirSync(fromRoot('infra', 'nats', 'kv'))).toEqual([`${bucket}.json`]);
    expect(readJson('infra', 'nats', 'kv', `${bucket}.json`)).toMatchObject({
      bucket,
      history,
      ttl: ttlMs * NANOS_PER_MS,
    });
    expect(bucket).toBe('switchboard-leases');
    expect(ttlMs).toBe(3000);
  });

  it('the stream and the lease bucket keep the same number of copies (NATS_REPLICAS), 1 by default as the files say', () => {
    const replicasByDefault = Number(/options\.replicas \?\? ([0-9]+)/.exec(busSource())?.[1]);
    expect(replicasByDefault).toBe(1);
    expect(readJson('infra', 'nats', 'kv', 'switchboard-leases.json')['replicas']).toBe(replicasByDefault);
    // One setting for both, as the services connect (libs/platform's createBus).
    const createBus = readText('libs', 'platform', 'src', 'messaging', 'create-bus.ts');
    expect(createBus).toMatch(/streams: jetStreamTopologyFor\(config\.natsReplicas\)/);
    expect(createBus).toMatch(/leases: \{ replicas: config\.natsReplicas \}/);
    expect(readText('infra', 'nats', 'README.md')).toMatch(/`NATS_REPLICAS`[^.]*stream and of the\s+lease bucket/);
  });

  it('the README says the services create them at start-up', () => {
    expect(readText('infra', 'nats', 'README.md')).toMatch(/create[^.]*at start-up/i);
  });
});

/** Does the subject pattern (with * and >) cover every subject the filter can match? */
function covers(pattern: string, filter: string): boolean {
  const p = pattern.split('.');
  const f = filter.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return f.length > i;
    if (i >= f.length) return false;
    if (p[i] !== '*' && p[i] !== f[i]) return false;
    if (p[i] === '*' && f[i] === '>') return false;
  }
  return p.length === f.length;
}
