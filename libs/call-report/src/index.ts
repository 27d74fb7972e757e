export * from './call-fact';
export * from './call-state';
export { reduceCall, foldCall } from './reduce-call';
export { toCallRow } from './to-row';
