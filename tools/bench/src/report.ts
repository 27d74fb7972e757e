import fs from 'node:fs';
import path from 'node:path';

const file = path.resolve(__dirname, '../../../docs/benchmarks.md');
const HEADER = `# Benchmarks

Written by \`npm run bench\` (tools/bench). Each section is replaced when its benchmark runs again;
figures always come with the machine and the date they were measured on. Speed and memory targets
are checked here, never by timed assertions in tests.
`;

/** Replaces (or appends) one named section of docs/benchmarks.md. */
export function writeSection(name: string, body: string): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : HEADER;
  const block = `${start}\n${body.trim()}\n${end}`;
  const i = current.indexOf(start);
  const j = current.indexOf(end);
  const next = i >= 0 && j > i ? current.slice(0, i) + block + current.slice(j + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
}
