import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import type { BenchRecord } from './bench-record';
import { RUNS_SHOWN, TABLE_END, TABLE_START, renderTable, replaceTable } from './bench-table';

const record = (bench: string, date: string, value: number, loadBefore = 0.4): BenchRecord => ({
  bench,
  date,
  machine: '2 × Test CPU, 8 GiB',
  node: 'v24.1.0',
  database: 'FerretDB 1.24.2 (postgresql)',
  broker: 'RabbitMQ 3.10.8',
  load: { before: [loadBefore, 1, 1], after: [2.5, 1, 1], cores: 2, underLoad: loadBefore >= 1 },
  settings: {},
  rows: [
    {
      figure: 'first page, p95',
      value,
      unit: 'ms',
      baseline: { name: 'GET /health', value: 2, unit: 'ms' },
      ratio: value / 2,
      target: '≤ 40 ms',
      met: value <= 40,
    },
  ],
});

describe('the benchmark table in docs/benchmarks.md', () => {
  test('each figure shows its latest runs, newest first, with baseline, ratio, target and load', () => {
    const records = [
      record('portal', '2026-12-01T10:00:00Z', 38),
      record('portal', '2026-12-02T10:00:00Z', 52, 4.2),
      record('portal', '2026-11-01T10:00:00Z', 99),
      record('portal', '2026-11-02T10:00:00Z', 98),
    ];
    const rows = renderTable(records, ['portal']).split('\n').slice(2);
    assert.equal(rows.length, RUNS_SHOWN);
    assert.match(
      rows[0]!,
      /^\| 2026-12-02 10:00 \| portal \| first page, p95 \| \*\*52 ms\*\* \| GET \/health: 2 ms \| 26\.00 \| ≤ 40 ms ✗ \| 4\.2 → 2\.5 \*\*under load\*\* \|/,
    );
    assert.match(rows[1]!, /\*\*38 ms\*\*.*≤ 40 ms ✓ \| 0\.4 → 2\.5 \|/);
    assert.ok(!rows.some((row) => row.includes('99 ms')), 'older runs drop out');
  });

  test('only the marked section of the document is replaced', () => {
    const document = `# Benchmarks\n\nintro\n\n${TABLE_START}\nold table\n${TABLE_END}\n\n## History\nkept`;
    const updated = replaceTable(document, '| new |');
    assert.ok(updated.startsWith('# Benchmarks\n\nintro\n\n'));
    assert.ok(updated.includes(`${TABLE_START}\n\n| new |\n\n${TABLE_END}`));
    assert.ok(!updated.includes('old table'));
    assert.ok(updated.endsWith('## History\nkept'));
    assert.throws(() => replaceTable('# no markers', '| x |'), /no <!-- bench:results:start/);
  });
});
