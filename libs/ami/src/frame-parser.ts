import { Buffer } from 'node:buffer';
import { AmiMessage } from './ami-message';

export type AmiFrame =
  | { readonly kind: 'banner'; readonly text: string }
  | { readonly kind: 'message'; readonly message: AmiMessage }
  | { readonly kind: 'bad'; readonly reason: string; readonly raw: string };

export interface AmiFrameParserOptions {
  /** The first line, when it looks like "Asterisk Call Manager/x.y.z", is the banner. Default
   *  true; a server reading client actions (the simulator, the replay tool) passes false. */
  readonly expectBanner?: boolean;
  /** Longer frames are discarded and returned once as `bad`; parsing resumes after the blank
   *  line that ends them. Default 1 MiB. */
  readonly maxFrameBytes?: number;
}

export interface AmiFrameParserStats {
  /** Good frames returned: the banner and every message. */
  frames: number;
  /** Frames returned as `bad` (a line that is no header, or an oversized frame). */
  badFrames: number;
  /** Bytes pushed (UTF-8 bytes for string chunks). */
  bytes: number;
}

const LF = 0x0a;
const CR = 0x0d;
/** Bounded, so that a long line is never a banner in one chunking and a cut frame in another. */
const BANNER = /^Asterisk Call Manager\/\S{1,40}$/;
/** How much of a bad frame's text is kept in the frame: enough to log, never megabytes. */
const RAW_LIMIT = 512;
const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
/** Above this the carry-over store is dropped once it is empty, so one huge frame does not pin
 *  its memory for the life of the connection. */
const KEEP_STORE_BYTES = 64 * 1024;

/**
 * Streaming AMI framing: bytes in any chunking → whole frames, in order.
 *
 * A frame is header lines ended by an empty line; the banner is a single line with no empty line
 * after it. Lines end in CRLF (bare LF is tolerated). Blank lines between frames are skipped:
 * chan_sip sends a stray CRLF after SIPshowpeer.
 *
 * It works on bytes, not strings: the scan for line ends is a native `indexOf` over the chunk,
 * only the bytes of an unfinished frame are carried over to the next push (copied into one
 * growing store, so a frame that arrives a byte at a time costs linear time), and each frame is
 * decoded to UTF-8 once, whole, so a multi-byte character split between two reads is never torn.
 *
 * It never throws: a frame it cannot read comes back as `bad`, is counted, and parsing goes on.
 */
export class AmiFrameParser {
  readonly stats: AmiFrameParserStats = { frames: 0, badFrames: 0, bytes: 0 };
  private readonly expectBanner: boolean;
  private readonly maxFrameBytes: number;
  private bannerPending: boolean;
  /** Bytes of the unfinished frame (or, while discarding, of the unfinished line), at 0..carried. */
  private store: Buffer = Buffer.alloc(0);
  private carried = 0;
  /** Offset in the carried bytes where the unfinished line starts: earlier lines were scanned. */
  private scanned = 0;
  /** Inside an oversized frame: lines are dropped until its terminating blank line. */
  private discarding = false;

  constructor(options: AmiFrameParserOptions = {}) {
    this.expectBanner = options.expectBanner ?? true;
    this.bannerPending = this.expectBanner;
    const max = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.maxFrameBytes = Number.isFinite(max) && max > 0 ? max : DEFAULT_MAX_FRAME_BYTES;
  }

  /** Back to the state of a new connection (a banner is expected again); stats keep counting. */
  reset(): void {
    this.carried = 0;
    this.scanned = 0;
    this.discarding = false;
    this.bannerPending = this.expectBanner;
    if (this.store.length > KEEP_STORE_BYTES) this.store = Buffer.alloc(0);
  }

  push(chunk: Buffer | Uint8Array | string): AmiFrame[] {
    const frames: AmiFrame[] = [];
    try {
      this.scan(chunk, frames);
    } catch (error) {
      // Unreachable by design (the fuzz tests hunt for it); if it ever happens the stream position
      // is unknown, so start over rather than throw into the socket handler.
      this.reset();
      this.stats.badFrames++;
      frames.push({ kind: 'bad', reason: `parser error: ${String(error)}`, raw: '' });
    }
    return frames;
  }

  private scan(chunk: Buffer | Uint8Array | string, frames: AmiFrame[]): void {
    const bytes =
      typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.stats.bytes += bytes.length;
    if (bytes.length === 0) return;
    // Without carried bytes the chunk is scanned in place (the common case: whole frames per read).
    const inStore = this.carried > 0;
    let lineStart = inStore ? this.scanned : 0;
    const data = inStore ? this.append(bytes) : bytes;
    const end = data.length;
    let frameStart = 0;
    for (;;) {
      const nl = data.indexOf(LF, lineStart);
      if (nl < 0) break;
      const blank = nl === lineStart || (nl === lineStart + 1 && data[lineStart] === CR);
      if (blank) {
        if (this.discarding) {
          this.discarding = false;
        } else if (lineStart > frameStart) {
          frames.push(this.frame(data, frameStart, lineStart));
        }
        // else: a stray blank line between frames.
        frameStart = nl + 1;
      } else if (this.bannerPending && !this.discarding) {
        // Only the very first line can be the banner; it has no blank line after it.
        this.bannerPending = false;
        const line = data.toString('utf8', lineStart, data[nl - 1] === CR ? nl - 1 : nl);
        if (BANNER.test(line)) {
          this.stats.frames++;
          frames.push({ kind: 'banner', text: line });
          frameStart = nl + 1;
        }
      }
      lineStart = nl + 1;
    }
    if (!this.discarding && this.tooLong(data, frameStart, lineStart, end)) {
      this.stats.badFrames++;
      frames.push({ kind: 'bad', reason: `frame longer than ${this.maxFrameBytes} bytes`, raw: data.toString('utf8', frameStart, frameStart + RAW_LIMIT) });
      this.discarding = true;
      this.bannerPending = false;
    }
    if (this.discarding) {
      // Only whether the unfinished line is empty or "\r" still matters: its last two bytes tell.
      frameStart = Math.max(lineStart, end - 2);
    }
    this.keep(data, inStore, frameStart, end, lineStart - frameStart);
  }

  /**
   * Whether the unfinished frame data[frameStart, end) is already sure to exceed the limit. Exact,
   * so the verdict does not depend on where the stream was cut: an unfinished line of just "\r"
   * may be the terminator and adds nothing; any other unfinished line adds itself and its LF.
   */
  private tooLong(data: Buffer, frameStart: number, lineStart: number, end: number): boolean {
    const complete = lineStart - frameStart;
    const partial = end - lineStart;
    if (complete > this.maxFrameBytes) return true;
    const mayTerminate = partial === 0 || (partial === 1 && data[lineStart] === CR);
    return !mayTerminate && complete + partial >= this.maxFrameBytes;
  }

  /** Appends to the carried bytes, growing the store geometrically; returns the carried view. */
  private append(bytes: Buffer): Buffer {
    const needed = this.carried + bytes.length;
    if (needed > this.store.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.store.length * 2, 4096));
      this.store.copy(grown, 0, 0, this.carried);
      this.store = grown;
    }
    bytes.copy(this.store, this.carried);
    this.carried = needed;
    return this.store.subarray(0, needed);
  }

  /** Carries data[from, end) over to the next push, at the start of the store. */
  private keep(data: Buffer, inStore: boolean, from: number, end: number, scanned: number): void {
    const length = end - from;
    if (length === 0) {
      this.carried = 0;
      this.scanned = 0;
      if (this.store.length > KEEP_STORE_BYTES) this.store = Buffer.alloc(0);
      return;
    }
    if (!inStore && length > this.store.length) this.store = Buffer.allocUnsafe(Math.max(length, 4096));
    // Buffer#copy is a memmove, so moving the tail to the front of the store itself is safe.
    data.copy(this.store, 0, from, end);
    this.carried = length;
    this.scanned = Math.max(0, scanned);
  }

  /** Decodes data[start, end): complete header lines, each ending in LF. */
  private frame(data: Buffer, start: number, end: number): AmiFrame {
    if (end - start > this.maxFrameBytes) {
      this.stats.badFrames++;
      return { kind: 'bad', reason: `frame longer than ${this.maxFrameBytes} bytes`, raw: data.toString('utf8', start, start + RAW_LIMIT) };
    }
    const text = data.toString('utf8', start, end);
    const fields: Array<[string, string]> = [];
    for (let pos = 0; pos < text.length; ) {
      const nl = text.indexOf('\n', pos);
      const next = nl < 0 ? text.length : nl + 1;
      const lineEnd = nl < 0 ? text.length : nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
      const colon = text.indexOf(':', pos);
      if (colon <= pos || colon >= lineEnd) {
        // A line that is no "Name: value" header. Stop here: the frame is bad anyway, and searching
        // on for ':' through a long run of such lines would cost quadratic time.
        this.stats.badFrames++;
        const shown = text.slice(pos, Math.min(lineEnd, pos + 60));
        return { kind: 'bad', reason: `line without a header name and ':' (${JSON.stringify(shown)})`, raw: text.slice(0, RAW_LIMIT) };
      }
      // Split at the first ':'; a single space after it is the separator, the rest is the value
      // (values hold colons: EventTV, Output lines, URIs).
      const valueStart = text.charCodeAt(colon + 1) === 0x20 && colon + 1 < lineEnd ? colon + 2 : colon + 1;
      fields.push([text.slice(pos, colon), text.slice(valueStart, lineEnd)]);
      pos = next;
    }
    this.stats.frames++;
    return { kind: 'message', message: new AmiMessage(fields) };
  }
}
