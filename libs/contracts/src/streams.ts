/** Event-store stream names: `<category>-<id>`. */
export const streamNames = {
  agent: (agentId: string) => `agent-${agentId}`,
  /** Phone ids are Asterisk devices such as SIP/1001; '/' becomes '-' (phone-sip-1001). */
  phone: (phoneId: string) => `phone-${phoneId.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
  call: (callId: string) => `call-${callId}`,
  /** The phone an agent holds (hot desk): the agent's side of a claim, so an agent holds one. */
  seat: (agentId: string) => `seat-${agentId}`,
  /** An agent's wrong PINs and lockouts, shared by every replica. */
  pin: (agentId: string) => `pin-${agentId}`,
  /** The versions of one PBX's directory (agents, phones, queues…): seeded from YAML, changed by admins. */
  directory: (pbxId: string) => `directory-${pbxId}`,
} as const;

export const streamCategories = {
  agent: 'agent-',
  phone: 'phone-',
  call: 'call-',
  seat: 'seat-',
  pin: 'pin-',
  directory: 'directory-',
} as const;
