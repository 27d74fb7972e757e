export * from './directory/directory';
export * from './directory/parse-directory';
export * from './feature-codes/interpret-feature-code';
export * from './agent/agent-state';
export * from './agent/agent-decider';
export * from './agent/agent-view';
