import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppendTooLargeError, DEFAULT_MAX_APPEND_BYTES } from '@switchboard/event-store';
import { loadConfig } from '../config/app-config';
import { createEventStore } from './create-event-store';

/** Events that pass one by one and are too many for one append: the bound is on the append. */
function quarters(count: number) {
  return Array.from({ length: count }, (_, n) => ({ type: 'Part', data: { n, text: 'x'.repeat(DEFAULT_MAX_APPEND_BYTES / 4) } }));
}

describe('createEventStore', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'create-event-store-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['memory:', 'memory:'],
    ['sqlite:<file>', `sqlite:${path.join(dir, 'events.sqlite')}`],
  ])('gives the embedded store (%s) KurrentDB’s default append bound, as production has it', async (_name, url) => {
    const store = createEventStore(loadConfig({ EVENTSTORE_URL: url, DATA_DIR: dir }));
    try {
      const error = await store.append('too-large', quarters(5), 'no_stream').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendTooLargeError);
      expect(error).toMatchObject({ maxAppendBytes: DEFAULT_MAX_APPEND_BYTES });
      await store.append('fits', quarters(2), 'no_stream');
      expect((await store.readStream('fits')).events).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
