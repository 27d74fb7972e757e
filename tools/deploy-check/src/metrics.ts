import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from './workspace';

/**
 * Metric names: those the services define (prom-client `name: '...'` in libs' and apps' sources),
 * prom-client's default process metrics (collectDefaultMetrics in libs/platform), and the names
 * a PromQL expression reads.
 */

/** `name: 'switchboard_…'` in every non-test TypeScript source of libs/ and apps/. */
export function metricsDefinedInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const dir of ['libs', 'apps']) {
    for (const file of listFiles(
      dir,
      (f) =>
        f.endsWith('.ts') &&
        !f.endsWith('.spec.ts') &&
        !f.includes(`${path.sep}testing${path.sep}`),
    )) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bname:\s*['"`]([a-zA-Z_:][a-zA-Z0-9_:]*)['"`]/g)) {
        if (m[1].startsWith('switchboard_')) found.set(m[1], file);
      }
    }
  }
  return found;
}

/** The metric names prom-client's collectDefaultMetrics registers (from its own sources). */
export function promClientDefaultMetrics(): Set<string> {
  const dir = path.join(
    path.dirname(require.resolve('prom-client/package.json')),
    'lib',
    'metrics',
  );
  const names = new Set<string>();
  for (const file of fs.readdirSync(dir)) {
    if (!file.endsWith('.js')) continue;
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/['"`]((?:process|nodejs)_[a-z0-9_]+)['"`]/g)) names.add(m[1]);
  }
  return names;
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
  'atan2',
  'start',
  'end',
]);

/**
 * The metric names a PromQL expression selects: identifiers that are not functions (followed by
 * "("), aggregation modifiers' label lists, label matchers, strings, durations, keywords or numbers.
 */
export function metricNamesInPromQL(expr: string): string[] {
  let s = expr;
  // Grafana's label_values(metric, label): the second argument is a label.
  s = s.replace(
    /label_values\(\s*([^,()]+?)\s*,\s*[A-Za-z_][A-Za-z0-9_]*\s*\)/g,
    'label_values($1)',
  );
  s = s.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' '); // strings
  s = s.replace(/\{[^}]*\}/g, ' '); // label matchers
  s = s.replace(/\[[^\]]*\]/g, ' '); // range and subquery durations
  s = s.replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, ' '); // Grafana variables
  s = s.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' '); // label lists
  s = s.replace(/\boffset\s+-?[0-9a-z]+/g, ' ');
  const names: string[] = [];
  for (const m of s.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const after = s.slice((m.index ?? 0) + m[0].length).trimStart();
    if (after.startsWith('(')) continue; // a function or aggregation
    if (KEYWORDS.has(m[0].toLowerCase())) continue;
    // Exponent of a number literal such as 1e3.
    if (/[0-9.]$/.test(s.slice(0, m.index ?? 0)) && /^e[0-9]+$/i.test(m[0])) continue;
    names.push(m[0]);
  }
  return [...new Set(names)];
}

/** A series name → the metric that defines it (histograms expose _bucket, _sum and _count). */
export function baseMetricName(series: string, known: ReadonlySet<string>): string | undefined {
  if (known.has(series)) return series;
  const m = /^(.*)_(bucket|sum|count)$/.exec(series);
  return m && known.has(m[1]) ? m[1] : undefined;
}
