export * from './call-fact';
export * from './call-state';
export { reduceCall, foldCall, laterDisposition } from './reduce-call';
export { toCallRow } from './to-row';
