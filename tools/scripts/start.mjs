#!/usr/bin/env node
// `npm start`: the whole platform in one process (in-process bus, embedded stores under ./data,
// the PBX simulator when AMI_URL is unset).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const child = spawn(
  process.execPath,
  [path.join(here, 'run-ts.mjs'), 'apps/switchboard/src/main.ts', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
