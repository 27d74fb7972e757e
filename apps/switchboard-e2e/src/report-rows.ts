import request from 'supertest';
import type { TrueCall } from './pbx-ground-truth';

/** The Report Call Table fields a scale-out or shutdown test compares with the PBX's truth. */
export interface ComparableRow {
  readonly callId: string;
  readonly queue: string;
  readonly outcome: string;
  readonly agentId: string | null;
  readonly attribution: string;
  readonly disposition: string | null;
}

interface CallRow {
  callId: string;
  queue: string;
  outcome: string;
  agentId: string | null;
  attribution: string;
  userId: string | null;
  disposition: { code: string } | null;
}

/** Agent 1003 from its member interface Local/1003@agent-phones/n. */
export const agentOfMember = (iface: string | null): string | null => (iface ? (/^Local\/(\d+)@/.exec(iface)?.[1] ?? null) : null);

const byCall = (a: ComparableRow, b: ComparableRow) => a.callId.localeCompare(b.callId) || a.queue.localeCompare(b.queue);

/**
 * The rows the table must hold for these calls: answered ones carry the answering agent, and are
 * attributed to that agent once disposed (`dispositions`: callId → code); abandoned ones nobody's.
 */
export function expectedRows(calls: readonly TrueCall[], dispositions: ReadonlyMap<string, string>): ComparableRow[] {
  return calls
    .map((c) => {
      const disposition = dispositions.get(c.callId) ?? null;
      return {
        callId: c.callId,
        queue: c.queue,
        outcome: c.outcome,
        agentId: agentOfMember(c.memberInterface),
        attribution: disposition ? 'agent' : c.outcome === 'answered' ? 'phone' : 'none',
        disposition,
      };
    })
    .sort(byCall);
}

/** Every row of the table through the reporting API, reduced to the compared fields. */
export async function reportedRows(reportingUrl: string, authorization: string): Promise<ComparableRow[]> {
  const res = await request(reportingUrl).get('/api/calls?limit=1000').set('authorization', authorization).expect(200);
  return (res.body.items as CallRow[])
    .map((r) => ({
      callId: r.callId,
      queue: r.queue,
      outcome: r.outcome,
      agentId: r.agentId,
      attribution: r.attribution,
      disposition: r.disposition?.code ?? null,
    }))
    .sort(byCall);
}
