import type { AgentEntry, Directory, PauseReasonEntry, PhoneEntry, QueueEntry } from '@switchboard/agent-domain';

/**
 * What happened to a PBX's directory, on its stream `directory-<pbxId>`: the first event is the
 * seed (the YAML file), each later one an admin's change. Each event is one version. Entries are
 * stored as parseDirectory returned them (already validated against the whole directory), PINs
 * and passwords only as scrypt hashes. Only agent-session replicas read this stream, so the
 * schema lives here rather than in contracts (which cannot name the directory's types).
 * Changes are per entry, so the stream stays small; a DirectoryReplaced carries the whole
 * directory (about 200 bytes an agent), or, when that is more than one EventStoreDB append takes,
 * the rest of it after the DirectoryPartRecorded events that carry its entries (directory-parts.ts).
 */
export type DirectoryEvent =
  | {
      readonly type: 'DirectoryReplaced';
      readonly data: {
        readonly directory: Directory;
        readonly source: 'file' | 'api';
        /** The parts recorded just before, whose entries complete `directory` (directory-parts.ts). */
        readonly parts?: { readonly importId: string; readonly count: number };
      };
    }
  | { readonly type: 'DirectoryAgentSaved'; readonly data: { readonly agent: AgentEntry } }
  | { readonly type: 'DirectoryAgentRemoved'; readonly data: { readonly agentId: string } }
  | { readonly type: 'DirectoryPhoneSaved'; readonly data: { readonly phone: PhoneEntry } }
  | { readonly type: 'DirectoryPhoneRemoved'; readonly data: { readonly phoneId: string } }
  | { readonly type: 'DirectoryQueueSaved'; readonly data: { readonly queue: QueueEntry } }
  | { readonly type: 'DirectoryQueueRemoved'; readonly data: { readonly name: string } }
  | { readonly type: 'DirectoryPauseReasonSaved'; readonly data: { readonly reason: PauseReasonEntry } }
  | { readonly type: 'DirectoryPauseReasonRemoved'; readonly data: { readonly code: string } }
  /** No number: the global login number is removed. */
  | { readonly type: 'DirectoryGlobalLoginNumberSet'; readonly data: { readonly number?: string } };

export const DIRECTORY_EVENT_TYPES: ReadonlySet<string> = new Set<DirectoryEvent['type']>([
  'DirectoryReplaced',
  'DirectoryAgentSaved',
  'DirectoryAgentRemoved',
  'DirectoryPhoneSaved',
  'DirectoryPhoneRemoved',
  'DirectoryQueueSaved',
  'DirectoryQueueRemoved',
  'DirectoryPauseReasonSaved',
  'DirectoryPauseReasonRemoved',
  'DirectoryGlobalLoginNumberSet',
]);

/** Who changed the directory and when; the seed also names the file's digest. */
export interface DirectoryEventMetadata {
  readonly schemaVersion: 1;
  /** The admin's login, or `file` for the seed. */
  readonly changedBy: string;
  readonly at: string;
  /** sha256 of the YAML file that seeded the directory (start-up says when the file changed since). */
  readonly fileSha256?: string;
}
