import fs from 'node:fs';
import path from 'node:path';

/** The real Asterisk 20 captures: /work/shared/ami-captures beside the repository, or
 *  AMI_CAPTURES_DIR. Missing captures fail loudly: the specs must not pass on nothing. */
export function capturesDir(): string {
  const dir = process.env['AMI_CAPTURES_DIR'] ?? path.resolve(__dirname, '../../../../../shared/ami-captures');
  if (!fs.existsSync(dir)) {
    throw new Error(`AMI captures not found at ${dir} (set AMI_CAPTURES_DIR)`);
  }
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.ami'));
  if (names.length === 0) throw new Error(`no .ami captures in ${dir} (set AMI_CAPTURES_DIR)`);
  return dir;
}

export interface CaptureFrame {
  readonly t: number;
  readonly dir: 'in' | 'out';
  readonly raw: string;
}

export function captureNames(): string[] {
  return fs
    .readdirSync(capturesDir())
    .filter((f) => f.endsWith('.ami'))
    .map((f) => f.slice(0, -4))
    .sort();
}

export function captureBytes(name: string): Buffer {
  return fs.readFileSync(path.join(capturesDir(), `${name}.ami`));
}

/** Every frame of NAME.jsonl in recorded order; "in" raw texts concatenate to NAME.ami exactly. */
export function captureFrames(name: string): CaptureFrame[] {
  return fs
    .readFileSync(path.join(capturesDir(), `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CaptureFrame);
}
