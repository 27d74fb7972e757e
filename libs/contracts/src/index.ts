export * from './envelope';
export * from './pbx-events';
export * from './pbx-actions';
export * from './subjects';
export * from './streams';
export * from './agent-events';
export * from './agent-commands';
export * from './call-report';
