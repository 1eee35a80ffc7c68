// A CPU profile of the gateway (and of the invoice-service, which answers its list) serving the
// portal page under load — what to optimise next:
//   npm run profile:portal          (CONNECTIONS=50 DURATION=15 INVOICES=2000 ROUTE=first|filter|search|pdf)
// writes profiles/portal-gateway.cpuprofile and profiles/portal-invoice-service.cpuprofile (open
// them in Chrome DevTools → Performance, or speedscope), prints the CPU time each process spent
// per page during the load (where the work goes) and the functions with the most self time. The
// gateway runs as one process (GATEWAY_WORKERS=1) so the profile holds all of its work.
// PROFILE=off: no profiler (its overhead), only the load's figures and the CPU per page.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startBenchStack } from './bench-stack';
import { hottestFunctions } from './cpu-profile-summary';
import { load } from './http-load';
import { seedPortal } from './portal-seed';
import { pidListeningOn, processCpuSeconds } from './process-cpu';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION = Number(process.env.DURATION ?? 15);
const INVOICES = Number(process.env.INVOICES ?? 2_000);
const ROUTE = process.env.ROUTE ?? 'first';
const TOP = Number(process.env.TOP ?? 25);
const PROFILING = process.env.PROFILE !== 'off';
const ROOT = join(__dirname, '..', '..');
export const PROFILE_DIR = join(ROOT, 'profiles');
export const PROFILE_NAME = 'portal-gateway.cpuprofile';
export const SERVICE_PROFILE_NAME = 'portal-invoice-service.cpuprofile';

const profiled = (name: string) => [
  '--cpu-prof',
  `--cpu-prof-dir=${PROFILE_DIR}`,
  `--cpu-prof-name=${name}`,
];

async function main(): Promise<void> {
  mkdirSync(PROFILE_DIR, { recursive: true });
  for (const name of [PROFILE_NAME, SERVICE_PROFILE_NAME])
    rmSync(join(PROFILE_DIR, name), { force: true });
  const stack = await startBenchStack({
    publicUrl: 'self',
    gatewayEnv: { GATEWAY_WORKERS: '1' },
    gatewayNodeArgs: PROFILING ? profiled(PROFILE_NAME) : [],
    invoiceServiceNodeArgs: PROFILING ? profiled(SERVICE_PROFILE_NAME) : [],
  });
  try {
    await stack.ready();
    const seeded = await seedPortal(stack.base, stack.adminToken, INVOICES);
    const [, path] =
      ROUTE === 'pdf'
        ? ['pdf', `${seeded.page}/invoices/${seeded.invoiceId}/pdf`]
        : (seeded.targets.find(([name]) => name.startsWith(ROUTE)) ?? seeded.targets[0]!);
    // The first download renders; the load measures the ones after it.
    if (ROUTE === 'pdf' && !(await fetch(`${stack.base}${path}`)).ok) throw new Error(path);
    const size = (await (await fetch(`${stack.base}${path}`)).arrayBuffer()).byteLength;
    console.log(
      `${PROFILING ? 'profiling' : 'measuring'} the gateway: ${CONNECTIONS} connections for ${DURATION} s on ${ROUTE} (${(size / 1024).toFixed(1)} KiB per response)`,
    );
    const processes: { name: string; pid: number }[] = stack.apps.map((app) => ({
      name: app.name,
      pid: app.pid!,
    }));
    const broker = pidListeningOn(Number(new URL(process.env.AMQP_URL!).port));
    if (broker !== null) processes.push({ name: 'broker', pid: broker });
    const cpuBefore = processes.map(({ pid }) => processCpuSeconds(pid));
    const ownBefore = process.cpuUsage();
    const measured = await load(stack.base, {}, [path], {
      connections: CONNECTIONS,
      duration: DURATION,
    });
    const own = process.cpuUsage(ownBefore);
    const pages = measured.requestsPerSecond * DURATION;
    console.log(
      `  ${measured.requestsPerSecond.toFixed(0)} pages/s, p95 ${measured.p95.toFixed(1)} ms, errors ${measured.errors}, non-2xx ${measured.non2xx}`,
    );
    console.log('  CPU per page (user + system, during the load):');
    processes.forEach(({ name, pid }, index) => {
      const after = processCpuSeconds(pid);
      const before = cpuBefore[index];
      if (after === null || before === null || before === undefined) return;
      console.log(`    ${name.padEnd(18)} ${((1000 * (after - before)) / pages).toFixed(3)} ms`);
    });
    const generator = (own.user + own.system) / 1000 / pages;
    console.log(`    ${'load generator'.padEnd(18)} ${generator.toFixed(3)} ms`);
  } finally {
    // The profiles are written when the apps exit; seeding is in them too, but it is brief.
    await Promise.all(stack.apps.map((a) => a.stop()));
  }
  for (const name of PROFILING ? [PROFILE_NAME, SERVICE_PROFILE_NAME] : []) {
    const file = join(PROFILE_DIR, name);
    console.log(`\nprofile: ${file}\nself time, top ${TOP}:`);
    for (const hot of hottestFunctions(file, TOP, ROOT)) {
      console.log(`  ${hot.selfPercent.toFixed(1).padStart(5)}%  ${hot.name}  ${hot.where}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
