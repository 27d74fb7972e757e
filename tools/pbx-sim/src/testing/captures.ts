// Access to the real Asterisk 20 captures in shared/ami-captures (or $AMI_CAPTURES_DIR), so specs
// can compare the simulator's frames with what a real PBX sent, header by header.

import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { AmiMessage } from '@switchboard/ami';
import { AmiFrameParser } from '@switchboard/ami';

export function capturesDir(): string {
  const dir =
    process.env['AMI_CAPTURES_DIR'] ??
    path.resolve(__dirname, '../../../../../shared/ami-captures');
  if (!existsSync(dir)) {
    throw new Error(`AMI captures not found at ${dir} (set AMI_CAPTURES_DIR)`);
  }
  return dir;
}

interface CaptureFrame {
  readonly t: number;
  readonly dir: 'in' | 'out';
  readonly raw: string;
}

const cache = new Map<string, AmiMessage[]>();

/** The messages of one direction of a capture (`in` = what Asterisk sent). */
export function captureMessages(name: string, dir: 'in' | 'out' = 'in'): AmiMessage[] {
  const key = `${name}:${dir}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const text = readFileSync(path.join(capturesDir(), `${name}.jsonl`), 'utf8');
  const frames = text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as CaptureFrame)
    .filter((f) => f.dir === dir);
  const parser = new AmiFrameParser({ expectBanner: dir === 'in' });
  const messages: AmiMessage[] = [];
  for (const frame of frames) {
    for (const parsed of parser.push(frame.raw)) {
      if (parsed.kind === 'message') messages.push(parsed.message);
    }
  }
  cache.set(key, messages);
  return messages;
}

/** The first message of a capture that satisfies the predicate (throws if there is none). */
export function captureFrame(
  name: string,
  predicate: (m: AmiMessage) => boolean,
  dir: 'in' | 'out' = 'in',
): AmiMessage {
  const found = captureMessages(name, dir).find(predicate);
  if (!found) throw new Error(`capture ${name} has no matching frame`);
  return found;
}

/** The first spontaneous event (no ActionID) with this name and matching headers. */
export function captureEvent(
  name: string,
  eventName: string,
  match: Record<string, string> = {},
): AmiMessage {
  return captureFrame(
    name,
    (m) =>
      m.get('Event') === eventName &&
      (eventName === 'OriginateResponse' || m.get('ActionID') === undefined) &&
      Object.entries(match).every(([k, v]) => m.get(k) === v),
  );
}

/** The first list item / response carrying an ActionID with this event name. */
export function captureListItem(name: string, eventName: string): AmiMessage {
  return captureFrame(name, (m) => m.get('Event') === eventName && m.get('ActionID') !== undefined);
}

/** The Response to the capture's action with this ActionID. */
export function captureResponse(name: string, actionId: string): AmiMessage {
  return captureFrame(name, (m) => m.kind === 'response' && m.get('ActionID') === actionId);
}
