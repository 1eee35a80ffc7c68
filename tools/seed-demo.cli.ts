// Seeds the demo organization, customers and invoices into a running stack (npm start runs it).
// Prints one JSON line: {organizationId, apiKey, portalUrl, customers, console?}.
// With DEMO_CONSOLE_PASSWORD_FILE (and the console running), also the demo console admin, whose
// generated password is kept in that file.
//   PORTICO_URL=http://localhost:3000 DEMO_HOST_ORIGIN=http://localhost:4000 node dist/tools/seed-demo.cli.js
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DEVELOPMENT_SECRETS } from '../apps/gateway/src/config/gateway.config';
import { seedDemo } from './demo/seed-demo';
import { seedDemoOperator } from './demo/seed-demo-operator';

const DEMO_OPERATOR_EMAIL = 'admin@lumen.example';

async function main(): Promise<void> {
  const keyFile = process.env.DEMO_API_KEY_FILE;
  const knownApiKey =
    keyFile && existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : undefined;
  const result = await seedDemo({
    porticoUrl: process.env.PORTICO_URL ?? 'http://localhost:3000',
    adminToken: process.env.PORTICO_ADMIN_TOKEN ?? DEVELOPMENT_SECRETS.PORTICO_ADMIN_TOKEN,
    embedOrigins: (process.env.DEMO_HOST_ORIGIN ?? 'http://localhost:4000').split(','),
    knownApiKey,
  });
  if (keyFile) writeFileSync(keyFile, result.apiKey, { mode: 0o600 });
  const passwordFile = process.env.DEMO_CONSOLE_PASSWORD_FILE;
  let operator: { email: string; password: string | null } | undefined;
  if (passwordFile) {
    const known = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : undefined;
    const password = known ?? randomBytes(12).toString('base64url');
    const outcome = await seedDemoOperator({
      porticoUrl: process.env.PORTICO_URL ?? 'http://localhost:3000',
      adminToken: process.env.PORTICO_ADMIN_TOKEN ?? DEVELOPMENT_SECRETS.PORTICO_ADMIN_TOKEN,
      organizationId: result.organizationId,
      email: DEMO_OPERATOR_EMAIL,
      password,
    });
    if (outcome === 'created') writeFileSync(passwordFile, password, { mode: 0o600 });
    // An operator made by an earlier run whose password file is gone: its password is unknown.
    operator = {
      email: DEMO_OPERATOR_EMAIL,
      password: outcome === 'created' ? password : (known ?? null),
    };
  }
  console.log(
    JSON.stringify({
      organizationId: result.organizationId,
      apiKey: result.apiKey,
      portalUrl: result.portalUrl,
      customers: result.customers.map((c) => c.external_id),
      console: operator,
    }),
  );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
