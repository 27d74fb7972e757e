import { parseDirectory, type Directory } from '@switchboard/agent-domain';
import { streamNames } from '@switchboard/contracts';
import { InMemoryEventStore, appendSizeOf } from '@switchboard/event-store';
import type { DirectoryEvent } from './directory-events';
import { DirectoryLog } from './directory-log';
import { assembled, collectPart, inParts, type DirectoryPartRecorded } from './directory-parts';

const site = (agents: number, prefix = '1'): Directory =>
  parseDirectory({
    pbxId: 'pbx1',
    queues: [{ name: 'helpdesk' }],
    phones: [{ id: 'desk-1', line: 'SIP/9001' }],
    agents: Array.from({ length: agents }, (_, i) => ({ id: `${prefix}${i}`, name: `Agent ${i}`, line: `SIP/${prefix}${i}`, queues: ['helpdesk'] })),
  });
const replaced = (directory: Directory): Extract<DirectoryEvent, { type: 'DirectoryReplaced' }> => ({ type: 'DirectoryReplaced', data: { directory, source: 'api' } });

describe('a large directory replacement in parts', () => {
  it('leaves a replacement that fits alone', () => {
    expect(inParts(replaced(site(3)), 'i1', 10_000)).toEqual([replaced(site(3))]);
  });

  it('splits one that does not into parts within the bound, and puts it together again', () => {
    const events = inParts(replaced(site(400)), 'i1', 8_000);
    const parts = events.slice(0, -1) as DirectoryPartRecorded[];
    const closing = events[events.length - 1] as ReturnType<typeof replaced>;
    expect(parts.length).toBeGreaterThan(2);
    for (const event of events) expect(appendSizeOf([event])).toBeLessThanOrEqual(8_000);
    expect(closing.data.parts).toEqual({ importId: 'i1', count: parts.length });
    expect(closing.data.directory.agents).toEqual([]);
    const collected = parts.reduce((c, p) => collectPart(c, p.data), undefined as ReturnType<typeof collectPart>);
    expect(assembled(closing, collected)).toEqual(site(400));
  });

  it('refuses to close an import whose parts are not all there', () => {
    const events = inParts(replaced(site(400)), 'i1', 8_000);
    const parts = events.slice(1, -1) as DirectoryPartRecorded[];
    const collected = parts.reduce((c, p) => collectPart(c, p.data), undefined as ReturnType<typeof collectPart>);
    expect(() => assembled(events[events.length - 1] as ReturnType<typeof replaced>, collected)).toThrow(/closed with 0 of its/);
  });

  it('reads parts left without their closing event (an import that lost a race) as nothing', async () => {
    const store = new InMemoryEventStore();
    const log = new DirectoryLog(store);
    await log.seed(site(2), 'sha', 'now');
    const abandoned = inParts(replaced(site(400, '7')), 'lost', 8_000).slice(0, 2);
    await store.append(streamNames.directory('pbx1'), abandoned.map((e) => ({ ...e, metadata: {} })), 0n);
    expect(await log.read('pbx1')).toMatchObject({ version: 1, directory: site(2) });
    // The next change is recorded after them and reads the directory as it was.
    const next = await log.change('pbx1', () => replaced(site(400, '8')), 'admin');
    expect(next.directory).toEqual(site(400, '8'));
    expect((await log.read('pbx1'))?.directory).toEqual(site(400, '8'));
  });
});
