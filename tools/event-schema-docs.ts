import { PUBLIC_EVENTS, type EventContract } from '@portico/contracts';
import { z } from 'zod';

/** The JSON Schema of an event's `data`, as published in docs/events.md. */
export function eventDataJsonSchema(contract: EventContract): string {
  const schema = z.toJSONSchema(contract.schema, { io: 'input', unrepresentable: 'any' });
  return JSON.stringify(schema, null, 2);
}

const block = (type: string, json: string) =>
  `<!-- schema:${type} -->\n\`\`\`json\n${json}\n\`\`\`\n<!-- /schema:${type} -->`;

/**
 * Rewrites every `<!-- schema:TYPE -->` block in the document with the current schema: the
 * public events (docs/events.md) by default, the outbound ones for docs/webhooks.md.
 */
export function renderEventSchemas(
  markdown: string,
  contracts: readonly EventContract[] = PUBLIC_EVENTS,
): string {
  let out = markdown;
  for (const contract of contracts) {
    const type = contract.type.replaceAll('.', '\\.');
    const pattern = new RegExp(`<!-- schema:${type} -->[\\s\\S]*?<!-- /schema:${type} -->`);
    out = out.replace(pattern, block(contract.type, eventDataJsonSchema(contract)));
  }
  return out;
}

export function schemaBlock(contract: EventContract): string {
  return block(contract.type, eventDataJsonSchema(contract));
}
