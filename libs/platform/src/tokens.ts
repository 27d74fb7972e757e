/** Nest injection tokens for the ports: services depend on the port, never on an adapter. */
export const BUS = Symbol('Bus');
export const EVENT_STORE = Symbol('EventStore');
export const APP_CONFIG = Symbol('AppConfig');
export const METRICS = Symbol('MetricsRegistry');
