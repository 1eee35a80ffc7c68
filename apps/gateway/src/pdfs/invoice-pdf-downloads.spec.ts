import { ReplicaCaches, type AmqpConnection, type ServiceClient } from '@portico/messaging';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { customerTag, organizationTag } from '../caching/cache-tags';
import type { GatewayConfig } from '../config/gateway.config';
import { InvoicePdfDownloads } from './invoice-pdf-downloads';

/** A stand-in for the invoice-service: answers like the real handler, records what it was sent. */
function service(pdfs: Map<string, { key: string; pdf: Buffer }>, gate = Promise.resolve()) {
  const sent: Record<string, unknown>[] = [];
  const rpc = {
    call: async (_contract: unknown, request: Record<string, unknown>) => {
      sent.push(request);
      const current = pdfs.get(String(request.invoice_id))!;
      await gate;
      return {
        number: 'INV-1',
        locale: 'en',
        cached: true,
        external_customer_id: 'cus_1',
        key: current.key,
        ...(request.if_none_match !== current.key && {
          pdf_base64: current.pdf.toString('base64'),
        }),
      };
    },
  } as unknown as ServiceClient;
  return { rpc, sent };
}

const config = (pdfCacheBytes: number, pdfConfirmMs = 0) =>
  ({ pdfCacheBytes, pdfConfirmMs, pdfRpcTimeoutMs: 1_000 }) as GatewayConfig;
const request = (invoice_id: string, external_customer_id?: string) => ({
  organization_id: 'org_1',
  invoice_id,
  ...(external_customer_id && { external_customer_id }),
});
const replicaCaches = () => new ReplicaCaches({ on: () => undefined } as unknown as AmqpConnection);

describe('PDF downloads through the gateway', () => {
  test('a repeat sends the held key and serves the held bytes when the service confirms them', async () => {
    const pdfs = new Map([['inv_1', { key: 'k1', pdf: Buffer.from('%PDF-one') }]]);
    const { rpc, sent } = service(pdfs);
    const downloads = new InvoicePdfDownloads(rpc, replicaCaches(), config(1_024));
    const first = await downloads.download(request('inv_1'));
    assert.equal(first.source, 'service');
    assert.equal(sent[0]!.if_none_match, undefined);
    const second = await downloads.download(request('inv_1'));
    assert.equal(sent[1]!.if_none_match, 'k1');
    assert.equal(second.source, 'gateway');
    assert.equal(second.pdf.toString(), '%PDF-one');
  });

  test('a changed PDF replaces the held one', async () => {
    const pdfs = new Map([['inv_1', { key: 'k1', pdf: Buffer.from('%PDF-one') }]]);
    const { rpc } = service(pdfs);
    const downloads = new InvoicePdfDownloads(rpc, replicaCaches(), config(1_024));
    await downloads.download(request('inv_1'));
    pdfs.set('inv_1', { key: 'k2', pdf: Buffer.from('%PDF-two') });
    const changed = await downloads.download(request('inv_1'));
    assert.equal(changed.source, 'service');
    assert.equal(changed.pdf.toString(), '%PDF-two');
    assert.equal((await downloads.download(request('inv_1'))).pdf.toString(), '%PDF-two');
  });

  test('held bytes stay within the budget: the least recently used PDF goes first', async () => {
    const pdfs = new Map(
      ['a', 'b', 'c'].map((id) => [id, { key: `k${id}`, pdf: Buffer.alloc(400, id) }]),
    );
    const { rpc, sent } = service(pdfs);
    const downloads = new InvoicePdfDownloads(rpc, replicaCaches(), config(1_000));
    for (const id of ['a', 'b', 'c']) await downloads.download(request(id));
    sent.length = 0;
    await downloads.download(request('a'));
    await downloads.download(request('c'));
    assert.equal(sent[0]!.if_none_match, undefined, 'a was evicted to make room for c');
    assert.equal(sent[1]!.if_none_match, 'kc');
  });

  test('a PDF larger than the budget, or a budget of 0, is never held', async () => {
    const pdfs = new Map([['big', { key: 'kb', pdf: Buffer.alloc(2_000) }]]);
    for (const budget of [1_000, 0]) {
      const { rpc, sent } = service(pdfs);
      const downloads = new InvoicePdfDownloads(rpc, replicaCaches(), config(budget));
      await downloads.download(request('big'));
      await downloads.download(request('big'));
      assert.equal(sent[1]!.if_none_match, undefined, `budget ${budget}`);
    }
  });

  test('no bytes for a key this gateway does not hold is an error, never an empty PDF', async () => {
    const rpc = {
      call: async () => ({ number: 'INV-1', locale: 'en', cached: true, key: 'other' }),
    } as unknown as ServiceClient;
    const downloads = new InvoicePdfDownloads(rpc, replicaCaches(), config(1_024));
    await assert.rejects(downloads.download(request('inv_1')), /sent no PDF/);
  });
});

describe('a PDF the service confirmed current, served again without asking', () => {
  const setup = (confirmMs = 60_000, gate?: Promise<void>) => {
    const pdfs = new Map([['inv_1', { key: 'k1', pdf: Buffer.from('%PDF-one') }]]);
    const { rpc, sent } = service(pdfs, gate);
    const caches = replicaCaches();
    const downloads = new InvoicePdfDownloads(rpc, caches, config(1_024, confirmMs));
    return { pdfs, sent, caches, downloads };
  };

  test('a repeat in the same scope asks nobody and serves the held bytes', async () => {
    const { sent, downloads } = setup();
    await downloads.download(request('inv_1', 'cus_1'));
    const again = await downloads.download(request('inv_1', 'cus_1'));
    assert.equal(sent.length, 1);
    assert.equal(again.source, 'gateway');
    assert.equal(again.pdf.toString(), '%PDF-one');
  });

  test('another scope is asked about: the service decides whether that caller may see it', async () => {
    const { sent, downloads } = setup();
    await downloads.download(request('inv_1', 'cus_1'));
    await downloads.download(request('inv_1', 'cus_2'));
    await downloads.download(request('inv_1'));
    assert.deepEqual(
      sent.map((r) => r.external_customer_id),
      ['cus_1', 'cus_2', undefined],
    );
  });

  test("a change announced for the invoice's customer or organization ends the confirmation", async () => {
    const { pdfs, sent, caches, downloads } = setup();
    for (const tag of [customerTag('org_1', 'cus_1'), organizationTag('org_1')]) {
      await downloads.download(request('inv_1', 'cus_1'));
      pdfs.set('inv_1', { key: `after ${tag}`, pdf: Buffer.from(`%PDF-${tag}`) });
      caches.invalidate(tag);
      const changed = await downloads.download(request('inv_1', 'cus_1'));
      assert.equal(changed.pdf.toString(), `%PDF-${tag}`, tag);
    }
    assert.equal(sent.length, 3, 'the second round began from a confirmed PDF');
  });

  test('an answer fetched while a change was announced is used once, not kept', async () => {
    let release!: () => void;
    const { sent, caches, downloads } = setup(60_000, new Promise((r) => (release = r)));
    const first = downloads.download(request('inv_1', 'cus_1'));
    caches.invalidate(customerTag('org_1', 'cus_1'));
    release();
    await first;
    await downloads.download(request('inv_1', 'cus_1'));
    assert.equal(sent.length, 2, 'asked again');
  });

  test('PDF_GATEWAY_CONFIRM_SECONDS=0: every download asks', async () => {
    const { sent, downloads } = setup(0);
    await downloads.download(request('inv_1', 'cus_1'));
    await downloads.download(request('inv_1', 'cus_1'));
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.if_none_match, 'k1');
  });

  test('the confirmation expires', async () => {
    const { sent, downloads } = setup(20);
    await downloads.download(request('inv_1', 'cus_1'));
    await new Promise((resolve) => setTimeout(resolve, 40));
    await downloads.download(request('inv_1', 'cus_1'));
    assert.equal(sent.length, 2);
  });
});
