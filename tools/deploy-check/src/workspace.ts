import fs from 'node:fs';
import path from 'node:path';

/** The repository root (tools/deploy-check/src → ../../..). */
export const workspaceRoot = path.resolve(__dirname, '../../..');

export function fromRoot(...segments: string[]): string {
  return path.join(workspaceRoot, ...segments);
}

export function readText(...segments: string[]): string {
  return fs.readFileSync(fromRoot(...segments), 'utf8');
}

/** Every file under `dir` (relative to the root) whose name matches, recursively, sorted. */
export function listFiles(dir: string, match: (file: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const p = path.join(abs, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(p);
      } else if (match(p)) out.push(p);
    }
  };
  walk(fromRoot(dir));
  return out.sort();
}
