export * from './gateway.module';
export * from './gateway.service';
export * from './pbx-gateway';
export * from './ami-connection';
