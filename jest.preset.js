// Shared Jest settings for every project: ts-jest transpiles each file on its own
// (tsconfig.jest.json sets isolatedModules), which keeps the suite fast; type errors are the
// separate `typecheck` target's job.
const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: require.resolve('./tsconfig.jest.json') }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  reporters: ['default', require.resolve('./tools/scripts/jest-results-reporter.js')],
};
