import fs from 'node:fs';
import { AmiFrameParser, encodeMessage } from '@switchboard/ami';

/** One recorded event frame: its raw text and when it arrived (ms since the socket opened). */
export interface ReplayFrame {
  readonly t: number;
  readonly raw: string;
}

/**
 * The events of a capture, in order. Responses (and the banner) are left out: they answered the
 * recording client's actions, and the replay server answers its own client's actions itself.
 * `.jsonl` keeps the recorded timings; `.ami` (raw bytes) has none, so every frame gets t = 0.
 */
export function loadCapture(file: string): ReplayFrame[] {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.jsonl')) {
    return text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { t: number; dir: string; raw: string })
      .filter((f) => f.dir === 'in')
      .map((f) => ({ t: f.t, raw: f.raw.replace(/^(\r\n)+/, '') }))
      .filter((f) => /^Event:/i.test(f.raw));
  }
  const frames: ReplayFrame[] = [];
  for (const frame of new AmiFrameParser().push(text)) {
    if (frame.kind === 'message' && frame.message.kind === 'event') {
      frames.push({ t: 0, raw: encodeMessage(frame.message.fields) });
    }
  }
  return frames;
}
