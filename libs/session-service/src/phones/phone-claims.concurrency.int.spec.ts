import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PhoneDomainError } from '@switchboard/agent-domain';
import { SqliteEventStore, type EventStore } from '@switchboard/event-store';
import { conflictCountingStore } from '../testing/conflict-counting-store';
import { PhoneClaims } from './phone-claims.service';

/**
 * The hot-desk invariants on the real embedded store, with two replicas: two SqliteEventStore
 * instances on one file, each with its own PhoneClaims, racing with no lock but the stores'
 * expected revisions. Each round uses fresh ids (streams stay short, so 1000 rounds stay quick);
 * the replicas take turns starting first.
 */
// A thousand rounds of several SQLite round trips each: more than Jest's default 5 s when the
// machine runs other suites at the same time (a limit against hangs, not a speed check).
jest.setTimeout(60_000);

describe('phone claims under concurrency (embedded SQLite store, two replicas)', () => {
  const ROUNDS = 1000;
  let dir: string;
  let stores: SqliteEventStore[];
  let replicas: [PhoneClaims, PhoneClaims];
  /** Appends the store refused for a stale revision: proof that the claims really raced. */
  const conflicts = new Map<string, number>();
  const counting = (store: EventStore): EventStore =>
    conflictCountingStore(store, (stream) => {
      const kind = stream.split('-')[0];
      conflicts.set(kind, (conflicts.get(kind) ?? 0) + 1);
    });
  const at = () => new Date().toISOString();

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phone-claims-'));
    const file = path.join(dir, 'events.sqlite');
    stores = [new SqliteEventStore({ path: file }), new SqliteEventStore({ path: file })];
    replicas = [new PhoneClaims(counting(stores[0])), new PhoneClaims(counting(stores[1]))];
  });

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const claim = (replica: PhoneClaims, agentId: string, phoneId: string, round: number) =>
    replica.claim({ agentId, phoneId, via: 'desktop', commandId: `r${round}-${agentId}-${phoneId}`, at: at(), mayMove: false });

  it(`gives one phone to exactly one of two agents, ${ROUNDS} times`, async () => {
    const winners = new Map<string, number>();
    conflicts.clear();
    for (let round = 0; round < ROUNDS; round++) {
      const phone = `desk-${round}`;
      const [first, second] = round % 2 === 0 ? replicas : [replicas[1], replicas[0]];
      const agents = [`a${round}`, `b${round}`];
      const results = await Promise.allSettled([claim(first, agents[0], phone, round), claim(second, agents[1], phone, round)]);
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [agents[i]] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(PhoneDomainError);
      expect((lost[0] as PhoneDomainError).code).toBe('phone_in_use');
      const winner = won[0];
      const loser = agents.find((a) => a !== winner) as string;
      // The phone names the winner, and the loser was given its seat back.
      expect(await replicas[1].phone(phone)).toMatchObject({ status: 'claimed', agentId: winner });
      expect(await replicas[0].heldBy(winner)).toBe(phone);
      expect(await replicas[0].seat(loser)).toEqual({ status: 'empty' });
      const side = round % 2 === 0 ? winner === agents[0] : winner === agents[1];
      winners.set(side ? 'replica-0' : 'replica-1', (winners.get(side ? 'replica-0' : 'replica-1') ?? 0) + 1);
    }
    // Both replicas won rounds, and the losers were refused by the store's revision check after
    // reading a free phone (a conflict), not merely by reading the winner's claim.
    expect(winners.size).toBe(2);
    expect(conflicts.get('phone') ?? 0).toBeGreaterThan(0);
  });

  it(`lets an agent hold exactly one of two phones it claims at once, ${ROUNDS} times`, async () => {
    conflicts.clear();
    for (let round = 0; round < ROUNDS; round++) {
      const agent = `c${round}`;
      const phones = [`desk-b${round}`, `desk-c${round}`];
      const results = await Promise.allSettled([claim(replicas[0], agent, phones[0], round), claim(replicas[1], agent, phones[1], round)]);
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [phones[i]] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect((lost[0] as PhoneDomainError).code).toBe('agent_has_phone');
      const other = phones.find((p) => p !== won[0]) as string;
      expect(await replicas[0].heldBy(agent)).toBe(won[0]);
      expect(await replicas[1].phone(other)).toMatchObject({ status: 'free' });
      // Released, the agent may take the other phone: the refusal was about holding one already.
      await replicas[round % 2].release(agent, won[0], 'logout', 'desktop', `r${round}-release`, at());
      await claim(replicas[0], agent, other, round + ROUNDS);
      expect(await replicas[1].heldBy(agent)).toBe(other);
    }
    expect(conflicts.get('seat') ?? 0).toBeGreaterThan(0);
  });
});
