import { bindingForTarget, type AgentEntry, type AgentState } from '@switchboard/agent-domain';

/** What the desktop needs to run the browser softphone of one agent (GET /api/desktop/softphone). */
export interface SoftphoneSettings {
  /** Whether the queue rings this agent in the browser now (logged in with interface "internal"). */
  readonly ringsHere: boolean;
  /** False when SOFTPHONE_WSS_URL is not set, or the agent has no browser endpoint (agent-pool). */
  readonly configured: boolean;
  /** The PBX's SIP-over-WebSocket address. */
  readonly wssUrl?: string;
  /** The address the page registers: sip:webrtc-<id>@<host of the WebSocket URL>. */
  readonly aor?: string;
  /** The endpoint name, also the digest user name where the PBX asks for a password. */
  readonly username?: string;
}

export function softphoneSettings(agent: AgentEntry, state: AgentState, wssUrl: string | undefined): SoftphoneSettings {
  // The queue member of the ring target "internal" (PJSIP/webrtc-<id>): the endpoint to register
  // is named after it, so the page registers exactly what the queue rings.
  const member = bindingForTarget(agent, { kind: 'internal' });
  const ringsHere =
    member !== undefined &&
    state.status === 'known' &&
    Object.values(state.queues).some((s) => s.status === 'logged-in' && s.interface === member.interface);
  if (!wssUrl || !member?.interface.startsWith('PJSIP/')) return { ringsHere, configured: false };
  const username = member.interface.slice('PJSIP/'.length);
  // Asterisk finds the endpoint by the user part; the domain is the PBX the socket goes to.
  return { ringsHere, configured: true, wssUrl, aor: `sip:${username}@${new URL(wssUrl).hostname}`, username };
}
