export * from './load-capture';
export * from './replay-server';
