import { AmiMessage } from './ami-message';

export type AmiFrame =
  | { readonly kind: 'banner'; readonly text: string }
  | { readonly kind: 'message'; readonly message: AmiMessage }
  | { readonly kind: 'bad'; readonly reason: string; readonly raw: string };

export interface AmiFrameParserOptions {
  /** The first line, when it looks like "Asterisk Call Manager/x.y.z", is the banner. Default true;
   *  a server reading client actions passes false. */
  readonly expectBanner?: boolean;
  /** Longer frames are discarded and counted as bad; parsing continues after them. */
  readonly maxFrameBytes?: number;
}

const BANNER = /^Asterisk Call Manager\/\S+$/;

/**
 * Streaming AMI framing: bytes in any chunking → whole frames, in order. A frame is header lines
 * ending with an empty line; the banner is one line with no empty line after it. Blank lines
 * between frames (chan_sip sends a stray CRLF after SIPshowpeer) are skipped. Never throws: a
 * frame it cannot read is returned as `bad` and counted.
 */
export class AmiFrameParser {
  private buffer = '';
  private bannerPending: boolean;
  private readonly maxFrameBytes: number;
  /** Set while skipping the rest of an oversized frame up to its terminating blank line. */
  private discarding = false;
  readonly stats = { frames: 0, badFrames: 0, bytes: 0 };

  constructor(options: AmiFrameParserOptions = {}) {
    this.bannerPending = options.expectBanner ?? true;
    this.maxFrameBytes = options.maxFrameBytes ?? 1024 * 1024;
  }

  reset(): void {
    this.buffer = '';
    this.discarding = false;
  }

  push(chunk: Buffer | string): AmiFrame[] {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.stats.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    const buf = this.buffer.length === 0 ? text : this.buffer + text;
    const frames: AmiFrame[] = [];
    // `start`: first unconsumed character. Lines are scanned once each, so a large chunk with
    // thousands of frames costs linear time.
    let start = 0;
    let fields: Array<[string, string]> = [];
    let badReason: string | null = null;
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf('\n', pos);
      if (nl < 0) break;
      const line = buf.charCodeAt(nl - 1) === 13 && nl > pos ? buf.slice(pos, nl - 1) : buf.slice(pos, nl);
      const lineStart = pos;
      pos = nl + 1;
      if (line.length === 0) {
        // A blank line: the end of a frame, or a stray one between frames.
        if (this.discarding) {
          this.discarding = false;
        } else if (fields.length > 0 || badReason) {
          frames.push(this.finish(fields, badReason, buf.slice(start, lineStart)));
        }
        fields = [];
        badReason = null;
        start = pos;
        continue;
      }
      if (this.bannerPending && fields.length === 0 && !badReason) {
        this.bannerPending = false;
        if (BANNER.test(line)) {
          this.stats.frames++;
          frames.push({ kind: 'banner', text: line });
          start = pos;
          continue;
        }
      }
      if (this.discarding) continue;
      const colon = line.indexOf(':');
      if (colon <= 0) {
        badReason ??= `header line without a name and ':' (${line.slice(0, 40)})`;
        continue;
      }
      let value = line.slice(colon + 1);
      if (value.charCodeAt(0) === 32) value = value.slice(1);
      fields.push([line.slice(0, colon), value]);
    }
    if (this.discarding && start < pos) {
      // Still inside an oversized frame: drop what was scanned, keep looking for its end.
      start = pos;
    } else if (buf.length - start > this.maxFrameBytes) {
      this.stats.badFrames++;
      frames.push({ kind: 'bad', reason: `frame longer than ${this.maxFrameBytes} bytes`, raw: buf.slice(start, start + 200) });
      this.discarding = true;
      start = pos;
    }
    this.buffer = start >= buf.length ? '' : buf.slice(start);
    return frames;
  }

  private finish(fields: Array<[string, string]>, badReason: string | null, raw: string): AmiFrame {
    if (badReason) {
      this.stats.badFrames++;
      return { kind: 'bad', reason: badReason, raw };
    }
    this.stats.frames++;
    return { kind: 'message', message: new AmiMessage(fields) };
  }
}

