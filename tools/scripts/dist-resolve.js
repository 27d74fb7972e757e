// Preloaded (`node -r ./tools/scripts/dist-resolve.js dist/js/apps/<app>/src/main.js`) when running
// the compiled workspace: `@switchboard/<name>` resolves to the compiled library in dist/js instead
// of the TypeScript source its package.json points at (which only ts-node can run).
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');

const dist = path.resolve(__dirname, '../../dist/js');
const roots = ['libs', 'tools', 'apps'];
const original = Module._resolveFilename;

Module._resolveFilename = function resolve(request, parent, ...rest) {
  const match = /^@switchboard\/([a-z0-9-]+)$/.exec(request);
  if (match) {
    for (const root of roots) {
      const candidate = path.join(dist, root, match[1], 'src/index.js');
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return original.call(this, request, parent, ...rest);
};
