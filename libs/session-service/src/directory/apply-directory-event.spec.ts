import { parseDirectory, type Directory } from '@switchboard/agent-domain';
import { applyDirectoryEvent } from './apply-directory-event';

const site: Directory = parseDirectory({
  pbxId: 'pbx1',
  globalLoginNumber: '900',
  queues: [{ name: 'helpdesk', loginNumber: '811' }, { name: 'sales' }],
  agents: [
    { id: '1001', name: 'One', line: 'SIP/1001', queues: ['helpdesk'] },
    { id: '1002', name: 'Two', line: 'SIP/1002', queues: ['sales'] },
  ],
  phones: [{ id: 'desk-1', line: 'SIP/1010' }],
  pauseReasons: [{ code: 'Break' }],
});

describe('applyDirectoryEvent (the directory stream’s evolve)', () => {
  it('replaces an entry where it stood, and adds a new one at the end', () => {
    const changed = applyDirectoryEvent(site, { type: 'DirectoryAgentSaved', data: { agent: { id: '1001', name: 'Uno', line: 'SIP/1001', queues: [] } } });
    expect(changed.agents.map((a) => [a.id, a.name])).toEqual([['1001', 'Uno'], ['1002', 'Two']]);
    const added = applyDirectoryEvent(changed, { type: 'DirectoryQueueSaved', data: { queue: { name: 'support', loginNumber: '813' } } });
    expect(added.queues.map((q) => q.name)).toEqual(['helpdesk', 'sales', 'support']);
  });

  it('removes entries by their key', () => {
    const d = applyDirectoryEvent(site, { type: 'DirectoryAgentRemoved', data: { agentId: '1002' } });
    expect(d.agents.map((a) => a.id)).toEqual(['1001']);
    expect(applyDirectoryEvent(site, { type: 'DirectoryQueueRemoved', data: { name: 'sales' } }).queues.map((q) => q.name)).toEqual(['helpdesk']);
  });

  it('drops an optional list with its last entry: no pause reasons again means any reason', () => {
    const d = applyDirectoryEvent(site, { type: 'DirectoryPauseReasonRemoved', data: { code: 'Break' } });
    expect('pauseReasons' in d).toBe(false);
    expect('phones' in applyDirectoryEvent(site, { type: 'DirectoryPhoneRemoved', data: { phoneId: 'desk-1' } })).toBe(false);
  });

  it('sets and removes the global login number', () => {
    expect(applyDirectoryEvent(site, { type: 'DirectoryGlobalLoginNumberSet', data: { number: '700' } }).globalLoginNumber).toBe('700');
    expect('globalLoginNumber' in applyDirectoryEvent(site, { type: 'DirectoryGlobalLoginNumberSet', data: {} })).toBe(false);
  });

  it('takes a replacement whole, and refuses a stream that does not start with one', () => {
    expect(applyDirectoryEvent(undefined, { type: 'DirectoryReplaced', data: { directory: site, source: 'file' } })).toBe(site);
    expect(() => applyDirectoryEvent(undefined, { type: 'DirectoryAgentRemoved', data: { agentId: '1001' } })).toThrow(/starts with DirectoryAgentRemoved/);
  });

  it('leaves the directory it was given as it was', () => {
    const before = JSON.stringify(site);
    applyDirectoryEvent(site, { type: 'DirectoryAgentRemoved', data: { agentId: '1001' } });
    expect(JSON.stringify(site)).toBe(before);
  });
});
