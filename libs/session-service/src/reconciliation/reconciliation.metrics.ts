import { Counter, type Registry } from 'prom-client';

export function reconciliationMetrics(registry: Registry) {
  return {
    repairs: new Counter({
      name: 'switchboard_reconciliation_repairs_total',
      help: 'Changes reconciliation made to a PBX so it follows the sessions, by repair and reason',
      labelNames: ['pbx', 'repair', 'reason'],
      registers: [registry],
    }),
    runs: new Counter({
      name: 'switchboard_reconciliation_runs_total',
      help: 'Comparisons of a PBX snapshot with the sessions, by trigger',
      labelNames: ['pbx', 'trigger'],
      registers: [registry],
    }),
    foreignMembers: new Counter({
      name: 'switchboard_reconciliation_foreign_members_total',
      help: 'Dynamic queue members that are no agent of the directory: left alone, and counted',
      labelNames: ['pbx'],
      registers: [registry],
    }),
  };
}
export type ReconciliationMetrics = ReturnType<typeof reconciliationMetrics>;
