import type { AgentEntry, AgentState, QueueSession } from '@switchboard/agent-domain';
import { softphoneSettings } from './softphone-settings';

const agent: AgentEntry = { id: '1001', name: 'Agent One', line: 'SIP/1001', queues: ['helpdesk', 'sales'] };
const WSS = 'wss://pbx.example.com:8089/ws';

function loggedIn(iface: string): QueueSession {
  return {
    status: 'logged-in',
    pbxId: 'pbx-1',
    interface: iface,
    stateInterface: iface,
    memberName: 'Agent 1001',
    since: '2026-11-23T09:00:00.000Z',
    pause: { status: 'active' },
  };
}

function stateWith(queues: Record<string, QueueSession>): AgentState {
  return { status: 'known', agentId: '1001', queues, pbx: {}, decidedAt: {} };
}

describe('softphoneSettings', () => {
  it('registers the endpoint the queue rings, at the host of the WebSocket URL', () => {
    const settings = softphoneSettings(agent, stateWith({ helpdesk: loggedIn('PJSIP/webrtc-1001') }), WSS);
    expect(settings).toEqual({
      ringsHere: true,
      configured: true,
      wssUrl: WSS,
      aor: 'sip:webrtc-1001@pbx.example.com',
      username: 'webrtc-1001',
    });
  });

  it('says the calls ring elsewhere when the agent is logged in on a phone, or not at all', () => {
    expect(softphoneSettings(agent, stateWith({ helpdesk: loggedIn('Local/1001@agent-phones/n') }), WSS).ringsHere).toBe(false);
    expect(softphoneSettings(agent, stateWith({ helpdesk: { status: 'logged-out' } }), WSS).ringsHere).toBe(false);
    expect(softphoneSettings(agent, { status: 'unknown' }, WSS).ringsHere).toBe(false);
  });

  it('is not configured without SOFTPHONE_WSS_URL, and still says where calls ring', () => {
    expect(softphoneSettings(agent, stateWith({ sales: loggedIn('PJSIP/webrtc-1001') }), undefined)).toEqual({
      ringsHere: true,
      configured: false,
    });
  });

  it('is not configured for an agent-pool agent, who has no browser endpoint', () => {
    const pool: AgentEntry = { ...agent, membership: 'agent-pool' };
    expect(softphoneSettings(pool, stateWith({}), WSS)).toEqual({ ringsHere: false, configured: false });
  });
});
