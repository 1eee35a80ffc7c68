import { startBenchStack } from './bench-stack';
// The operator console under load: 10,000 customers in the organization, 20 operators signed in
// at once (one session each, 20 connections), on the customer list, a search, and the customer
// details view (Overview: totals and latest invoices), against GET /health of the same console in
// the same run, with the apps running as `npm start` runs them.
//   npm run bench:console   (CUSTOMERS=10000 OPERATORS=20 DURATION=10 INVOICES=50)
//   PROFILE=1 npm run bench:console   also profiles the console (profiles/console.cpuprofile)
//   and prints where it spent its time.
import { AppProcess, ConsoleClient, freePort, waitFor } from '@portico/testing';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { DEMO_CUSTOMERS, invoiceHistory, visibleInvoices } from '../tools/demo/demo-data';
import { PorticoHttp } from '../tools/demo/portico-http';
import { publishEvents, waitForInvoices } from '../tools/demo/seed-demo';
import { hottestFunctions } from './cpu-profile-summary';
import { percentile, type Measured } from './http-load';

const CUSTOMERS = Number(process.env.CUSTOMERS ?? 10_000);
const OPERATORS = Number(process.env.OPERATORS ?? 20);
const DURATION = Number(process.env.DURATION ?? 10);
const INVOICES = Number(process.env.INVOICES ?? 50);
/** FerretDB on PostgreSQL hangs on large bulk writes (docs/architecture.md): small batches. */
const BATCH = 50;
const PASSWORD = 'bench operator password';
const PROFILE = process.env.PROFILE === '1' ? join(process.cwd(), 'profiles') : null;
const PROFILE_NAME = 'console.cpuprofile';

/** autocannon with one connection per operator; each request carries one of the sessions. */
async function load(url: string, paths: string[], cookies: string[]): Promise<Measured> {
  const times: number[] = [];
  let next = 0;
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url,
        connections: cookies.length,
        duration: DURATION,
        requests: [
          {
            setupRequest: (request) => {
              const n = next++;
              return {
                ...request,
                path: paths[n % paths.length],
                headers: {
                  ...request.headers,
                  cookie: `portico_console=${cookies[n % cookies.length]}`,
                },
              };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance!.on('response', (_c: unknown, _s: number, _b: number, ms: number) => times.push(ms));
  const result = await finished;
  times.sort((a, b) => a - b);
  return {
    requestsPerSecond: result.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const { adminToken, base, apps, namespace, databases } = await startBenchStack();
  const consolePort = await freePort();
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  apps.push(
    AppProcess.start('console', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      AMQP_URL: process.env.AMQP_URL!,
      AMQP_NAMESPACE: namespace,
      PORT: String(consolePort),
      HOST: '127.0.0.1',
      CONSOLE_PUBLIC_URL: consoleUrl,
      PORTAL_PUBLIC_URL: base,
      PORTAL_JWT_SECRET: randomBytes(32).toString('hex'),
      CONSOLE_SECRET: randomBytes(32).toString('hex'),
      ...(PROFILE && {
        NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${PROFILE} --cpu-prof-name=${PROFILE_NAME}`,
      }),
    }),
  );
  try {
    for (const url of [base, consoleUrl])
      await waitFor('the stack to be ready', async () => (await fetch(`${url}/health/ready`)).ok, {
        timeoutMs: 60_000,
        intervalMs: 250,
      });
    const http = new PorticoHttp(base);
    const { api_key: apiKey, organization } = await http.expect<{
      api_key: string;
      organization: { id: string };
    }>('POST', '/admin/v1/organizations', adminToken, { name: 'Bench Org' });

    // 10,000 customers written straight into customer-service's collection, in its own record
    // shape: through the event path they take minutes on FerretDB, and this measures reading.
    const seeding = performance.now();
    const db = mongoose.createConnection(process.env.MONGODB_URI!, { dbName: databases.customers });
    await db.asPromise();
    const now = new Date();
    for (let start = 0; start < CUSTOMERS; start += BATCH) {
      const records = Array.from({ length: Math.min(BATCH, CUSTOMERS - start) }, (_, i) => {
        const n = start + i;
        return {
          _id: `cus_bench_${n}`,
          organization_id: organization.id,
          external_id: `cust-${String(n).padStart(5, '0')}`,
          name: `Customer ${n} ${['Traders', 'Logistics', 'Bakery', 'Analytics'][n % 4]}`,
          email: `billing-${n}@customer-${n}.example`,
          currency: null,
          document_locale: n % 3 === 0 ? 'de' : null,
          portal_session_generation: 0,
          created_at: new Date(now.getTime() - n * 1_000),
          updated_at: now,
          deleted_at: null,
        };
      });
      await db.collection('customers').insertMany(records as never[], { ordered: false });
    }
    const stored = await db
      .collection('customers')
      .countDocuments({ organization_id: organization.id });
    await db.close();
    if (stored < CUSTOMERS) throw new Error(`only ${stored} customers stored`);
    // The customer whose details are viewed: a realistic invoice history (through the API, so
    // the invoice-service knows the customer too).
    const customer = { ...DEMO_CUSTOMERS[0]!, external_id: 'cust-05000' };
    await http.expect('POST', '/api/v1/customers', apiKey, {
      customer: { external_id: customer.external_id, name: customer.name },
    });
    const events = invoiceHistory(customer, { count: INVOICES });
    await publishEvents(http, apiKey, events);
    await waitForInvoices(http, apiKey, customer.external_id, visibleInvoices(events).length);
    const seeded = ((performance.now() - seeding) / 1000).toFixed(1);

    const cookies: string[] = [];
    for (let i = 0; i < OPERATORS; i++) {
      const { set_password_url } = await http.expect<{ set_password_url: string }>(
        'POST',
        `/admin/v1/organizations/${organization.id}/operators`,
        adminToken,
        { email: `operator-${i}@bench.example`, role: 'member' },
      );
      const client = new ConsoleClient(consoleUrl);
      await client.setPassword(set_password_url, PASSWORD);
      if ((await client.login(`operator-${i}@bench.example`, PASSWORD)).status !== 303)
        throw new Error('an operator could not sign in');
      cookies.push(client.sessionCookie!);
    }

    // Details first: a list or search that overruns the RPC timeout leaves its queries running
    // in customer-service, which would weigh on whatever is measured after it.
    const targets: [string, string, number][] = [
      ['customer details (overview)', `/customers/${customer.external_id}`, 50],
      ['customer details (invoices tab)', `/customers/${customer.external_id}?tab=invoices`, 50],
      ['customer list (page 1)', '/customers', 100],
      ['search "4242"', '/customers?q=4242', 100],
      ['search "logistics", page 3', '/customers?q=logistics&page=3', 100],
    ];
    for (const [, path] of targets) {
      const response = await fetch(`${consoleUrl}${path}`, {
        headers: { cookie: `portico_console=${cookies[0]}` },
      });
      // A path that fails here is still measured: its errors are part of the result.
      if (response.status !== 200) console.log(`  warm-up: ${path} answered ${response.status}`);
    }

    console.log(
      `console: ${OPERATORS} operators (one session and one connection each), ${DURATION} s per run, ${CUSTOMERS} customers in the organization, the viewed one with ${visibleInvoices(events).length} invoices (seeded in ${seeded} s)`,
    );
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, load average before the run ${loadavg()
        .map((l) => l.toFixed(2))
        .join(
          ' ',
        )}; database ${process.env.MONGODB_URI?.replace(/\/\/[^@]*@/, '//')}; load generator on the same machine`,
    );
    await load(consoleUrl, ['/health', targets[0]![1]], cookies); // warm-up (details)
    const row = (name: string, m: Measured) =>
      console.log(
        `  ${name.padEnd(32)} ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(1)} ms  p95 ${m.p95.toFixed(1)} ms  p99 ${m.p99.toFixed(1)} ms  errors ${m.errors}  non-2xx ${m.non2xx}`,
      );
    const baseline = await load(consoleUrl, ['/health'], cookies);
    row('GET /health (baseline)', baseline);
    for (const [name, path, target] of targets) {
      const measured = await load(consoleUrl, [path], cookies);
      row(name, measured);
      // The same-run baseline says how loaded the machine was while this path was measured.
      console.log(
        `    p95 target ≤ ${target} ms: ${measured.p95 <= target ? 'met' : 'MISSED'}; ` +
          `p95 ${(measured.p95 / baseline.p95).toFixed(1)} × the baseline's, ` +
          `req/s ${(baseline.requestsPerSecond / measured.requestsPerSecond).toFixed(1)} × fewer`,
      );
    }
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
  }
  if (PROFILE) {
    console.log(`console CPU profile: ${join(PROFILE, PROFILE_NAME)}; most self time in:`);
    for (const hot of hottestFunctions(join(PROFILE, PROFILE_NAME), 25))
      console.log(`  ${hot.selfPercent.toFixed(1).padStart(5)} %  ${hot.name}  ${hot.where}`);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
