import {
  baseMetricName,
  metricNamesInPromQL,
  metricsDefinedInSource,
  promClientDefaultMetrics,
} from './metrics';
import { readText } from './workspace';

/** infra/grafana/switchboard-dashboard.json: valid JSON, and every metric it queries exists. */

interface Target {
  expr?: string;
}
interface Panel {
  type: string;
  title: string;
  targets?: Target[];
  panels?: Panel[];
}

const dashboard = JSON.parse(readText('infra', 'grafana', 'switchboard-dashboard.json')) as {
  title: string;
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; query?: unknown; definition?: string }[] };
};

function allPanels(panels: Panel[]): Panel[] {
  return panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
}

function allExpressions(): string[] {
  const fromPanels = allPanels(dashboard.panels).flatMap((p) =>
    (p.targets ?? []).map((t) => t.expr ?? ''),
  );
  const fromVariables = dashboard.templating.list.map((v) => v.definition ?? '').filter(Boolean);
  return [...fromPanels, ...fromVariables];
}

describe('Grafana dashboard', () => {
  const defined = metricsDefinedInSource();
  const known = new Set([...defined.keys(), ...promClientDefaultMetrics()]);

  it('is a dashboard with panels that query Prometheus', () => {
    expect(dashboard.title).toBe('Switchboard');
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    const queried = allPanels(dashboard.panels).filter((p) => p.type !== 'row');
    expect(queried.length).toBeGreaterThan(5);
    for (const p of queried)
      expect({
        panel: p.title,
        queries: (p.targets ?? []).filter((t) => t.expr).length > 0,
      }).toEqual({ panel: p.title, queries: true });
  });

  it('the services define the metrics the brief names', () => {
    const names = [...defined.keys()];
    for (const prefix of [
      'switchboard_ami_',
      'switchboard_feature_code_seconds',
      'switchboard_agent_commands_total',
      'switchboard_projection_',
    ]) {
      expect(names.some((n) => n.startsWith(prefix))).toBe(true);
    }
  });

  it('every metric a query reads exists in the source (or is a prom-client default metric)', () => {
    const unknown: string[] = [];
    for (const expr of allExpressions()) {
      const names = metricNamesInPromQL(expr);
      expect({ expr, names: names.length > 0 }).toEqual({ expr, names: true });
      for (const n of names) if (!baseMetricName(n, known)) unknown.push(`${n} (in ${expr})`);
    }
    expect(unknown).toEqual([]);
  });

  it('every metric the services define is on the dashboard', () => {
    const onDashboard = new Set(
      allExpressions()
        .flatMap((e) => metricNamesInPromQL(e))
        .map((n) => baseMetricName(n, known)),
    );
    expect([...defined.keys()].filter((n) => !onDashboard.has(n))).toEqual([]);
  });

  it('reads metric names out of PromQL, not functions, labels, durations or variables', () => {
    expect(
      metricNamesInPromQL(
        'histogram_quantile(0.95, sum by (le) (rate(a_seconds_bucket{le="0.1", pbx=~"$pbx"}[$__rate_interval])))',
      ),
    ).toEqual(['a_seconds_bucket']);
    expect(
      metricNamesInPromQL(
        'sum(rate(x_total[5m])) / on (pbx) group_left sum(y) offset 5m > bool 1e3',
      ),
    ).toEqual(['x_total', 'y']);
    expect(metricNamesInPromQL('label_values(x_total{pbx="a"}, pbx)')).toEqual(['x_total']);
    expect(baseMetricName('a_seconds_count', new Set(['a_seconds']))).toBe('a_seconds');
    expect(baseMetricName('nope_total', new Set(['a_seconds']))).toBeUndefined();
  });
});
