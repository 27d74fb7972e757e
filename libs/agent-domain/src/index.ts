// Directory: who the agents are, their lines, queues and login numbers.
export * from './directory/directory';
export { DirectoryError } from './directory/directory-error';
export { parseDirectory } from './directory/parse-directory';
export { agentByLine, extensionOf } from './directory/lines';
export { memberBindingFor } from './directory/member-binding';
export { loginNumberForms } from './directory/login-numbers';
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
