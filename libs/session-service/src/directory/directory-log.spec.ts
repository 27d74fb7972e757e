import { DirectoryError, parseDirectory, type AgentEntry, type Directory } from '@switchboard/agent-domain';
import { InMemoryEventStore, WrongExpectedRevisionError, type EventStore } from '@switchboard/event-store';
import { DirectoryLog, DirectoryVersionConflict, type DirectoryChange } from './directory-log';

const site: Directory = parseDirectory({
  pbxId: 'pbx1',
  queues: [{ name: 'helpdesk', loginNumber: '811' }],
  agents: [{ id: '1001', name: 'One', line: 'SIP/1001', queues: ['helpdesk'] }],
});
const agent = (id: string): AgentEntry => ({ id, name: `Agent ${id}`, line: `SIP/${id}`, queues: ['helpdesk'] });
const saveAgent =
  (entry: AgentEntry): DirectoryChange =>
  () => ({ type: 'DirectoryAgentSaved', data: { agent: entry } });

/**
 * A store whose reads of the directory stream wait until `readers` of them are in flight: the
 * changes then decide on the same version and race for the append, as two replicas would.
 */
function racingStore(readers: number): { store: EventStore; conflicts: () => number } {
  const inner = new InMemoryEventStore();
  let waiting: Array<() => void> = [];
  let racing = false;
  let conflicts = 0;
  return {
    conflicts: () => conflicts,
    store: {
      readStream: async (stream, options) => {
        const read = await inner.readStream(stream, options);
        if (racing) {
          await new Promise<void>((resolve) => {
            waiting.push(resolve);
            if (waiting.length === readers) {
              waiting.forEach((r) => r());
              waiting = [];
              racing = false;
            }
          });
        }
        return read;
      },
      append: async (stream, events, expected) => {
        if (events[0]?.type === 'DirectoryReplaced') racing = true;
        try {
          return await inner.append(stream, events, expected);
        } catch (error) {
          if (error instanceof WrongExpectedRevisionError) conflicts++;
          throw error;
        }
      },
      subscribeToAll: (options) => inner.subscribeToAll(options),
      close: () => inner.close(),
    },
  };
}

describe('DirectoryLog (the directory-<pbxId> stream)', () => {
  it('is empty until seeded; the seed is version 1', async () => {
    const log = new DirectoryLog(new InMemoryEventStore());
    expect(await log.read('pbx1')).toBeUndefined();
    const seeded = await log.seed(site, 'abc', '2025-01-01T00:00:00.000Z');
    expect(seeded.version).toBe(1);
    expect(await log.read('pbx1')).toMatchObject({ version: 1, directory: site, fileSha256: 'abc' });
  });

  it('takes the other replica’s seed when two start on an empty stream', async () => {
    const store = new InMemoryEventStore();
    const [a, b] = await Promise.all([new DirectoryLog(store).seed(site, 'a', 'now'), new DirectoryLog(store).seed({ ...site, agents: [] }, 'b', 'now')]);
    expect(a.version).toBe(1);
    expect(b).toMatchObject({ version: 1, directory: a.directory });
  });

  it('records each change as the next version, validated and normalised', async () => {
    const log = new DirectoryLog(new InMemoryEventStore());
    await log.seed(site, 'abc', 'now');
    // A YAML number for an id is text once recorded, as parseDirectory makes it.
    const next = await log.change('pbx1', saveAgent({ ...agent('1002'), id: 1002 as unknown as string }), 'admin');
    expect(next.version).toBe(2);
    expect(next.directory.agents.map((a) => a.id)).toEqual(['1001', '1002']);
    expect((await log.read('pbx1'))?.directory).toEqual(next.directory);
  });

  it('refuses a change that makes the directory invalid, naming the path, and records nothing', async () => {
    const log = new DirectoryLog(new InMemoryEventStore());
    await log.seed(site, 'abc', 'now');
    await expect(log.change('pbx1', saveAgent({ ...agent('1002'), line: 'SIP/1001' }), 'admin')).rejects.toThrow(
      new DirectoryError('agents[1].line', 'duplicate line SIP/1001 (also agents[0].line)'),
    );
    expect((await log.read('pbx1'))?.version).toBe(1);
  });

  it('keeps the PBX: a directory of another pbxId is refused', async () => {
    const log = new DirectoryLog(new InMemoryEventStore());
    await log.seed(site, 'abc', 'now');
    const change: DirectoryChange = () => ({ type: 'DirectoryReplaced', data: { directory: { ...site, pbxId: 'pbx2' }, source: 'api' } });
    await expect(log.change('pbx1', change, 'admin')).rejects.toThrow(/pbxId: is pbx1 for this service/);
  });

  it('records no version for a change that changes nothing', async () => {
    const log = new DirectoryLog(new InMemoryEventStore());
    await log.seed(site, 'abc', 'now');
    expect((await log.change('pbx1', saveAgent(site.agents[0]), 'admin')).version).toBe(1);
  });

  it('re-applies a change that lost the race to the newer version: two admins, both changes kept', async () => {
    const { store, conflicts } = racingStore(2);
    const log = new DirectoryLog(store);
    await log.seed(site, 'abc', 'now');
    const results = await Promise.all([log.change('pbx1', saveAgent(agent('1002')), 'a'), log.change('pbx1', saveAgent(agent('1003')), 'b')]);
    expect(conflicts()).toBe(1);
    expect(results.map((r) => r.version).sort()).toEqual([2, 3]);
    expect((await log.read('pbx1'))?.directory.agents.map((a) => a.id).sort()).toEqual(['1001', '1002', '1003']);
  });

  it('refuses a change made against an older version than the latest (If-Match): no silent overwrite', async () => {
    const log = new DirectoryLog(new InMemoryEventStore());
    await log.seed(site, 'abc', 'now');
    await log.change('pbx1', saveAgent(agent('1002')), 'a', 1);
    await expect(log.change('pbx1', saveAgent(agent('1003')), 'b', 1)).rejects.toBeInstanceOf(DirectoryVersionConflict);
    expect((await log.read('pbx1'))?.version).toBe(2);
  });
});
