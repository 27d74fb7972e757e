export default {
  displayName: 'deploy-check',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testPathIgnorePatterns: ['\\.e2e\\.spec\\.ts$'],
  coverageDirectory: '../../coverage/tools/deploy-check',
  // Rendering both overlays and type-checking every object against the Kubernetes models takes
  // a few seconds on a 2-core machine.
  testTimeout: 60_000,
};
