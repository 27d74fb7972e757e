import type { AgentEntry, AgentWithLine, Directory, PhoneEntry } from './directory';

/** The device part of a line, which is also what the dialplan passes as Caller: SIP/1001 → 1001. */
export function extensionOf(line: string): string {
  const slash = line.indexOf('/');
  return slash >= 0 ? line.slice(slash + 1) : line;
}

/** Whether a line is given as the device (SIP/1001) or the bare extension (1001) matches it. */
function lineMatches(line: string | undefined, wanted: string): boolean {
  if (line === undefined) return false;
  return line === wanted || (!wanted.includes('/') && extensionOf(line) === wanted);
}

/**
 * The agent whose own line this is. Accepts the device (SIP/1001) or the bare extension (1001),
 * because the feature-code UserEvent only carries `Caller: 1001`. parseDirectory guarantees an
 * extension belongs to at most one line, so the bare form is never ambiguous.
 */
export function agentByLine(directory: Directory, lineOrCaller: string): AgentWithLine | undefined {
  const wanted = lineOrCaller.trim();
  if (wanted === '') return undefined;
  return directory.agents.find((a): a is AgentWithLine => lineMatches(a.line, wanted));
}

/** The shared phone (hot desk, force-login) on this line, device or bare extension. */
export function phoneByLine(directory: Directory, lineOrCaller: string): PhoneEntry | undefined {
  const wanted = lineOrCaller.trim();
  if (wanted === '') return undefined;
  return directory.phones?.find((p) => lineMatches(p.line, wanted));
}

export function phoneById(directory: Directory, phoneId: string): PhoneEntry | undefined {
  return directory.phones?.find((p) => p.id === phoneId);
}

export function agentById(directory: Directory, agentId: string): AgentEntry | undefined {
  return directory.agents.find((a) => a.id === agentId);
}
