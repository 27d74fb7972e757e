import { Counter, type Registry } from 'prom-client';

/** The reactor's counters: every retry, every flag, every member Asterisk kept after a logout. */
export function reactorMetrics(registry: Registry) {
  return {
    retries: new Counter({
      name: 'switchboard_pbx_action_retries_total',
      help: 'PBX actions sent again because the PBX did not show the decision in time',
      labelNames: ['action'],
      registers: [registry],
    }),
    unconfirmed: new Counter({
      name: 'switchboard_membership_unconfirmed_total',
      help: 'Decisions the PBX never confirmed after every retry (flagged as MembershipUnconfirmed)',
      labelNames: ['action'],
      registers: [registry],
    }),
    stillHeld: new Counter({
      name: 'switchboard_member_still_held_total',
      help: 'Logouts after which Asterisk still held the member (calls would still be delivered): alert',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}
export type ReactorMetrics = ReturnType<typeof reactorMetrics>;
