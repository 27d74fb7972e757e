export default {
  displayName: 'ami-replay',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testPathIgnorePatterns: ['\\.e2e\\.spec\\.ts$'],
  coverageDirectory: '../../coverage/tools/ami-replay',
};
