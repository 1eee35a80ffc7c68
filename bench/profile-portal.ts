// A CPU profile of the gateway serving the portal page under load — what to optimise next:
//   npm run profile:portal          (CONNECTIONS=50 DURATION=15 INVOICES=2000 ROUTE=first|filter|search)
// writes profiles/portal-gateway.cpuprofile (open it in Chrome DevTools → Performance, or
// speedscope) and prints the functions with the most self time. The gateway runs as one process
// (GATEWAY_WORKERS=1) so the profile holds all of its work.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startBenchStack } from './bench-stack';
import { hottestFunctions } from './cpu-profile-summary';
import { load } from './http-load';
import { seedPortal } from './portal-seed';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION = Number(process.env.DURATION ?? 15);
const INVOICES = Number(process.env.INVOICES ?? 2_000);
const ROUTE = process.env.ROUTE ?? 'first';
const ROOT = join(__dirname, '..', '..');
export const PROFILE_DIR = join(ROOT, 'profiles');
export const PROFILE_NAME = 'portal-gateway.cpuprofile';

async function main(): Promise<void> {
  mkdirSync(PROFILE_DIR, { recursive: true });
  rmSync(join(PROFILE_DIR, PROFILE_NAME), { force: true });
  const stack = await startBenchStack({
    publicUrl: 'self',
    gatewayEnv: { GATEWAY_WORKERS: '1' },
    gatewayNodeArgs: [
      '--cpu-prof',
      `--cpu-prof-dir=${PROFILE_DIR}`,
      `--cpu-prof-name=${PROFILE_NAME}`,
    ],
  });
  try {
    await stack.ready();
    const seeded = await seedPortal(stack.base, stack.adminToken, INVOICES);
    const [, path] = seeded.targets.find(([name]) => name.startsWith(ROUTE)) ?? seeded.targets[0]!;
    console.log(`profiling the gateway: ${CONNECTIONS} connections for ${DURATION} s on ${ROUTE}`);
    const measured = await load(stack.base, {}, [path], {
      connections: CONNECTIONS,
      duration: DURATION,
    });
    console.log(
      `  ${measured.requestsPerSecond.toFixed(0)} pages/s, p95 ${measured.p95.toFixed(1)} ms, errors ${measured.errors}, non-2xx ${measured.non2xx}`,
    );
  } finally {
    // The profile is written when the gateway exits; seeding is in it too, but it is brief.
    await Promise.all(stack.apps.map((a) => a.stop()));
  }
  const file = join(PROFILE_DIR, PROFILE_NAME);
  console.log(`\nprofile: ${file}\nself time, top 25:`);
  for (const hot of hottestFunctions(file, 25, ROOT)) {
    console.log(`  ${hot.selfPercent.toFixed(1).padStart(5)}%  ${hot.name}  ${hot.where}`);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
