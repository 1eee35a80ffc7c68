// Sends a Lago webhook to Portico's bridge the way Lago does: the JSON body, signed with the
// organization's HMAC key (base64 HMAC-SHA256 of the exact bytes), and a unique key per delivery.
// Handy to check a set-up before pointing Lago itself at Portico.
//   PORTICO_URL=http://localhost:3000 ORGANIZATION_ID=org_… LAGO_HMAC_KEY=… \
//     node examples/send-lago-webhook.mjs examples/lago-invoice-created.json
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const { ORGANIZATION_ID: organizationId, LAGO_HMAC_KEY: hmacKey } = process.env;
if (!file || !organizationId || !hmacKey) {
  console.error(
    'usage: ORGANIZATION_ID=… LAGO_HMAC_KEY=… node examples/send-lago-webhook.mjs <webhook.json>',
  );
  process.exit(2);
}
const body = JSON.stringify(JSON.parse(readFileSync(file, 'utf8')));
const uniqueKey = process.env.UNIQUE_KEY ?? randomUUID();
const response = await fetch(
  `${process.env.PORTICO_URL ?? 'http://localhost:3000'}/webhooks/lago/${organizationId}`,
  {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-lago-signature': createHmac('sha256', hmacKey).update(body).digest('base64'),
      'x-lago-signature-algorithm': 'hmac',
      'x-lago-unique-key': uniqueKey,
    },
    body,
  },
);
console.log(`${response.status} ${await response.text()}`);
process.exit(response.ok ? 0 : 1);
