import { CreditNoteCreated, CreditNoteUpdated, upstreamCreditNoteSchema } from '@portico/contracts';
import { lagoCreditNote, lagoWebhook } from '@portico/testing';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { mapLagoWebhook } from './lago-payload.mapper';

const map = (body: unknown) => mapLagoWebhook(body, 'org_hooli', 'key-9');

describe("Lago's credit note webhooks → credit_note.* events", () => {
  test('created becomes credit_note.created with Lago fields under Portico names', () => {
    const note = lagoCreditNote({ lagoId: 'cn-1', lagoInvoiceId: 'inv-1' });
    const mapping = map(lagoWebhook('credit_note.created', 'credit_note', note));
    if (mapping.status !== 'mapped') throw new Error('not mapped');
    assert.equal(mapping.events.length, 1);
    const [event] = mapping.events;
    assert.equal(event!.type, CreditNoteCreated.type);
    assert.equal(event!.id, 'lago_key-9_credit_note');
    const data = upstreamCreditNoteSchema.parse(event!.data);
    assert.equal(data.id, 'cn-1');
    assert.equal(data.invoice_id, 'inv-1');
    assert.equal(data.external_customer_id, 'cus_lago_42');
    assert.equal(data.refund_status, 'pending');
    assert.equal(data.credit_amount_cents, note.credit_amount_cents);
    assert.deepEqual(data.items, [{ description: 'Startup plan', amount_cents: 1_000 }]);
  });

  test('generated (the file is ready) is an update of the same note', () => {
    const note = lagoCreditNote({ lagoId: 'cn-2' });
    const mapping = map(lagoWebhook('credit_note.generated', 'credit_note', note));
    if (mapping.status !== 'mapped') throw new Error('not mapped');
    assert.equal(mapping.events[0]!.type, CreditNoteUpdated.type);
    assert.equal(upstreamCreditNoteSchema.parse(mapping.events[0]!.data).id, 'cn-2');
  });

  test('a note without its customer is refused, naming what is missing', () => {
    const note = { ...lagoCreditNote(), customer: undefined };
    assert.throws(
      () => map(lagoWebhook('credit_note.created', 'credit_note', note)),
      (error: { details?: { field: string }[] }) =>
        (error.details ?? []).some((detail) => detail.field.startsWith('credit_note.customer')),
    );
  });
});
