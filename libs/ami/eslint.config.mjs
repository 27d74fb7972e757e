import baseConfig from '../../eslint.config.mjs';

// The AMI library is pure protocol code: bytes in, frames and typed events out. The socket, the
// bus and the framework belong to the gateway, so the library itself may not reach for them.
// (node:buffer is fine; test helpers under src/testing and the specs may read the captures.)
const io = ['net', 'tls', 'dgram', 'http', 'https', 'http2', 'fs', 'fs/promises', 'child_process', 'worker_threads', 'cluster'];

export default [
  ...baseConfig,
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts', 'src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: io.flatMap((name) => [name, `node:${name}`]).map((name) => ({ name, message: '@switchboard/ami is pure: no I/O.' })),
          patterns: [
            { group: ['@nestjs/*', 'nats', 'nats/*', '@switchboard/*', '!@switchboard/contracts'], message: '@switchboard/ami depends on @switchboard/contracts only.' },
          ],
        },
      ],
    },
  },
];
