import type { ServiceClient } from '@portico/messaging';
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import type { GatewayConfig } from '../config/gateway.config';
import { InvoicePdfDownloads } from './invoice-pdf-downloads';

/** A stand-in for the invoice-service: answers like the real handler, records what it was sent. */
function service(pdfs: Map<string, { key: string; pdf: Buffer }>) {
  const sent: Record<string, unknown>[] = [];
  const rpc = {
    call: async (_contract: unknown, request: Record<string, unknown>) => {
      sent.push(request);
      const current = pdfs.get(String(request.invoice_id))!;
      return {
        number: 'INV-1',
        locale: 'en',
        cached: true,
        key: current.key,
        ...(request.if_none_match !== current.key && {
          pdf_base64: current.pdf.toString('base64'),
        }),
      };
    },
  } as unknown as ServiceClient;
  return { rpc, sent };
}

const config = (pdfCacheBytes: number) =>
  ({ pdfCacheBytes, pdfRpcTimeoutMs: 1_000 }) as GatewayConfig;
const request = (invoice_id: string) => ({ organization_id: 'org_1', invoice_id });

describe('PDF downloads through the gateway', () => {
  test('a repeat sends the held key and serves the held bytes when the service confirms them', async () => {
    const pdfs = new Map([['inv_1', { key: 'k1', pdf: Buffer.from('%PDF-one') }]]);
    const { rpc, sent } = service(pdfs);
    const downloads = new InvoicePdfDownloads(rpc, config(1_024));
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
    const downloads = new InvoicePdfDownloads(rpc, config(1_024));
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
    const downloads = new InvoicePdfDownloads(rpc, config(1_000));
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
      const downloads = new InvoicePdfDownloads(rpc, config(budget));
      await downloads.download(request('big'));
      await downloads.download(request('big'));
      assert.equal(sent[1]!.if_none_match, undefined, `budget ${budget}`);
    }
  });

  test('no bytes for a key this gateway does not hold is an error, never an empty PDF', async () => {
    const rpc = {
      call: async () => ({ number: 'INV-1', locale: 'en', cached: true, key: 'other' }),
    } as unknown as ServiceClient;
    const downloads = new InvoicePdfDownloads(rpc, config(1_024));
    await assert.rejects(downloads.download(request('inv_1')), /sent no PDF/);
  });
});
