import fs from 'node:fs';
import path from 'node:path';

/** Extensions of the agents in the directory written by writeTestDirectory (1001, 1002, …). */
export function agentExtensions(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(1001 + i));
}

/**
 * A directory of `count` agents, all in helpdesk (login number 811), written to `dir`: more
 * agents than the demo site so a load spreads over several members. `pinHashes` gives agents a
 * PIN (as its scrypt hash, the only form a directory holds). Returns the file path.
 */
export function writeTestDirectory(dir: string, count: number, pinHashes: Readonly<Record<string, string>> = {}): string {
  const agents = agentExtensions(count)
    .map((ext) => {
      const pin = pinHashes[ext] ? `\n    pinHash: "${pinHashes[ext]}"` : '';
      return `  - id: "${ext}"\n    name: Agent ${ext}\n    line: SIP/${ext}\n    queues: [helpdesk]${pin}`;
    })
    .join('\n');
  const yaml = `pbxId: pbx1\nqueues:\n  - name: helpdesk\n    loginNumber: "811"\n  - name: sales\n    loginNumber: "812"\nagents:\n${agents}\n`;
  const file = path.join(dir, 'directory.yaml');
  fs.writeFileSync(file, yaml);
  return file;
}
