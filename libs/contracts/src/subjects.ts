/**
 * NATS subjects and JetStream names, built in one place so no service spells them itself.
 * PBX ids and event types become subject tokens, so they must not contain '.', '*', '>' or spaces.
 */
const TOKEN = /^[A-Za-z0-9_-]+$/;

export function assertSubjectToken(token: string, what: string): string {
  if (!TOKEN.test(token)) {
    throw new Error(`${what} "${token}" is not a valid subject token (letters, digits, _ and - only)`);
  }
  return token;
}

export const subjects = {
  /** pbx.<pbxId>.event.<Type>: every typed PBX event, in AMI order per PBX. */
  pbxEvent: (pbxId: string, type: string) =>
    `pbx.${assertSubjectToken(pbxId, 'PBX id')}.event.${assertSubjectToken(type, 'event type')}`,
  pbxEventsOf: (pbxId: string) => `pbx.${assertSubjectToken(pbxId, 'PBX id')}.event.>`,
  allPbxEvents: 'pbx.*.event.>',
  pbxEventsOfType: (type: string) => `pbx.*.event.${assertSubjectToken(type, 'event type')}`,
  /** pbx.<pbxId>.action: request/reply to the gateway that owns the PBX connection. */
  pbxAction: (pbxId: string) => `pbx.${assertSubjectToken(pbxId, 'PBX id')}.action`,
  /** agent.<agentId>.status.<Type>: agent status changes for other consumers. */
  agentStatus: (agentId: string, type: string) =>
    `agent.${assertSubjectToken(agentId, 'agent id')}.status.${assertSubjectToken(type, 'event type')}`,
} as const;

/** JetStream stream holding the PBX events. */
export const PBX_EVENTS_STREAM = 'PBX_EVENTS';
/** Durable consumer names, one per consuming service: replicas of a service compete on it. */
export const consumers = {
  agentSession: 'agent-session',
  reporting: 'reporting',
} as const;
