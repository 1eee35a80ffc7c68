// `npm run docs:events`: refreshes the JSON Schemas in docs/events.md (events upstream systems
// publish) and docs/webhooks.md (outbound webhooks) from libs/contracts.
import { OUTBOUND_EVENTS } from '@portico/contracts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEventSchemas } from './event-schema-docs';

const events = join(__dirname, '../../docs/events.md');
writeFileSync(events, renderEventSchemas(readFileSync(events, 'utf8')));
console.log(`updated ${events}`);
const webhooks = join(__dirname, '../../docs/webhooks.md');
writeFileSync(webhooks, renderEventSchemas(readFileSync(webhooks, 'utf8'), OUTBOUND_EVENTS));
console.log(`updated ${webhooks}`);
