import fs from 'node:fs';
import path from 'node:path';

/** The real Asterisk 20 captures in ../shared/ami-captures (or AMI_CAPTURES_DIR). */
export function capturesDir(): string {
  const dir = process.env['AMI_CAPTURES_DIR'] ?? path.resolve(__dirname, '../../../../../shared/ami-captures');
  if (!fs.existsSync(dir)) throw new Error(`AMI captures not found at ${dir} (set AMI_CAPTURES_DIR)`);
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

export function captureFrames(name: string): CaptureFrame[] {
  return fs
    .readFileSync(path.join(capturesDir(), `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CaptureFrame);
}

/**
 * An independent reference reading of one raw frame, deliberately naive (split lines, split at the
 * first ':'), to check the streaming parser against.
 */
export function referenceFields(raw: string): Array<[string, string]> {
  return raw
    .split('\r\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const i = line.indexOf(':');
      const value = line.slice(i + 1);
      return [line.slice(0, i), value.startsWith(' ') ? value.slice(1) : value] as [string, string];
    });
}
