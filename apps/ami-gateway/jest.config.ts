export default {
  displayName: 'ami-gateway',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testPathIgnorePatterns: ['\\.e2e\\.spec\\.ts$'],
  coverageDirectory: '../../coverage/apps/ami-gateway',
};
