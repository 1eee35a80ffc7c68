// Seeds the demo organization, customers and invoices into a running stack (npm start runs it).
// Prints one JSON line: {organizationId, apiKey, portalUrl, customers}.
//   PORTICO_URL=http://localhost:3000 DEMO_HOST_ORIGIN=http://localhost:4000 node dist/tools/seed-demo.cli.js
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DEVELOPMENT_SECRETS } from '../apps/gateway/src/config/gateway.config';
import { seedDemo } from './demo/seed-demo';

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
  console.log(
    JSON.stringify({
      organizationId: result.organizationId,
      apiKey: result.apiKey,
      portalUrl: result.portalUrl,
      customers: result.customers.map((c) => c.external_id),
    }),
  );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
