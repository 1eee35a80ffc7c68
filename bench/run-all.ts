// `npm run bench`: every benchmark, one after another, on one provisioned broker and database;
// each appends its figures to bench/results.jsonl, and the table in docs/benchmarks.md is then
// rewritten from that file.
//   npm run bench                         all of them, once
//   BENCH_REPEAT=2 npm run bench          each twice (run-to-run spread on a shared machine)
//   BENCHES=pdf,portal npm run bench      some of them
//   npm run bench:table                   only rewrite the table from bench/results.jsonl
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { RESULTS_FILE } from './bench-record';
import { parseResults, renderTable, replaceTable } from './bench-table';

export const BENCHES: { name: string; file: string }[] = [
  { name: 'messaging', file: 'messaging-throughput.js' },
  { name: 'jwt', file: 'jwt-signing.js' },
  { name: 'portal-url', file: 'portal-url-issuance.js' },
  { name: 'gateway-workers', file: 'gateway-workers.js' },
  { name: 'ingestion', file: 'invoice-ingestion.js' },
  { name: 'invoice-list', file: 'invoice-list-query.js' },
  { name: 'lago', file: 'lago-webhooks.js' },
  { name: 'webhooks', file: 'webhook-delivery.js' },
  { name: 'pdf', file: 'pdf-rendering.js' },
  { name: 'portal', file: 'portal-page.js' },
  { name: 'portal-sections', file: 'portal-account-sections.js' },
  { name: 'invoice-details', file: 'invoice-details.js' },
];

const DOC = join(__dirname, '..', '..', 'docs', 'benchmarks.md');

export async function writeTable(): Promise<void> {
  const records = parseResults(readFileSync(RESULTS_FILE, 'utf8'));
  const table = renderTable(
    records,
    BENCHES.map((b) => b.name),
  );
  const document = replaceTable(readFileSync(DOC, 'utf8'), table);
  // Formatted as `npm run format` would, so the rewrite never fails `format:check`.
  const options = { ...(await resolveConfig(DOC)), filepath: DOC };
  writeFileSync(DOC, await format(document, options));
  console.log(`docs/benchmarks.md: table rewritten from ${records.length} recorded runs`);
}

async function main(): Promise<number> {
  if (process.argv.includes('--table-only')) {
    await writeTable();
    return 0;
  }
  const wanted = process.env.BENCHES?.split(',').map((s) => s.trim());
  const repeat = Number(process.env.BENCH_REPEAT ?? 1);
  const failed: string[] = [];
  for (let round = 1; round <= repeat; round++) {
    for (const bench of BENCHES.filter((b) => !wanted || wanted.includes(b.name))) {
      console.log(`\n=== ${bench.name} (round ${round} of ${repeat}) ===`);
      const { status } = spawnSync(process.execPath, [join(__dirname, bench.file)], {
        stdio: 'inherit',
        env: process.env,
      });
      if (status !== 0) failed.push(`${bench.name} (round ${round}): exit ${status}`);
    }
  }
  await writeTable();
  if (failed.length) console.error(`failed: ${failed.join('; ')}`);
  return failed.length ? 1 : 0;
}

if (require.main === module) void main().then((code) => process.exit(code));
