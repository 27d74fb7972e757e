import fc from 'fast-check';
import { AmiFrameParser, type AmiFrame } from './frame-parser';
import { captureBytes, captureFrames, captureNames, referenceFields } from './testing/captures';

function expectedOf(name: string): Array<{ banner: string } | { fields: Array<[string, string]> }> {
  return captureFrames(name)
    .filter((f) => f.dir === 'in')
    .map((f) => (f.raw.startsWith('Asterisk Call Manager/') ? { banner: f.raw.trim() } : { fields: referenceFields(f.raw) }));
}

function shape(frames: AmiFrame[]): Array<{ banner: string } | { fields: Array<[string, string]> } | { bad: string }> {
  return frames.map((f) =>
    f.kind === 'banner' ? { banner: f.text } : f.kind === 'message' ? { fields: f.message.fields } : { bad: f.reason },
  );
}

function parseInChunks(bytes: Buffer, sizes: () => number): AmiFrame[] {
  const parser = new AmiFrameParser();
  const frames: AmiFrame[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = Math.max(1, sizes());
    frames.push(...parser.push(bytes.subarray(i, i + n)));
    i += n;
  }
  return frames;
}

describe('AmiFrameParser on the real captures', () => {
  const names = captureNames();

  it('finds the captures', () => {
    expect(names.length).toBeGreaterThanOrEqual(13);
  });

  it.each(names)('%s: frame for frame as recorded, in one chunk', (name) => {
    const parser = new AmiFrameParser();
    expect(shape(parser.push(captureBytes(name)))).toEqual(expectedOf(name));
    expect(parser.stats.badFrames).toBe(0);
  });

  it.each(names)('%s: the same frames whatever the chunking', (name) => {
    const bytes = captureBytes(name);
    const expected = expectedOf(name);
    expect(shape(parseInChunks(bytes, () => 1))).toEqual(expected);
    expect(shape(parseInChunks(bytes, () => 7))).toEqual(expected);
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 300) + 1;
    expect(shape(parseInChunks(bytes, random))).toEqual(expected);
  });

  it('splits a frame inside its "\\r\\n\\r\\n" terminator without losing or merging frames', () => {
    const text = 'Event: A\r\nX: 1\r\n\r\nEvent: B\r\n\r\n';
    for (let cut = 1; cut < text.length; cut++) {
      const parser = new AmiFrameParser({ expectBanner: false });
      const frames = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      expect(shape(frames)).toEqual([{ fields: [['Event', 'A'], ['X', '1']] }, { fields: [['Event', 'B']] }]);
    }
  });
});

describe('AmiFrameParser edge cases', () => {
  const parse = (text: string, expectBanner = false) => {
    const parser = new AmiFrameParser({ expectBanner });
    return { frames: parser.push(text), parser };
  };

  it('reads the banner without a blank line after it', () => {
    const { frames } = parse('Asterisk Call Manager/9.0.0\r\nResponse: Success\r\n\r\n', true);
    expect(shape(frames)).toEqual([{ banner: 'Asterisk Call Manager/9.0.0' }, { fields: [['Response', 'Success']] }]);
  });

  it('skips stray blank lines between frames (chan_sip after SIPshowpeer)', () => {
    const { frames } = parse('Response: Error\r\n\r\n\r\n\r\nEvent: X\r\n\r\n');
    expect(shape(frames)).toEqual([{ fields: [['Response', 'Error']] }, { fields: [['Event', 'X']] }]);
  });

  it('keeps values that contain colons, repeated headers and any header case', () => {
    const { frames } = parse('response: Success\r\nMessage: Command output follows\r\nOutput: a: b\r\nOutput: c\r\nEventTV: 2026-11-22T08:49:26.748+0000\r\n\r\n');
    const m = frames[0].kind === 'message' ? frames[0].message : undefined;
    expect(m?.kind).toBe('response');
    expect(m?.get('RESPONSE')).toBe('Success');
    expect(m?.getAll('output')).toEqual(['a: b', 'c']);
    expect(m?.get('EventTV')).toBe('2026-11-22T08:49:26.748+0000');
  });

  it('accepts bare LF line endings', () => {
    expect(shape(parse('Event: A\nB: 2\n\nEvent: C\n\n').frames)).toEqual([
      { fields: [['Event', 'A'], ['B', '2']] },
      { fields: [['Event', 'C']] },
    ]);
  });

  it('returns a frame with a line that is no header as bad, counts it, and goes on', () => {
    const { frames, parser } = parse('Event: A\r\ngarbage line\r\n\r\nEvent: B\r\n\r\n');
    expect(frames[0].kind).toBe('bad');
    expect(shape([frames[1]])).toEqual([{ fields: [['Event', 'B']] }]);
    expect(parser.stats.badFrames).toBe(1);
  });

  it('discards an oversized frame and resumes at the next one', () => {
    const parser = new AmiFrameParser({ expectBanner: false, maxFrameBytes: 100 });
    const frames = [
      ...parser.push(`Event: Big\r\nData: ${'x'.repeat(150)}`),
      ...parser.push(`${'y'.repeat(150)}\r\n\r\nEvent: Small\r\n\r\n`),
    ];
    expect(frames.map((f) => f.kind)).toEqual(['bad', 'message']);
    expect(parser.stats.badFrames).toBe(1);
  });

  it('never throws and always recovers on random and mutated input', () => {
    const sample = captureBytes('queue-call-answered').subarray(0, 4000).toString('latin1');
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 400 }), fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a).toString('latin1'))),
        fc.nat(sample.length),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (noise, at, cuts) => {
          const input = sample.slice(0, at) + noise + sample.slice(at);
          const parser = new AmiFrameParser();
          let offset = 0;
          let i = 0;
          while (offset < input.length) {
            const n = cuts[i++ % cuts.length];
            parser.push(input.slice(offset, offset + n));
            offset += n;
          }
          // Whatever came before, a blank line then a valid frame is read.
          const after = parser.push('\r\n\r\nEvent: Recovered\r\nX: 1\r\n\r\n');
          const last = after[after.length - 1];
          return last?.kind === 'message' && last.message.get('Event') === 'Recovered';
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('mutation fuzzing (the benchmark runs the same at ≥ 1,000,000 inputs)', () => {
  it('never throws, never stays lost, and counts bad frames on 20,000 mutated inputs', async () => {
    const { fuzzParser } = await import('./fuzz-parser');
    const corpus = captureNames()
      .map((n) => captureBytes(n).toString('latin1'))
      .join('');
    const result = fuzzParser(corpus, 20_000, 7);
    expect(result.lostRecoveries).toBe(0);
    expect(result.badFrames).toBeGreaterThan(0);
    expect(result.frames).toBeGreaterThan(result.badFrames);
  });
});
