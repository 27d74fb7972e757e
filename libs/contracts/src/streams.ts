/** Event-store stream names: `<category>-<id>`. */
export const streamNames = {
  agent: (agentId: string) => `agent-${agentId}`,
  /** Phone ids are Asterisk devices such as SIP/1001; '/' becomes '-' (phone-sip-1001). */
  phone: (phoneId: string) => `phone-${phoneId.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
  call: (callId: string) => `call-${callId}`,
} as const;

export const streamCategories = {
  agent: 'agent-',
  phone: 'phone-',
  call: 'call-',
} as const;
