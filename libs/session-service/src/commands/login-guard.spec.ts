import { parseDirectory } from '@switchboard/agent-domain';
import type { AgentStreamEvent } from '@switchboard/contracts';
import { evolveEntryGuard, type EntryGuard, type EntryGuardEvent } from '../directory/entry-guard';
import { loginRefusedByGuard } from './login-guard';

const directory = parseDirectory({
  pbxId: 'pbx1',
  queues: [{ name: 'helpdesk' }, { name: 'sales' }],
  agents: [{ id: '1001', name: 'One', line: 'SIP/1001', queues: ['helpdesk', 'sales'] }],
});
const login = (queue: string): AgentStreamEvent =>
  ({
    type: 'AgentLoggedIn',
    data: { agentId: '1001', pbxId: 'pbx1', queue, interface: 'SIP/1001', stateInterface: 'SIP/1001', memberName: 'One', via: 'api', at: 'now', paused: false },
    metadata: {},
  }) as AgentStreamEvent;
const pending = (directoryVersion: number, removed: boolean, queues?: string[]): EntryGuardEvent => ({
  type: 'DirectoryChangePending',
  data: { directoryVersion, removed, ...(queues ? { queues } : {}), at: 'now' },
});
const guardOf = (...events: EntryGuardEvent[]) => events.reduce<EntryGuard | undefined>(evolveEntryGuard, undefined);

describe('loginRefusedByGuard (a directory change under way on the agent stream)', () => {
  it('checks nothing for an agent whose stream never saw one', () => {
    expect(loginRefusedByGuard('1001', undefined, { version: 3, current: directory }, [login('helpdesk')])).toBeUndefined();
  });

  it('refuses every login while a removal is newer than the directory in force', () => {
    const guard = guardOf(pending(4, true));
    expect(loginRefusedByGuard('1001', guard, { version: 3, current: directory }, [login('helpdesk')])).toMatch(/being removed .*version 4/);
  });

  it('refuses only the queues taken off while that change is under way', () => {
    const guard = guardOf(pending(4, false, ['helpdesk']));
    const live = { version: 3, current: directory };
    expect(loginRefusedByGuard('1001', guard, live, [login('helpdesk')])).toBeUndefined();
    expect(loginRefusedByGuard('1001', guard, live, [login('sales')])).toMatch(/queue sales is being taken off/);
  });

  it('leaves the answer to the directory once the change is in force (re-added agents log in again)', () => {
    const guard = guardOf(pending(4, true));
    expect(loginRefusedByGuard('1001', guard, { version: 5, current: directory }, [login('helpdesk')])).toBeUndefined();
    const without = { ...directory, agents: [] };
    expect(loginRefusedByGuard('1001', guard, { version: 4, current: without }, [login('helpdesk')])).toMatch(/does not work queue helpdesk/);
  });

  it('lets logins through again when the change is abandoned, but only that change', () => {
    const abandoned = (directoryVersion: number): EntryGuardEvent => ({ type: 'DirectoryChangeAbandoned', data: { directoryVersion, at: 'now' } });
    expect(guardOf(pending(4, true), abandoned(4))).toBeUndefined();
    expect(guardOf(pending(4, true), pending(6, true), abandoned(4))).toEqual({ directoryVersion: 6, removed: true, queues: [] });
  });

  it('never holds back what is not a login', () => {
    const logout = { type: 'AgentLoggedOut', data: { agentId: '1001', queue: 'helpdesk' }, metadata: {} } as unknown as AgentStreamEvent;
    expect(loginRefusedByGuard('1001', guardOf(pending(4, true)), { version: 3, current: directory }, [logout])).toBeUndefined();
  });
});
