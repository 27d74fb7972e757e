/**
 * Where the feature-code caller is sent to hear the outcome: extensions of the `from-agents`
 * context shipped in infra/asterisk (agent-loginok, agent-loggedoff, pbx-invalid, …). The IVR's
 * callers are redirected there too: a Redirect may name any context.
 */
export type Announcement = 'logged-in' | 'logged-out' | 'refused' | 'paused' | 'unpaused' | 'invalid-pin' | 'locked-out';

export const ANNOUNCEMENT_CONTEXT = 'from-agents';

export const announcementExtens: Record<Announcement, string> = {
  'logged-in': 'gw-loginok',
  'logged-out': 'gw-loggedoff',
  refused: 'gw-refused',
  paused: 'gw-paused',
  unpaused: 'gw-unpaused',
  'invalid-pin': 'gw-invalidpin',
  'locked-out': 'gw-lockedout',
};
