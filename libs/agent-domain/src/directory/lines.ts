import type { AgentEntry, Directory } from './directory';

/** The device part of a line, which is also what the dialplan passes as Caller: SIP/1001 → 1001. */
export function extensionOf(line: string): string {
  const slash = line.indexOf('/');
  return slash >= 0 ? line.slice(slash + 1) : line;
}

/**
 * The agent whose own line this is. Accepts the device (SIP/1001) or the bare extension (1001),
 * because the feature-code UserEvent only carries `Caller: 1001`. parseDirectory guarantees an
 * extension belongs to at most one line, so the bare form is never ambiguous.
 */
export function agentByLine(directory: Directory, lineOrCaller: string): AgentEntry | undefined {
  const wanted = lineOrCaller.trim();
  if (wanted === '') return undefined;
  const bare = !wanted.includes('/');
  return directory.agents.find(
    (a) => a.line === wanted || (bare && extensionOf(a.line) === wanted),
  );
}
