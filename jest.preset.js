// Shared Jest settings for every project: ts-jest in isolated (transpile-only) mode keeps the
// suite fast; type errors are caught by the separate `typecheck` target instead.
const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', isolatedModules: true }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  reporters: ['default', require.resolve('./tools/scripts/jest-results-reporter.js')],
};
