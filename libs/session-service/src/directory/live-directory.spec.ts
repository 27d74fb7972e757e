import { parseDirectory } from '@switchboard/agent-domain';
import { LiveDirectory } from './live-directory';

const v1 = parseDirectory({ pbxId: 'pbx1', queues: [{ name: 'helpdesk', loginNumber: '811' }], agents: [{ id: '1001', name: 'One', line: 'SIP/1001' }] });
const v2 = { ...v1, queues: [...v1.queues, { name: 'sales', loginNumber: '812' }] };

describe('LiveDirectory', () => {
  it('reads every field from the version in force, and swaps to a newer one', () => {
    const live = new LiveDirectory({ directory: v1, version: 1, position: 10n });
    const seen: number[] = [];
    live.onChange((v) => seen.push(v.version));
    expect(live.queues).toHaveLength(1);
    expect(live.advance({ directory: v2, version: 2, position: 11n })).toBe(true);
    expect(live.queues.map((q) => q.name)).toEqual(['helpdesk', 'sales']);
    expect([live.version, live.position, live.pbxId, live.agents[0].id]).toEqual([2, 11n, 'pbx1', '1001']);
    expect(seen).toEqual([2]);
  });

  it('never goes back to an older or the same version (a replica catching up late)', () => {
    const live = new LiveDirectory({ directory: v2, version: 2, position: 11n });
    expect(live.advance({ directory: v1, version: 1, position: 10n })).toBe(false);
    expect(live.advance({ directory: v1, version: 2, position: 10n })).toBe(false);
    expect(live.current).toBe(v2);
  });

  it('stops telling a listener that unsubscribed', () => {
    const live = new LiveDirectory({ directory: v1, version: 1, position: 0n });
    const listener = jest.fn();
    live.onChange(listener)();
    live.advance({ directory: v2, version: 2, position: 1n });
    expect(listener).not.toHaveBeenCalled();
  });
});
