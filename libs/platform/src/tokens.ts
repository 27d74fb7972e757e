/** Nest injection tokens for the ports: services depend on the port, never on an adapter. */
export const BUS = Symbol('Bus');
export const EVENT_STORE = Symbol('EventStore');
export const APP_CONFIG = Symbol('AppConfig');
export const METRICS = Symbol('MetricsRegistry');
/** The service's name (ami-gateway, agent-session, reporting, switchboard): logs, NATS, docs. */
export const SERVICE_NAME = Symbol('ServiceName');
