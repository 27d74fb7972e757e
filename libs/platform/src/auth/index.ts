export * from './principal';
export * from './access-token';
export * from './secret-hash';
export * from './auth.decorators';
export { AuthGuard } from './auth.guard';
export * from './assert-may-act';
