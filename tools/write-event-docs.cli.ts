// `npm run docs:events`: refreshes the JSON Schemas in docs/events.md from libs/contracts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEventSchemas } from './event-schema-docs';

const file = join(__dirname, '../../docs/events.md');
writeFileSync(file, renderEventSchemas(readFileSync(file, 'utf8')));
console.log(`updated ${file}`);
