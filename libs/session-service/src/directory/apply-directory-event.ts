import type { Directory } from '@switchboard/agent-domain';
import { assertNever } from '@switchboard/contracts';
import type { DirectoryEvent } from './directory-events';

/**
 * The directory after one event (pure; the evolve of the directory stream). A saved entry replaces
 * the one with its key where it stood, or joins at the end; a removed one goes. It does not
 * validate: every event was validated against the whole directory before it was appended, and a
 * fold is parsed once at its end (DirectoryLog).
 */
export function applyDirectoryEvent(directory: Directory | undefined, event: DirectoryEvent): Directory {
  if (event.type === 'DirectoryReplaced') return event.data.directory;
  if (!directory) throw new Error(`directory stream starts with ${event.type}, not DirectoryReplaced`);
  const d = directory;
  switch (event.type) {
    case 'DirectoryAgentSaved':
      return { ...d, agents: saved(d.agents, event.data.agent, (a) => a.id) };
    case 'DirectoryAgentRemoved':
      return { ...d, agents: d.agents.filter((a) => a.id !== event.data.agentId) };
    case 'DirectoryPhoneSaved':
      return { ...d, phones: saved(d.phones ?? [], event.data.phone, (p) => p.id) };
    case 'DirectoryPhoneRemoved':
      return withOptionalList(d, 'phones', (d.phones ?? []).filter((p) => p.id !== event.data.phoneId));
    case 'DirectoryQueueSaved':
      return { ...d, queues: saved(d.queues, event.data.queue, (q) => q.name) };
    case 'DirectoryQueueRemoved':
      return { ...d, queues: d.queues.filter((q) => q.name !== event.data.name) };
    case 'DirectoryPauseReasonSaved':
      return { ...d, pauseReasons: saved(d.pauseReasons ?? [], event.data.reason, (r) => r.code) };
    case 'DirectoryPauseReasonRemoved':
      // Without its last reason the list goes: no list means any reason, as on a site that never
      // configured one (an empty list would forbid every pause).
      return withOptionalList(d, 'pauseReasons', (d.pauseReasons ?? []).filter((r) => r.code !== event.data.code));
    case 'DirectoryGlobalLoginNumberSet':
      return event.data.number === undefined ? without(d, 'globalLoginNumber') : { ...d, globalLoginNumber: event.data.number };
    default:
      return assertNever(event, 'directory event');
  }
}

function saved<T>(items: readonly T[], item: T, key: (item: T) => string): readonly T[] {
  const at = items.findIndex((existing) => key(existing) === key(item));
  return at < 0 ? [...items, item] : items.map((existing, i) => (i === at ? item : existing));
}

/** An optional list that is empty is left out, as parseDirectory leaves out one never given. */
function withOptionalList<K extends 'phones' | 'pauseReasons'>(d: Directory, key: K, items: NonNullable<Directory[K]>): Directory {
  return items.length === 0 ? without(d, key) : { ...d, [key]: items };
}

function without(d: Directory, key: 'globalLoginNumber' | 'phones' | 'pauseReasons'): Directory {
  const copy: { -readonly [K in keyof Directory]: Directory[K] } = { ...d };
  delete copy[key];
  return copy;
}
