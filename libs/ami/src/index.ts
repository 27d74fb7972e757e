export * from './ami-message';
export * from './frame-parser';
export * from './encode';
export * from './map-event';
export * from './correlator';
export * from './queue-status-snapshot';
export * from './agents-snapshot';
