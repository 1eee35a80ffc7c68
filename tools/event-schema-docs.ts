import { PUBLIC_EVENTS, type EventContract } from '@portico/contracts';
import { z } from 'zod';

/** The JSON Schema of an event's `data`, as published in docs/events.md. */
export function eventDataJsonSchema(contract: EventContract): string {
  const schema = z.toJSONSchema(contract.schema, { io: 'input', unrepresentable: 'any' });
  return JSON.stringify(schema, null, 2);
}

const block = (type: string, json: string) =>
  `<!-- schema:${type} -->\n\`\`\`json\n${json}\n\`\`\`\n<!-- /schema:${type} -->`;

/** Rewrites every `<!-- schema:TYPE -->` block in the document with the current schema. */
export function renderEventSchemas(markdown: string): string {
  let out = markdown;
  for (const contract of PUBLIC_EVENTS) {
    const pattern = new RegExp(
      `<!-- schema:${contract.type.replace('.', '\\.')} -->[\\s\\S]*?<!-- /schema:${contract.type.replace('.', '\\.')} -->`,
    );
    out = out.replace(pattern, block(contract.type, eventDataJsonSchema(contract)));
  }
  return out;
}

export function schemaBlock(contract: EventContract): string {
  return block(contract.type, eventDataJsonSchema(contract));
}
