import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PhoneDomainError } from '@switchboard/agent-domain';
import { SqliteEventStore, type EventStore } from '@switchboard/event-store';
import { conflictCountingStore } from '../testing/conflict-counting-store';
import { MobileClaims } from './mobile-claims.service';

/**
 * Two agents choosing one mobile number at the same moment, on two replicas (two SqliteEventStore
 * connections to one file, each with its own MobileClaims and its own cache): exactly one rings
 * there every time, the other is refused with mobile_in_use, and the number is free again after
 * the winner lets it go.
 */
describe('mobile number claims under concurrency (embedded SQLite store, two replicas)', () => {
  const ROUNDS = 500;
  let dir: string;
  let stores: SqliteEventStore[];
  let replicas: [MobileClaims, MobileClaims];
  /** Appends refused for a stale revision: proof that the claims really raced to the store. */
  let conflicts = 0;
  const counting = (store: EventStore): EventStore => conflictCountingStore(store, () => conflicts++);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mobile-claims-'));
    const file = path.join(dir, 'events.sqlite');
    stores = [new SqliteEventStore({ path: file }), new SqliteEventStore({ path: file })];
    replicas = [new MobileClaims(counting(stores[0])), new MobileClaims(counting(stores[1]))];
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const at = () => new Date().toISOString();
  const claim = (replica: MobileClaims, number: string, agentId: string, round: number) =>
    replica.decide({ type: 'ClaimMobileNumber', commandId: `r${round}-${agentId}`, at: at(), number, agentId, via: 'desktop' });

  it(`gives one number to exactly one of two agents, ${ROUNDS} times`, async () => {
    const wins = new Map<string, number>();
    // A few numbers used over and over: the streams (and the replicas' caches) carry history.
    for (let round = 0; round < ROUNDS; round++) {
      const number = `+3361000000${round % 5}`;
      const agents = [`a${round}`, `b${round}`];
      const [first, second] = round % 2 === 0 ? replicas : [replicas[1], replicas[0]];
      const results = await Promise.allSettled([claim(first, number, agents[0], round), claim(second, number, agents[1], round)]);
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [agents[i]] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(PhoneDomainError);
      expect((lost[0] as PhoneDomainError).code).toBe('mobile_in_use');
      // Both replicas agree on the holder, and it is the winner.
      for (const replica of replicas) expect(await replica.holder(number)).toMatchObject({ status: 'claimed', agentId: won[0] });
      const side = won[0] === agents[0] === (round % 2 === 0) ? 'replica-0' : 'replica-1';
      wins.set(side, (wins.get(side) ?? 0) + 1);
      await replicas[round % 2].decide({ type: 'ReleaseMobileNumber', commandId: `r${round}-out`, at: at(), number, agentId: won[0], reason: 'logout' });
      expect(await replicas[(round + 1) % 2].holder(number)).toEqual({ status: 'free' });
    }
    expect(wins.size).toBe(2);
    expect(conflicts).toBeGreaterThan(0);
  }, 120_000);
});
