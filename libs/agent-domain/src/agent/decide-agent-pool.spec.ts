import type { AgentCommand, AgentStreamEvent } from '@switchboard/contracts';
import { AGENT, AT, EARLIER, metaOf, wasLoggedIn } from '../testing/agent-fixtures';
import { given } from '../testing/given-when-then';
import { initialState } from './agent-state';
import { describeAgent } from './agent-view';
import { evolve } from './evolve';

const CHANNEL = 'SIP/1002-00000007';

function login(channel = CHANNEL, commandId = 'pbx-login'): AgentCommand {
  return { type: 'RecordAgentPoolLogin', commandId, agentId: AGENT, at: AT, via: 'system', pbxId: 'pbx1', channel, device: channel.replace(/-[0-9a-f]+$/, '') };
}

function logoff(channel = CHANNEL, commandId = 'pbx-logoff'): AgentCommand {
  return { type: 'RecordAgentPoolLogoff', commandId, agentId: AGENT, at: AT, via: 'system', pbxId: 'pbx1', channel, logintimeSeconds: 754 };
}

function seated(channel = CHANNEL): AgentStreamEvent {
  return {
    type: 'AgentPoolLoggedIn',
    data: { agentId: AGENT, pbxId: 'pbx1', channel, device: channel.replace(/-[0-9a-f]+$/, ''), at: EARLIER },
    metadata: { schemaVersion: 1, occurredAt: EARLIER, causationId: 'past' },
  };
}

describe('Agent decider: where an app_agent_pool agent sits (AgentLogin / AgentLogoff)', () => {
  it('records the AgentLogin channel and its device', () => {
    given()
      .when(login())
      .then([
        {
          type: 'AgentPoolLoggedIn',
          data: { agentId: AGENT, pbxId: 'pbx1', channel: CHANNEL, device: 'SIP/1002', at: AT },
          metadata: metaOf('pbx-login'),
        },
      ]);
  });

  it('records nothing for the channel it already sits on (a redelivered AgentLogin)', () => {
    given(seated()).when(login()).then([]);
  });

  it('a login on another channel replaces the seat (Asterisk holds one AgentLogin per agent)', () => {
    given(seated('SIP/1001-00000002'))
      .when(login())
      .then([
        {
          type: 'AgentPoolLoggedIn',
          data: { agentId: AGENT, pbxId: 'pbx1', channel: CHANNEL, device: 'SIP/1002', at: AT },
          metadata: metaOf('pbx-login'),
        },
      ]);
  });

  it('records the logoff of the seat with its Logintime', () => {
    given(seated())
      .when(logoff())
      .then([
        {
          type: 'AgentPoolLoggedOut',
          data: { agentId: AGENT, pbxId: 'pbx1', channel: CHANNEL, logintimeSeconds: 754, at: AT },
          metadata: metaOf('pbx-logoff'),
        },
      ]);
  });

  it('ignores the logoff of a channel the agent does not sit on, or with no seat at all', () => {
    given(seated()).when(logoff('SIP/1001-00000002')).then([]);
    given().when(logoff()).then([]);
  });

  it('refuses a login without its channel', () => {
    given().when(login('')).thenThrows('invalid_input');
  });

  it('the seat leaves the queue sessions alone, and the view of an agent-pool agent shows it', () => {
    const history = [wasLoggedIn('helpdesk'), seated()];
    const state = history.reduce(evolve, initialState());
    const pooled = { id: AGENT, name: 'Agent Two', line: 'SIP/1002', queues: ['helpdesk'], membership: 'agent-pool' as const };
    const view = describeAgent(pooled, state);
    expect(view.queues[0]).toMatchObject({ queue: 'helpdesk', loggedIn: true });
    expect(view.agentPool).toEqual({ seated: true, channel: CHANNEL, device: 'SIP/1002', since: EARLIER });

    const after = evolve(state, { ...seated(), type: 'AgentPoolLoggedOut', data: { agentId: AGENT, pbxId: 'pbx1', channel: CHANNEL, logintimeSeconds: 754, at: AT } });
    expect(describeAgent(pooled, after).agentPool).toEqual({ seated: false });
    expect(after).not.toHaveProperty('pool');
    expect(describeAgent(pooled, after).queues[0]).toMatchObject({ loggedIn: true });
    // A callback agent's view has no pool at all.
    expect(describeAgent({ ...pooled, membership: undefined }, state)).not.toHaveProperty('agentPool');
  });
});
