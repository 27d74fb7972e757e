import type { CallState } from '@switchboard/call-report';
import type { Transaction } from 'kysely';
import type { ReportDatabase } from '../store/schema';
import { agentAt, type PhoneSession } from './phone-sessions';

type Trx = Transaction<ReportDatabase>;

/**
 * How long before its answer a call may have entered the queue. It bounds the rows looked at
 * again when a phone's sessions change: a call waits minutes, not a day.
 */
const LONGEST_WAIT_MS = 86_400_000;

/**
 * The calls answered on a phone (rows whose phone is the state interface) at or after `from`, as
 * stored: the rows a late login or logout may give another agent. Read from the phone's index
 * (phone_id, sort_at): rows entered up to a day before `from`, and rows whose entry time is not
 * known (sort_at '').
 */
export async function callsAnsweredOnPhoneSince(trx: Trx, pbxId: string, stateInterface: string, from: string): Promise<string[]> {
  const enteredFrom = new Date(Date.parse(from) - LONGEST_WAIT_MS).toISOString();
  const onPhone = () =>
    trx.selectFrom('call_report').select('call_id').where('phone_id', '=', stateInterface).where('pbx_id', '=', pbxId).where('answered_at', '>=', from);
  const rows = await onPhone()
    .where('sort_at', '>=', enteredFrom)
    .unionAll(onPhone().where('sort_at', '=', ''))
    .execute();
  return [...new Set(rows.map((r) => r.call_id))];
}

/**
 * The state with the agent of its answer as the phone's sessions now say, when it was answered
 * on that phone at or after `from`; the same object when nothing changes. The agent of a call is
 * a function of the answer's time and the sessions, not a fact of the PBX stream: the sessions
 * come from the event store, followed apart from JetStream, so a login or logout can be applied
 * after the calls it covers (a restart, a lagging follower). Looking again gives every order of
 * the two logs the same rows.
 */
export function withAgentOfAnswer(
  state: CallState,
  change: { readonly pbxId: string; readonly stateInterface: string; readonly from: string },
  sessions: readonly PhoneSession[],
): CallState {
  const connect = state.connect;
  if (!connect || state.pbxId !== change.pbxId || connect.phoneId !== change.stateInterface || connect.at < change.from) return state;
  const agentId = agentAt(sessions, connect.at);
  return agentId === connect.agentId ? state : { ...state, connect: { ...connect, agentId } };
}
