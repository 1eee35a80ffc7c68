import {
  portalDetailsChangesSchema,
  type PortalCustomerField,
  type PortalDetailsChanges,
} from '@portico/contracts';
import type { z } from 'zod';

/** The inputs of the six address parts; shipping ones carry the `shipping_` prefix. */
export const ADDRESS_PARTS = [
  'address_line1',
  'address_line2',
  'city',
  'zipcode',
  'state',
  'country',
] as const;

/** What the form posts besides the details themselves. */
const FORM_CONTROLS = new Set(['form_token', 'shipping_same_as_billing']);

/** A field's message: a translation key and its arguments. */
export interface FieldError {
  key: string;
  args?: Record<string, string | number>;
}

export type AccountFormResult =
  | { kind: 'valid'; changes: PortalDetailsChanges }
  | { kind: 'invalid'; errors: Record<string, FieldError>; values: Record<string, string> }
  | { kind: 'forbidden'; fields: string[] };

/**
 * The posted "Your details" form, checked against what this organization lets customers edit:
 * an input the page does not show (a forged or stale form) refuses the whole post; a value
 * that fails the contract gets its message beside its input, keyed by the input's name.
 */
export function readAccountForm(
  body: Record<string, unknown>,
  editable: readonly PortalCustomerField[],
): AccountFormResult {
  const inputs = new Set(inputNamesFor(editable));
  const posted = Object.keys(body).filter((name) => !FORM_CONTROLS.has(name));
  const unknown = posted.filter((name) => !inputs.has(name));
  if (editable.length === 0 || unknown.length > 0) return { kind: 'forbidden', fields: unknown };

  const values: Record<string, string> = {};
  for (const name of posted) values[name] = typeof body[name] === 'string' ? body[name] : '';
  const raw: Record<string, unknown> = {};
  for (const field of editable) {
    if (field === 'shipping_address') continue;
    if (values[field] !== undefined) raw[field] = values[field];
  }
  if (editable.includes('shipping_address')) {
    const sameAsBilling = body.shipping_same_as_billing === 'yes';
    raw.shipping_address = sameAsBilling
      ? null
      : Object.fromEntries(ADDRESS_PARTS.map((part) => [part, values[`shipping_${part}`] ?? '']));
  }
  const parsed = portalDetailsChangesSchema.safeParse(raw);
  if (parsed.success) return { kind: 'valid', changes: parsed.data };
  return { kind: 'invalid', errors: fieldErrors(parsed.error), values };
}

/** The names of the inputs the form shows for these editable fields. */
export function inputNamesFor(editable: readonly PortalCustomerField[]): string[] {
  return editable.flatMap((field) =>
    field === 'shipping_address' ? ADDRESS_PARTS.map((part) => `shipping_${part}`) : [field],
  );
}

function fieldErrors(error: z.ZodError): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  for (const issue of error.issues) {
    const [first, second] = issue.path.map(String);
    const input = first === 'shipping_address' && second ? `shipping_${second}` : first;
    if (!input || errors[input]) continue;
    errors[input] = messageFor(issue);
  }
  return errors;
}

function messageFor(issue: z.core.$ZodIssue): FieldError {
  const named = (issue as { params?: { portal_error?: string } }).params?.portal_error;
  if (named) return { key: `account.errors.${named}` };
  if (issue.code === 'too_big')
    return { key: 'account.errors.too_long', args: { max: Number(issue.maximum) } };
  if (issue.path[0] === 'email') return { key: 'account.errors.email' };
  if (issue.path[0] === 'document_locale') return { key: 'account.errors.language' };
  return { key: 'account.errors.invalid' };
}
