export default {
  displayName: 'agent-domain',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testPathIgnorePatterns: ['\\.e2e\\.spec\\.ts$'],
  coverageDirectory: '../../coverage/libs/agent-domain',
};
