import fs from 'node:fs';
import path from 'node:path';
import { AGENT_EVENT_SCHEMA_VERSION } from '@switchboard/contracts';
import type { CallFact, MemberContext } from '../call-fact';
import { callEventOf, headersOf, metadataAt } from './ami-call-events';

export const CAPTURES_DIR =
  process.env['AMI_CAPTURES_DIR'] ?? path.resolve(__dirname, '../../../../../shared/ami-captures');

/** The capture clock starts here; event times are this plus the frame's `t`. */
export const CAPTURE_START = Date.UTC(2026, 10, 22, 8, 0, 0);

export function captureTime(ms: number): string {
  return new Date(CAPTURE_START + ms).toISOString();
}

/** The captures' members: Local/<ext>@agent-phones/n rings SIP/<ext>, and agent <ext> is logged in there. */
export function demoMember(iface: string): MemberContext {
  const ext = /^Local\/(\w+)@agent-phones\/n$/.exec(iface)?.[1];
  return ext
    ? { stateInterface: `SIP/${ext}`, agentId: ext }
    : { stateInterface: iface, agentId: null };
}

/**
 * The call facts of a capture in AMI order, as the gateway publishes them and the projection hands
 * them to the reducer (with the member context on AgentConnected). Frames with an ActionID are
 * list items and responses, not spontaneous events.
 */
export function captureFacts(
  name: string,
  memberOf: (iface: string) => MemberContext = demoMember,
): CallFact[] {
  const facts: CallFact[] = [];
  const lines = fs
    .readFileSync(path.join(CAPTURES_DIR, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean);
  lines.forEach((line, seq) => {
    const frame = JSON.parse(line) as { t: number; dir: string; raw: string };
    if (frame.dir !== 'in') return;
    const headers = headersOf(frame.raw);
    if (headers['ActionID'] !== undefined) return;
    const event = callEventOf(headers, metadataAt(captureTime(frame.t), seq));
    if (!event) return;
    facts.push(
      event.type === 'AgentConnected' || event.type === 'AgentRingNoAnswer'
        ? { kind: 'pbx', event, member: memberOf(event.data.interface) }
        : { kind: 'pbx', event },
    );
  });
  return facts;
}

export function disposition(
  callId: string,
  agentId: string,
  at: string,
  code = 'resolved',
): CallFact {
  return {
    kind: 'disposition',
    event: {
      type: 'CallDisposed',
      data: { agentId, callId, code, note: 'ok', at },
      metadata: { schemaVersion: AGENT_EVENT_SCHEMA_VERSION, occurredAt: at },
    },
  };
}
