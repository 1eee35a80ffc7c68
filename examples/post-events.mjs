// Publishes Portico events over HTTP, for billing systems that cannot speak AMQP: one event, or a
// JSON array of them sent as one batch, to POST /api/v1/events with an organization's API key.
//   PORTICO_URL=http://localhost:3000 PORTICO_API_KEY=ptk_… node examples/post-events.mjs examples/invoice-created.json
// The organization is the API key's: the file's organization_id is dropped.
import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const apiKey = process.env.PORTICO_API_KEY;
if (!file || !apiKey) {
  console.error('usage: PORTICO_API_KEY=ptk_… node examples/post-events.mjs <event-or-array.json>');
  process.exit(2);
}
const content = JSON.parse(readFileSync(file, 'utf8'));
const events = Array.isArray(content) ? content : [content];
for (const event of events) delete event.organization_id;
const response = await fetch(
  `${process.env.PORTICO_URL ?? 'http://localhost:3000'}/api/v1/events`,
  {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  },
);
const answer = await response.json();
if (!response.ok) {
  // 503: the broker did not confirm; nothing is lost by sending the same events again.
  console.error(`${response.status} ${answer.code}: ${answer.message}`);
  process.exit(1);
}
for (const result of answer.events) {
  console.log(
    result.status === 'accepted'
      ? `accepted ${result.type} ${result.id}`
      : `rejected #${result.index} ${result.id ?? ''}: ${result.reason}`,
  );
}
process.exit(answer.meta.rejected === 0 ? 0 : 1);
