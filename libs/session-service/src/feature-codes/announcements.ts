/**
 * Where the feature-code caller is sent to hear the outcome: extensions of the `from-agents`
 * context shipped in infra/asterisk (agent-loginok, agent-loggedoff, pbx-invalid, …). The IVR's
 * callers are redirected there too: a Redirect may name any context.
 */
export type Announcement =
  | 'logged-in'
  | 'logged-out'
  /** A direct login or logout that found nothing to do (the decider's already-… outcomes). */
  | 'already-logged-in'
  | 'already-logged-out'
  /** Asked for during a queue call: applied when the call ends (the decider's deferred outcome). */
  | 'logout-deferred'
  | 'pause-deferred'
  | 'refused'
  | 'paused'
  | 'unpaused'
  | 'invalid-pin'
  | 'locked-out';

export const ANNOUNCEMENT_CONTEXT = 'from-agents';

export const announcementExtens: Record<Announcement, string> = {
  'logged-in': 'gw-loginok',
  'logged-out': 'gw-loggedoff',
  'already-logged-in': 'gw-alreadyloggedin',
  'already-logged-out': 'gw-alreadyloggedoff',
  'logout-deferred': 'gw-logoutdeferred',
  'pause-deferred': 'gw-pausedeferred',
  refused: 'gw-refused',
  paused: 'gw-paused',
  unpaused: 'gw-unpaused',
  'invalid-pin': 'gw-invalidpin',
  'locked-out': 'gw-lockedout',
};
