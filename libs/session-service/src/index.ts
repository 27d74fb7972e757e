export * from './session.module';
export * from './tokens';
export * from './commands/agent-command.service';
export * from './feature-codes/feature-code.handler';
export * from './feature-codes/line-of-channel';
export * from './directory/load-directory';
