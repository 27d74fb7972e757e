#!/usr/bin/env node
// Runs a TypeScript entry point without a build step (development, `npm start`, `npm run sim`).
// ts-node in transpile-only mode: type errors are the `typecheck` target's job, not start-up's.
// Workspace packages (@switchboard/*) resolve through npm workspaces' symlinks to their src/.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run-ts.mjs <entry.ts> [args...]');
  process.exit(2);
}
const child = spawn(
  process.execPath,
  ['-r', 'ts-node/register/transpile-only', path.resolve(root, entry), ...args],
  {
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.base.json') },
  },
);
// Forward termination so the service can shut down gracefully.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
