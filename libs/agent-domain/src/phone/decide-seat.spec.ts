import { PHONE_EVENT_SCHEMA_VERSION, type SeatEvent } from '@switchboard/contracts';
import { deciderTest } from '../testing/given-decider';
import { decideSeat, type SeatCommand } from './decide-seat';
import { evolveSeat, initialSeatState } from './seat-state';

const given = deciderTest(initialSeatState, evolveSeat, decideSeat);
const AT = '2026-11-23T09:00:00.000Z';
const meta = { schemaVersion: PHONE_EVENT_SCHEMA_VERSION, occurredAt: AT, causationId: 'c' };
const take = (phoneId: string, leaving?: string): SeatCommand => ({
  type: 'TakeSeat',
  commandId: 'c',
  at: AT,
  agentId: '1004',
  phoneId,
  ...(leaving ? { leaving: { phoneId: leaving, reason: 'moved' as const } } : {}),
});
const seated = (phoneId: string): SeatEvent => ({ type: 'AgentSeated', data: { agentId: '1004', phoneId, at: AT }, metadata: meta });
const unseated = (phoneId: string, reason: 'moved' | 'logout'): SeatEvent => ({
  type: 'AgentUnseated',
  data: { agentId: '1004', phoneId, reason, at: AT },
  metadata: meta,
});

describe('Seat decider: an agent holds at most one phone', () => {
  it('seats an agent without a phone', () => {
    given().when(take('desk-1')).then([seated('desk-1')]);
  });

  it('is idempotent on the same phone', () => {
    expect(given(seated('desk-1')).when(take('desk-1')).then([]).outcome).toBe('already-seated');
  });

  it('refuses a second phone', () => {
    given(seated('desk-1')).when(take('desk-2')).thenThrows('agent_has_phone');
    // Leaving a phone the agent does not hold does not help.
    given(seated('desk-1')).when(take('desk-2', 'desk-3')).thenThrows('agent_has_phone');
  });

  it('moves when the command leaves the phone held', () => {
    given(seated('desk-1')).when(take('desk-2', 'desk-1')).then([unseated('desk-1', 'moved'), seated('desk-2')]);
  });

  it('leaves only the phone named', () => {
    const leave = (phoneId: string): SeatCommand => ({ type: 'LeaveSeat', commandId: 'c', at: AT, agentId: '1004', phoneId, reason: 'logout' });
    given(seated('desk-1')).when(leave('desk-1')).then([unseated('desk-1', 'logout')]);
    expect(given(seated('desk-1')).when(leave('desk-2')).then([]).outcome).toBe('not-seated');
    given().when(leave('desk-1')).then([]);
  });
});
