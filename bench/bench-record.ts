import { connect } from 'amqplib';
import mongoose from 'mongoose';
import { appendFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * What every benchmark records: its figures against the same-run baseline, where and how loaded
 * the machine was. Each run appends its rows to bench/results.jsonl; `npm run bench` renders the
 * table in docs/benchmarks.md from that file, so no figure is ever copied by hand.
 */
export interface BenchRow {
  /** What was measured, e.g. "first page, p95". */
  figure: string;
  value: number;
  unit: string;
  /** The same-run baseline this figure is compared with. */
  baseline?: { name: string; value: number; unit: string };
  /** value / baseline (or as the bench defines it, e.g. baseline p95 / p95 is not used: raw). */
  ratio?: number;
  /** The goal, e.g. "≤ 40 ms", and whether this run met it. */
  target?: string;
  met?: boolean;
}

export interface BenchRecord {
  bench: string;
  date: string;
  machine: string;
  node: string;
  database: string;
  broker: string;
  load: { before: number[]; after: number[]; cores: number; underLoad: boolean };
  settings: Record<string, string | number>;
  rows: BenchRow[];
}

/** bench/results.jsonl in the source tree (this file runs from dist/bench). */
export const RESULTS_FILE = join(__dirname, '..', '..', 'bench', 'results.jsonl');

/** Load average (1 min) at or above half the cores before a run: others were using the machine. */
export const UNDER_LOAD_PER_CORE = 0.5;

const round = (values: number[]) => values.map((v) => Number(v.toFixed(2)));

export class BenchRun {
  private readonly rows: BenchRow[] = [];
  private readonly loadBefore = round(loadavg());

  private constructor(
    readonly bench: string,
    private readonly settings: Record<string, string | number>,
  ) {}

  /** Prints the machine and its load average; call before anything heavy starts. */
  static start(bench: string, settings: Record<string, string | number> = {}): BenchRun {
    const run = new BenchRun(bench, settings);
    const cores = cpus().length;
    console.log(`${bench}: ${JSON.stringify(settings)}`);
    console.log(`machine: ${machine()}, node ${process.version}`);
    console.log(
      `load average before: ${run.loadBefore.join(' / ')} (1 / 5 / 15 min, ${cores} cores)${
        run.underLoad
          ? '  ** UNDER LOAD: other work shares the machine; figures are pessimistic **'
          : ''
      }`,
    );
    return run;
  }

  get underLoad(): boolean {
    return this.loadBefore[0]! >= UNDER_LOAD_PER_CORE * cpus().length;
  }

  record(row: BenchRow): void {
    // A figure that failed to measure is said, not stored (JSON would turn NaN into null).
    if (!Number.isFinite(row.value)) {
      console.log(`  » ${row.figure}: not measured (${row.value})`);
      return;
    }
    this.rows.push(row);
    const baseline = row.baseline
      ? ` | baseline ${row.baseline.name} ${format(row.baseline.value)} ${row.baseline.unit}`
      : '';
    const ratio = row.ratio === undefined ? '' : ` | ratio ${row.ratio.toFixed(2)}`;
    const target = row.target ? ` | target ${row.target}: ${row.met ? 'met' : 'MISSED'}` : '';
    console.log(`  » ${row.figure}: ${format(row.value)} ${row.unit}${baseline}${ratio}${target}`);
  }

  /** Prints the load after the run and appends the record to bench/results.jsonl. */
  async finish(): Promise<BenchRecord> {
    const after = round(loadavg());
    console.log(
      `load average after: ${after.join(' / ')}${this.underLoad ? '  (run taken UNDER LOAD)' : ''}`,
    );
    const record: BenchRecord = {
      bench: this.bench,
      date: new Date().toISOString(),
      machine: machine(),
      node: process.version,
      database: await databaseVersion(),
      broker: await brokerVersion(),
      load: { before: this.loadBefore, after, cores: cpus().length, underLoad: this.underLoad },
      settings: this.settings,
      rows: this.rows,
    };
    mkdirSync(dirname(RESULTS_FILE), { recursive: true });
    appendFileSync(RESULTS_FILE, `${JSON.stringify(record)}\n`);
    return record;
  }
}

export function format(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en', { maximumFractionDigits: digits });
}

function machine(): string {
  const list = cpus();
  const model = (list[0]?.model ?? 'cpu').replace(/\s+/g, ' ').trim();
  return `${list.length} × ${model}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

/** FerretDB reports its own version and backend in buildInfo; MongoDB its version. */
async function databaseVersion(): Promise<string> {
  const uri = process.env.MONGODB_URI;
  if (!uri) return 'none';
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 3_000 });
  try {
    await connection.asPromise();
    const info = (await connection.db!.admin().command({ buildInfo: 1 })) as Record<
      string,
      unknown
    >;
    const ferret = info.ferretdb as { version?: string; backend?: string } | undefined;
    if (info.ferretdbVersion || ferret) {
      const version = String(info.ferretdbVersion ?? ferret?.version ?? '?').replace(/^v/, '');
      const backend = (ferret as { backend?: string } | undefined)?.backend;
      return `FerretDB ${version}${backend ? ` (${backend})` : ''}`;
    }
    return `MongoDB ${String(info.version)}`;
  } catch {
    return 'unknown';
  } finally {
    await connection.close().catch(() => undefined);
  }
}

async function brokerVersion(): Promise<string> {
  const url = process.env.AMQP_URL;
  if (!url) return 'none';
  try {
    const model = await connect(url);
    const properties = (
      model.connection as unknown as { serverProperties?: Record<string, string> }
    ).serverProperties;
    await model.close();
    return `${properties?.product ?? 'AMQP'} ${properties?.version ?? ''}`.trim();
  } catch {
    return 'unknown';
  }
}
