// Directory: who the agents are, their lines, queues and login numbers.
export * from './directory/directory';
export { DirectoryError } from './directory/directory-error';
export { parseDirectory } from './directory/parse-directory';
export { agentById, agentByLine, extensionOf, phoneById, phoneByLine } from './directory/lines';
export {
  AGENT_POOL_CONTEXT,
  agentPoolBinding,
  hasOwnLine,
  isAgentPoolAgent,
  memberBindingFor,
  type AgentWithLine,
} from './directory/member-binding';
export * from './directory/ring-target';
export { loginNumberForms } from './directory/login-numbers';
export { isPauseReasonAllowed, pauseReasonOf } from './directory/pause-reasons';
// Feature codes: what a dialled code means.
export * from './feature-codes/feature-code-intent';
export { interpretFeatureCode } from './feature-codes/interpret-feature-code';
// The Agent decider.
export * from './agent/agent-state';
export { evolve } from './agent/evolve';
export { decide } from './agent/decide';
export * from './agent/decision';
export * from './agent/agent-domain-error';
export * from './agent/agent-view';
// Phones (hot desk, force-login) and the agent's seat: who holds which phone.
export * from './phone/phone-domain-error';
export * from './phone/phone-state';
export * from './phone/phone-commands';
export { decidePhone, type PhoneDecision } from './phone/decide-phone';
export * from './phone/seat-state';
export * from './phone/decide-seat';
export * from './phone/phone-listing';
export * from './phone/stale-policy';
export * from './phone/registration-report';
export * from './phone/decide-mobile-claim';
// PINs: wrong ones counted, lockouts.
export * from './pin/pin-state';
export * from './pin/decide-pin-attempt';
