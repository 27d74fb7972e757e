/** Rows of cells (first row: the header) as a Markdown table, for docs/benchmarks.md. */
export function markdownTable(rows: ReadonlyArray<readonly string[]>): string {
  const [header = [], ...body] = rows;
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

/** The same rows padded into columns, for the terminal. */
export function textTable(rows: ReadonlyArray<readonly string[]>): string {
  const widths = rows.reduce<number[]>(
    (w, row) => row.map((c, i) => Math.max(w[i] ?? 0, c.length)),
    [],
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const [header = [], ...body] = rows;
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
