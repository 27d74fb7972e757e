export * from './free-port';
export * from './nats-server';
export * from './postgres';
