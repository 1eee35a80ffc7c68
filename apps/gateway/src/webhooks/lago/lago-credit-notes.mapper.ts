import { CreditNoteCreated, CreditNoteUpdated, type EventEnvelope } from '@portico/contracts';
import { z } from 'zod';
import {
  lagoTimestamp,
  parseLagoPart,
  type LagoDomainMapper,
  type LagoEnvelopeOf,
} from './lago-mapper-kit';

const text = z.string().nullish();

/** The parts of Lago's credit note the bridge reads (its serializer sends more; zod drops it). */
const lagoCreditNoteSchema = z.object({
  lago_id: z.string(),
  number: z.string(),
  lago_invoice_id: z.string(),
  invoice_number: text,
  issuing_date: z.string(),
  credit_status: text,
  refund_status: text,
  reason: z.string(),
  description: text,
  currency: z.string(),
  total_amount_cents: z.number(),
  taxes_amount_cents: z.number().nullish(),
  sub_total_excluding_taxes_amount_cents: z.number(),
  balance_amount_cents: z.number().nullish(),
  credit_amount_cents: z.number().nullish(),
  refund_amount_cents: z.number().nullish(),
  updated_at: z.string(),
  customer: z.object({ external_id: z.string() }),
  items: z
    .array(
      z.object({
        amount_cents: z.number(),
        fee: z
          .object({
            invoice_display_name: text,
            description: text,
            item: z.object({ name: text, code: text, invoice_display_name: text }).nullish(),
          })
          .nullish(),
      }),
    )
    .nullish(),
});
type LagoCreditNote = z.output<typeof lagoCreditNoteSchema>;

/**
 * Lago's credit note webhooks: `credit_note.created` when issued, `credit_note.generated` when
 * its file is ready (the whole note again, maybe changed: an update), and
 * `credit_note.refund_failure` (the refund status changed).
 */
export const lagoCreditNotesMapper: LagoDomainMapper = {
  webhookTypes: ['credit_note.created', 'credit_note.generated', 'credit_note.refund_failure'],
  map(root: Record<string, unknown>, envelopeOf: LagoEnvelopeOf): EventEnvelope[] {
    const note = parseLagoPart(lagoCreditNoteSchema, root.credit_note, 'credit_note');
    const contract =
      root.webhook_type === 'credit_note.created' ? CreditNoteCreated : CreditNoteUpdated;
    return [envelopeOf(contract, 'credit_note', toPorticoCreditNote(note))];
  },
};

function toPorticoCreditNote(note: LagoCreditNote): Record<string, unknown> {
  return {
    id: note.lago_id,
    external_customer_id: note.customer.external_id,
    number: note.number,
    invoice_id: note.lago_invoice_id,
    invoice_number: note.invoice_number ?? null,
    issuing_date: note.issuing_date,
    credit_status: note.credit_status ?? null,
    refund_status: note.refund_status ?? null,
    reason: note.reason,
    description: note.description ?? null,
    currency: note.currency,
    sub_total_excluding_taxes_amount_cents: note.sub_total_excluding_taxes_amount_cents,
    taxes_amount_cents: note.taxes_amount_cents ?? 0,
    total_amount_cents: note.total_amount_cents,
    credit_amount_cents: note.credit_amount_cents ?? 0,
    refund_amount_cents: note.refund_amount_cents ?? 0,
    balance_amount_cents: note.balance_amount_cents ?? 0,
    items: (note.items ?? []).map((item) => ({
      description: (
        item.fee?.invoice_display_name ||
        item.fee?.item?.invoice_display_name ||
        item.fee?.item?.name ||
        item.fee?.description ||
        item.fee?.item?.code ||
        ''
      ).slice(0, 1_000),
      amount_cents: item.amount_cents,
    })),
    updated_at: lagoTimestamp(note.updated_at),
  };
}
