import { defaultSite } from '../testing/default-site';
import type { AgentWithLine } from './directory';
import { memberBindingFor } from './member-binding';
import { parseDirectory } from './parse-directory';
import { bindingForTarget } from './ring-target';

const [one, two] = defaultSite.agents;
const site = (agent: Record<string, unknown>) => ({ ...defaultSite, agents: [agent, two] });

describe('an agent’s membership in the directory', () => {
  it('is callback unless said otherwise, and keeps the callback member', () => {
    const d = parseDirectory(defaultSite);
    expect(d.agents[0]?.membership).toBeUndefined();
    expect(memberBindingFor(d.agents[0] as AgentWithLine).interface).toBe('Local/1001@agent-phones/n');
    expect(parseDirectory(site({ ...one, membership: 'callback' })).agents[0]?.membership).toBe('callback');
  });

  it('agent-pool: the member is the Local channel into [agent-pool] (AgentRequest), watched through Agent:<id>', () => {
    const pooled = parseDirectory(site({ ...one, membership: 'agent-pool' })).agents[0] as AgentWithLine;
    expect(pooled.membership).toBe('agent-pool');
    expect(memberBindingFor(pooled)).toEqual({
      interface: 'Local/1001@agent-pool/n',
      stateInterface: 'Agent:1001',
      memberName: 'Agent 1001',
    });
  });

  it('agent-pool: only the pool member, whatever the login asks for', () => {
    const pooled = parseDirectory(site({ ...one, membership: 'agent-pool' })).agents[0] as AgentWithLine;
    expect(bindingForTarget(pooled, { kind: 'own-line' })?.interface).toBe('Local/1001@agent-pool/n');
    expect(bindingForTarget(pooled, { kind: 'internal' })).toBeUndefined();
    expect(bindingForTarget(pooled, { kind: 'mobile', number: '0612345678' })).toBeUndefined();
    expect(bindingForTarget(pooled, { kind: 'phone', phone: { id: 'desk-1', line: 'SIP/1010' } })).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown membership', { ...one, membership: 'chan_agent' }, 'agents[0].membership: must be one of callback, agent-pool'],
    ['a hot-desk pool agent', { ...one, membership: 'agent-pool', hotDesk: true }, 'agents[0].membership: agent-pool agents ring where they sit in AgentLogin(): no hot desk'],
    ['a pool agent with its own member', { ...one, membership: 'agent-pool', memberInterface: 'Local/1001@x/n' }, 'agents[0].membership: agent-pool agents have the pool member: no memberInterface'],
    ['a pool agent id that is not digits', { ...one, id: 'ann', membership: 'agent-pool' }, 'agents[0].id: an agent-pool agent id must be digits (agents.conf, AgentRequest)'],
  ])('refuses %s', (_what, agent, message) => {
    expect(() => parseDirectory(site(agent))).toThrow(message);
  });
});
