import type { Directory } from '@switchboard/agent-domain';
import type { DirectoryEvent } from './directory-events';

/**
 * A whole directory in one event is about 200 bytes an agent: past some 5,000 agents it no longer
 * fits in one EventStoreDB append (MaxAppendSize, 1 MiB by default). Such a DirectoryReplaced is
 * recorded as parts, each holding some of the directory's list entries (agents, users, phones…),
 * then the DirectoryReplaced itself with the rest and the parts' import id and count. The parts
 * mean nothing until that closing event: a fold keeps them aside and puts the directory together
 * only when it arrives, so no replica ever has half an import in force. Parts left without their
 * closing event (an import that lost a race and started again) are ignored.
 */
export interface DirectoryPartRecorded {
  readonly type: 'DirectoryPartRecorded';
  readonly data: { readonly importId: string; readonly part: number; readonly entries: DirectoryLists };
}

/** The directory's lists: what parts carry. */
export type DirectoryLists = { readonly [K in ListKey]?: Directory[K] };

type ListKey = 'agents' | 'queues' | 'lines' | 'users' | 'phones' | 'pauseReasons';
const LIST_KEYS: readonly ListKey[] = ['agents', 'queues', 'lines', 'users', 'phones', 'pauseReasons'];

/** What parts and the closing event each carry at most (JSON bytes): half of EventStoreDB's
 *  default MaxAppendSize, so that one append takes one part with room to spare. */
export const DIRECTORY_PART_BYTES = 512 * 1024;

/** The parts collected so far for one import (a fold's memory between them). */
export interface CollectedParts {
  readonly importId: string;
  readonly entries: readonly DirectoryLists[];
}

type Replaced = Extract<DirectoryEvent, { type: 'DirectoryReplaced' }>;

/** The replacement as it is appended: itself when it fits in `maxBytes`, else parts and a closing
 *  DirectoryReplaced whose lists are left empty for the parts to fill. */
export function inParts(event: Replaced, importId: string, maxBytes = DIRECTORY_PART_BYTES): Array<Replaced | DirectoryPartRecorded> {
  if (bytesOf(event.data) <= maxBytes) return [event];
  const parts: DirectoryLists[] = [];
  let current: { [K in ListKey]?: unknown[] } = {};
  let bytes = 0;
  for (const key of LIST_KEYS) {
    for (const entry of event.data.directory[key] ?? []) {
      const size = bytesOf(entry) + 1;
      if (bytes > 0 && bytes + size > maxBytes - 1024) {
        parts.push(current as DirectoryLists);
        current = {};
        bytes = 0;
      }
      (current[key] ??= []).push(entry);
      bytes += size;
    }
  }
  if (bytes > 0) parts.push(current as DirectoryLists);
  const skeleton: Record<string, unknown> = { ...event.data.directory };
  for (const key of LIST_KEYS) if (skeleton[key] !== undefined) skeleton[key] = [];
  return [
    ...parts.map((entries, part): DirectoryPartRecorded => ({ type: 'DirectoryPartRecorded', data: { importId, part, entries } })),
    { type: 'DirectoryReplaced', data: { ...event.data, directory: skeleton as unknown as Directory, parts: { importId, count: parts.length } } },
  ];
}

/** The parts after one more: a part 0 starts an import; the next part of the same import joins
 *  it; any other (a part of an import that was abandoned) leaves nothing collected. */
export function collectPart(collected: CollectedParts | undefined, part: DirectoryPartRecorded['data']): CollectedParts | undefined {
  if (part.part === 0) return { importId: part.importId, entries: [part.entries] };
  if (collected?.importId === part.importId && collected.entries.length === part.part) return { importId: part.importId, entries: [...collected.entries, part.entries] };
  return undefined;
}

/** The whole directory of a closing DirectoryReplaced, from the parts collected before it. */
export function assembled(event: Replaced, collected: CollectedParts | undefined): Directory {
  const parts = event.data.parts;
  if (!parts) return event.data.directory;
  if (collected?.importId !== parts.importId || collected.entries.length !== parts.count)
    throw new Error(`directory import ${parts.importId} closed with ${collected?.importId === parts.importId ? collected.entries.length : 0} of its ${parts.count} parts`);
  const whole: Record<string, unknown> = { ...event.data.directory };
  for (const key of LIST_KEYS) {
    const entries = collected.entries.flatMap((p) => (p[key] ?? []) as readonly unknown[]);
    const own = whole[key] as readonly unknown[] | undefined;
    if (entries.length > 0 || own !== undefined) whole[key] = [...(own ?? []), ...entries];
  }
  return whole as unknown as Directory;
}

function bytesOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
