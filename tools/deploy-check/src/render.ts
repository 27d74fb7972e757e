import path from 'node:path';
import { stringify } from 'yaml';
import { renderKustomization } from './kustomize';

/**
 * Prints what an overlay renders to, as `kubectl kustomize <dir>` would, for review where no
 * kustomize binary is installed:  node tools/scripts/run-ts.mjs tools/deploy-check/src/render.ts k8s/overlays/prod
 */
function main(): void {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: render.ts <kustomization directory>');
    process.exit(2);
  }
  const objects = renderKustomization(path.resolve(dir));
  process.stdout.write(objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n'));
}

main();
