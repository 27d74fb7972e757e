// End-to-end tests: whole processes and HTTP through supertest. Kept out of the `test` target
// (its own `e2e` target) because they are slower and start servers.
export default {
  displayName: 'switchboard-e2e',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
  testTimeout: 120_000,
};
