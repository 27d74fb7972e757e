#!/usr/bin/env node
// `npm test`: every project's unit and integration tests (jest through Nx), then the end-to-end
// projects, then one summary line "N passed, N failed" that CI reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const resultsDir = path.join(root, 'tmp/test-results');
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', TEST_RESULTS_DIR: resultsDir };
const nx = path.join(root, 'node_modules/.bin/nx');
const extra = process.argv.slice(2);

function run(args) {
  const r = spawnSync(nx, args, { stdio: 'inherit', env, cwd: root });
  return r.status ?? 1;
}

let status = run(['run-many', '-t', 'test', '--parallel=2', '--outputStyle=stream', ...extra]);
if (status === 0) status = run(['run-many', '-t', 'e2e', '--parallel=1', '--outputStyle=stream', ...extra]);

let passed = 0;
let failed = 0;
for (const file of fs.readdirSync(resultsDir)) {
  const r = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
}
if (status !== 0 && failed === 0) failed = 1; // a runner that crashed counts as a failure
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status);
