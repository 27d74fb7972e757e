import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { holderOf, isLoggedIn, memberBindingFor, type AgentWithLine } from '@switchboard/agent-domain';
import { streamNames } from '@switchboard/contracts';
import { SqliteEventStore } from '@switchboard/event-store';
import type { Principal } from '@switchboard/platform';
import { AgentCommandService } from '../commands/agent-command.service';
import { DirectoryLog } from '../directory/directory-log';
import { LiveDirectory } from '../directory/live-directory';
import { LoginRefused } from '../phones/login-refused';
import { PhoneClaims } from '../phones/phone-claims.service';
import { until } from '../testing/session-harness';
import { DirectoryAdmin } from './directory-admin.service';
import { removeAgent, removePhone, saveAgent, savePhone } from './directory-changes';
import { adminSiteYaml } from './testing/admin-site';
import { startReplica, type Replica } from './testing/replica';

/**
 * An admin removing an agent (a phone) on replica A while the agent logs in (claims the phone) on
 * replica B, both on one SQLite file with no lock but the streams' expected revisions: every round
 * exactly one of the two wins, and never is a session left that the directory no longer has.
 */
describe('removing an agent or a phone while it is being used (two replicas)', () => {
  const ROUNDS = 150;
  const admin: Principal = { subject: 'admin', role: 'admin' };
  let dir: string;
  let a: Replica;
  let b: Replica;
  let truth: SqliteEventStore;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-removal-'));
    const options = { dataDir: dir, directoryFile: path.join(dir, 'directory.yaml'), eventsFile: path.join(dir, 'events.sqlite') };
    fs.writeFileSync(options.directoryFile, await adminSiteYaml());
    a = await startReplica(options);
    b = await startReplica(options);
    // A third connection that caches nothing: what the store holds, whatever a replica believes.
    truth = new SqliteEventStore({ path: options.eventsFile });
  }, 30_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), truth?.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const entry = (round: number): AgentWithLine => ({ id: `5${String(round).padStart(3, '0')}`, name: `Racer ${round}`, line: `SIP/5${String(round).padStart(3, '0')}`, queues: ['helpdesk'] });
  const logIn = (agent: AgentWithLine, round: number) =>
    b.app.get(AgentCommandService).execute({
      type: 'ChangeQueueLogin',
      commandId: `race-${round}`,
      agentId: agent.id,
      at: new Date().toISOString(),
      via: 'api',
      pbxId: 'pbx1',
      mode: 'login',
      queues: ['helpdesk'],
      binding: memberBindingFor(agent),
    });
  const turns = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  /** The one or the other starts a varying number of event-loop turns later, so that it lands at
   *  every step of the other: before its check, between the check and the append, after. */
  const race = <R, U>(round: number, removal: () => Promise<R>, use: () => Promise<U>) => {
    const lag = Math.floor(round / 2) % 30;
    return Promise.allSettled([turns(round % 2 === 0 ? lag : 0).then(removal), turns(round % 2 === 0 ? 0 : lag).then(use)] as const);
  };
  const loggedInNow = async (agentId: string) => {
    const { events } = await truth.readStream(streamNames.agent(agentId));
    const logins = events.filter((e) => e.type === 'AgentLoggedIn').length;
    const logouts = events.filter((e) => e.type === 'AgentLoggedOut').length;
    return logins > logouts;
  };

  it(`lets exactly one of removal and login win, ${ROUNDS} times, and never leaves a logged-in agent out of the directory`, async () => {
    const wins = { removal: 0, login: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const agent = entry(round);
      const added = await a.app.get(DirectoryAdmin).apply(saveAgent(agent.id, { name: agent.name, line: agent.line, queues: [...agent.queues] }, {}), admin);
      await until(async () => b.app.get(LiveDirectory).version >= added.version, `replica B at version ${added.version}`);

      const [removed, loggedIn] = await race(round, () => a.app.get(DirectoryAdmin).apply(removeAgent(agent.id), admin), () => logIn(agent, round));

      const latest = await new DirectoryLog(truth).read('pbx1');
      const inDirectory = latest?.directory.agents.some((x) => x.id === agent.id) ?? false;
      const sessionLive = await loggedInNow(agent.id);
      // The invariant: a logged-in agent is one the directory has.
      expect({ round, sessionLive, inDirectory: sessionLive ? inDirectory : 'n/a' }).toEqual({ round, sessionLive, inDirectory: sessionLive ? true : 'n/a' });
      // Exactly one won, and the other lost with its own clear code.
      expect([removed.status, loggedIn.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      if (removed.status === 'fulfilled') {
        wins.removal++;
        expect(inDirectory).toBe(false);
        expect(loggedIn.status === 'rejected' && loggedIn.reason).toBeInstanceOf(LoginRefused);
        expect((loggedIn as PromiseRejectedResult).reason.code).toBe('conflict');
      } else {
        wins.login++;
        expect(inDirectory).toBe(true);
        expect(sessionLive).toBe(true);
        expect(isLoggedIn((loggedIn as PromiseFulfilledResult<{ state: Parameters<typeof isLoggedIn>[0] }>).value.state, 'helpdesk')).toBe(true);
        expect((removed.reason as { getResponse(): unknown }).getResponse()).toMatchObject({ code: 'agent_in_use' });
      }
    }
    // Both sides won rounds: the two really raced.
    expect(wins.removal).toBeGreaterThan(0);
    expect(wins.login).toBeGreaterThan(0);
  }, 240_000);

  it(`lets exactly one of a phone's removal and a claim of it win, ${ROUNDS} times, and never leaves a claimed phone out of the directory`, async () => {
    const wins = { removal: 0, claim: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const phoneId = `race-${round}`;
      const added = await a.app.get(DirectoryAdmin).apply(savePhone({ id: phoneId, line: `SIP/6${String(round).padStart(3, '0')}` }), admin);
      await until(async () => b.app.get(LiveDirectory).version >= added.version, `replica B at version ${added.version}`);

      const [removed, claimed] = await race(
        round,
        () => a.app.get(DirectoryAdmin).apply(removePhone(phoneId), admin),
        () => b.app.get(PhoneClaims).claim({ agentId: '1004', phoneId, via: 'desktop', commandId: `claim-${round}`, at: new Date().toISOString(), mayMove: true }),
      );

      const latest = await new DirectoryLog(truth).read('pbx1');
      const inDirectory = latest?.directory.phones?.some((p) => p.id === phoneId) ?? false;
      const holder = holderOf(await new PhoneClaims(truth).phone(phoneId));
      expect({ round, holder, inDirectory: holder ? inDirectory : 'n/a' }).toEqual({ round, holder, inDirectory: holder ? true : 'n/a' });
      expect([removed.status, claimed.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      if (removed.status === 'fulfilled') {
        wins.removal++;
        expect((claimed as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
      } else {
        wins.claim++;
        expect(holder).toBe('1004');
        expect((removed.reason as { getResponse(): unknown }).getResponse()).toMatchObject({ code: 'phone_in_use' });
      }
    }
    expect(wins).toEqual({ removal: expect.any(Number), claim: expect.any(Number) });
    expect(Math.min(wins.removal, wins.claim)).toBeGreaterThan(0);
  }, 240_000);
});
