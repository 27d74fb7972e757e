import nx from '@nx/eslint-plugin';

// Client libraries and frameworks that the pure layers (contracts, domain) must never touch:
// they hold the rules, and the rules have to run without a socket, a server or a framework.
const infrastructurePackages = [
  '@nestjs/*',
  'nats',
  '@eventstore/*',
  'better-sqlite3',
  'kysely',
  'pg',
  'pino',
  'nestjs-pino',
  'fastify',
  'asterisk-ami-client',
  '@grpc/*',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/data', '**/.nx'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: infrastructurePackages,
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'],
              bannedExternalImports: infrastructurePackages,
            },
            {
              // Adapters' contract tests run against real servers started by the test helpers.
              sourceTag: 'type:adapter',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:adapter', 'type:tool'],
            },
            {
              // Services' integration tests drive the simulator and the test helpers; production
              // code of a service never imports them (reviewed, and apps do not ship tools).
              sourceTag: 'type:service',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:domain',
                'type:adapter',
                'type:service',
                'type:simulator',
                'type:tool',
              ],
            },
            {
              // The simulator is part of the product's demo mode, so the single-process app may start it.
              sourceTag: 'type:simulator',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:domain',
                'type:adapter',
                'type:service',
                'type:simulator',
              ],
            },
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:domain',
                'type:adapter',
                'type:service',
                'type:simulator',
                'type:tool',
              ],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
];
