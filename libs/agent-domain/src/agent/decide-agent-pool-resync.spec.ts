import type { AgentCommand, AgentStreamEvent } from '@switchboard/contracts';
import { AGENT, AT, EARLIER, metaOf } from '../testing/agent-fixtures';
import { given } from '../testing/given-when-then';

const CHANNEL = 'SIP/1002-00000007';
/** The Agents list was asked for half an hour after the seat was recorded (EARLIER 08:00). */
const ASKED = '2026-11-23T08:30:00.000Z';

type Observed = Extract<AgentCommand, { type: 'ResyncAgentPool' }>['observed'];

function resync(observed: Observed, askedAt = ASKED, pbxId = 'pbx1'): AgentCommand {
  return { type: 'ResyncAgentPool', commandId: 'resync', agentId: AGENT, at: AT, via: 'system', pbxId, askedAt, observed };
}

const seatedOn = (channel: string) =>
  ({ seated: true, channel, device: channel.replace(/-[0-9a-f]+$/, ''), loggedInAt: '2026-11-23T07:59:58.000Z' }) as const;

function seated(channel = CHANNEL, pbxId = 'pbx1', occurredAt = EARLIER): AgentStreamEvent {
  return {
    type: 'AgentPoolLoggedIn',
    data: { agentId: AGENT, pbxId, channel, device: channel.replace(/-[0-9a-f]+$/, ''), at: occurredAt },
    metadata: { schemaVersion: 1, occurredAt, causationId: 'past' },
  };
}

function unseated(channel = CHANNEL, occurredAt = EARLIER): AgentStreamEvent {
  return {
    type: 'AgentPoolLoggedOut',
    data: { agentId: AGENT, pbxId: 'pbx1', channel, logintimeSeconds: 5, at: occurredAt },
    metadata: { schemaVersion: 1, occurredAt, causationId: 'past' },
  };
}

describe('Agent decider: an AMI Agents list repairs the recorded app_agent_pool seat', () => {
  it('releases a seat the PBX no longer shows (a missed AgentLogoff), saying pbx-resync', () => {
    given(seated())
      .when(resync({ seated: false }))
      .then([
        {
          type: 'AgentPoolLoggedOut',
          // Logintime up to the list: 08:00 → 08:30, the most the agent can have sat.
          data: { agentId: AGENT, pbxId: 'pbx1', channel: CHANNEL, logintimeSeconds: 1800, at: AT, reason: 'pbx-resync' },
          metadata: metaOf('resync'),
        },
      ]);
  });

  it('records a seat the PBX shows and the stream does not (a missed AgentLogin), from LoggedInTime', () => {
    given()
      .when(resync(seatedOn(CHANNEL)))
      .then([
        {
          type: 'AgentPoolLoggedIn',
          data: { agentId: AGENT, pbxId: 'pbx1', channel: CHANNEL, device: 'SIP/1002', at: '2026-11-23T07:59:58.000Z', reason: 'pbx-resync' },
          metadata: metaOf('resync'),
        },
      ]);
  });

  it('replaces a seat the PBX shows on another channel (the agent sat down again while away)', () => {
    const decision = given(seated('SIP/1001-00000002')).when(resync(seatedOn(CHANNEL))).then([
      {
        type: 'AgentPoolLoggedIn',
        data: { agentId: AGENT, pbxId: 'pbx1', channel: CHANNEL, device: 'SIP/1002', at: '2026-11-23T07:59:58.000Z', reason: 'pbx-resync' },
        metadata: metaOf('resync'),
      },
    ]);
    expect(decision.outcomes).toEqual([]);
  });

  it('changes nothing when the list agrees with the stream', () => {
    given(seated()).when(resync(seatedOn(CHANNEL))).then([]);
    given().when(resync({ seated: false })).then([]);
    given(seated(), unseated()).when(resync({ seated: false })).then([]);
  });

  it('leaves a seat alone that changed at or after the list was asked for: the stream is newer', () => {
    given(seated(CHANNEL, 'pbx1', ASKED)).when(resync({ seated: false })).then([]);
    given(seated(CHANNEL, 'pbx1', '2026-11-23T08:31:00.000Z')).when(resync({ seated: false })).then([]);
    // A logoff recorded after the list: the list's seat is gone already, not to be recorded again.
    given(seated(), unseated(CHANNEL, '2026-11-23T08:31:00.000Z')).when(resync(seatedOn(CHANNEL))).then([]);
  });

  it('leaves a seat on another PBX to that PBX', () => {
    given(seated(CHANNEL, 'pbx2')).when(resync({ seated: false })).then([]);
  });

  it('refuses a list without its time or a seat without its channel', () => {
    given(seated()).when(resync({ seated: false }, 'yesterday')).thenThrows('invalid_input');
    given().when(resync(seatedOn(''))).thenThrows('invalid_input');
  });
});
