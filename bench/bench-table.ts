import { format, type BenchRecord } from './bench-record';

export const TABLE_START = '<!-- bench:results:start (written by `npm run bench`; do not edit) -->';
export const TABLE_END = '<!-- bench:results:end -->';

/** How many of the latest runs of each figure the table shows. */
export const RUNS_SHOWN = 3;

export function parseResults(jsonl: string): BenchRecord[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as BenchRecord);
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * The results table: per bench (in `order`) and figure, the latest runs, newest first, each with
 * its same-run baseline and how loaded the machine was.
 */
export function renderTable(records: BenchRecord[], order: string[]): string {
  const lines = [
    '| date (UTC) | bench | figure | Portico | baseline (same run) | ratio | target | load before → after | machine · Node · database |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const benches = [...new Set([...order, ...records.map((r) => r.bench)])];
  for (const bench of benches) {
    const runs = records.filter((r) => r.bench === bench);
    const figures = [...new Set(runs.flatMap((r) => r.rows.map((row) => row.figure)))];
    for (const figure of figures) {
      const latest = runs
        .filter((r) => r.rows.some((row) => row.figure === figure))
        .sort((a, b) => b.date.localeCompare(a.date))
        .slice(0, RUNS_SHOWN);
      for (const run of latest) {
        const row = run.rows.find((r) => r.figure === figure)!;
        const load = `${run.load.before[0]} → ${run.load.after[0]}${run.load.underLoad ? ' **under load**' : ''}`;
        const baseline = row.baseline
          ? `${row.baseline.name}: ${format(row.baseline.value)} ${row.baseline.unit}`
          : '—';
        const target = row.target ? `${row.target} ${row.met ? '✓' : '✗'}` : '—';
        lines.push(
          `| ${[
            run.date.slice(0, 16).replace('T', ' '),
            bench,
            figure,
            `**${format(row.value)} ${row.unit}**`,
            baseline,
            row.ratio === undefined ? '—' : row.ratio.toFixed(2),
            target,
            load,
            `${run.machine} · Node ${run.node.replace(/^v/, '')} · ${run.database} · ${run.broker}`,
          ]
            .map(cell)
            .join(' | ')} |`,
        );
      }
    }
  }
  return lines.join('\n');
}

/** The document with the table between its markers replaced (or an error if they are missing). */
export function replaceTable(document: string, table: string): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(`docs/benchmarks.md has no ${TABLE_START} … ${TABLE_END} section`);
  }
  return `${document.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${document.slice(end)}`;
}
