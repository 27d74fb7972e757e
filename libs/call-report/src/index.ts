export * from './call-state';
export * from './reduce-call';
export * from './to-row';
