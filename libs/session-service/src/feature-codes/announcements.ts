/**
 * Where the feature-code caller is sent to hear the new status: extensions of the `from-agents`
 * context shipped in infra/asterisk (Playback of agent-loginok / agent-loggedoff / pbx-invalid).
 */
export type Announcement = 'logged-in' | 'logged-out' | 'refused';

export const ANNOUNCEMENT_CONTEXT = 'from-agents';

export const announcementExtens: Record<Announcement, string> = {
  'logged-in': 'gw-loginok',
  'logged-out': 'gw-loggedoff',
  refused: 'gw-refused',
};
