import { OUTBOUND_EVENTS, PUBLIC_EVENTS } from '@portico/contracts';
import { PROJECT_ROOT } from '@portico/testing';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@jest/globals';
import { schemaBlock } from './event-schema-docs';

test('docs/events.md publishes the current JSON Schema of every public event', () => {
  const markdown = readFileSync(join(PROJECT_ROOT, 'docs/events.md'), 'utf8');
  for (const contract of PUBLIC_EVENTS) {
    assert.ok(
      markdown.includes(schemaBlock(contract)),
      `docs/events.md is out of date for ${contract.type}: run \`npm run docs:events\``,
    );
  }
});

test('docs/webhooks.md publishes the current JSON Schema of every outbound event', () => {
  const markdown = readFileSync(join(PROJECT_ROOT, 'docs/webhooks.md'), 'utf8');
  for (const contract of OUTBOUND_EVENTS) {
    assert.ok(
      markdown.includes(schemaBlock(contract)),
      `docs/webhooks.md is out of date for ${contract.type}: run \`npm run docs:events\``,
    );
  }
});
