import { DomainError, ErrorCode } from '@portico/contracts';
import { pdfText, testEnvironment } from '@portico/testing';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { PdfRenderer, type PdfDocument } from './pdf-renderer';

const footerTemplate = '<div style="font-size:8pt">p. <span class="pageNumber"></span></div>';
const doc = (body: string): PdfDocument => ({
  html: `<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`,
  footerTemplate,
});
const renderer = (options: Partial<ConstructorParameters<typeof PdfRenderer>[0]> = {}) =>
  new PdfRenderer({
    chromiumPath: testEnvironment.chromiumPath,
    concurrency: 2,
    queueLimit: 100,
    renderTimeoutMs: 10_000,
    ...options,
  });
const isCode = (code: ErrorCode) => (error: unknown) =>
  error instanceof DomainError && error.code === code;

describe('PDF renderer (real Chromium)', () => {
  let listener: Server;
  let port = 0;
  const hits: string[] = [];

  beforeAll(async () => {
    listener = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end('body{color:red}');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as AddressInfo).port;
  });
  afterAll(() => {
    listener.close();
  });

  test('no script runs and no request leaves the page, even from raw HTML', async () => {
    const pdfs = renderer();
    try {
      const pdf = await pdfs.render(
        doc(
          `<p>visible</p><script>document.body.append('SCRIPT RAN')</script>` +
            `<img src="http://127.0.0.1:${port}/img"><link rel="stylesheet" href="http://127.0.0.1:${port}/css">` +
            `<iframe src="http://127.0.0.1:${port}/frame"></iframe>` +
            `<div style="background:url(http://127.0.0.1:${port}/bg)">bg</div>`,
        ),
      );
      const text = await pdfText(pdf);
      assert.ok(text.includes('visible'));
      assert.ok(!text.includes('SCRIPT RAN'), text);
      await sleep(200);
      assert.deepEqual(hits, []);
    } finally {
      await pdfs.close(5_000);
    }
  });

  test('Chromium killed mid-stream: the renders after it succeed', async () => {
    const pdfs = renderer();
    try {
      await pdfs.warmUp();
      const results: PromiseSettledResult<Buffer>[] = [];
      const stream = (async () => {
        for (let i = 0; i < 30; i++) {
          const batch = await Promise.allSettled([
            pdfs.render(doc(`<p>invoice ${i}a</p>`)),
            pdfs.render(doc(`<p>invoice ${i}b</p>`)),
          ]);
          results.push(...batch);
        }
      })();
      await sleep(300);
      const pid = await pdfs.browserPid();
      assert.ok(pid);
      process.kill(pid, 'SIGKILL');
      await stream;
      const killedAt = results.length;
      // Renders in flight at the kill are tried once more on a new browser; all later ones work.
      const failed = results.filter((r) => r.status === 'rejected');
      assert.deepEqual(
        failed.map((f) => String((f as PromiseRejectedResult).reason)),
        [],
        `${failed.length} of ${killedAt} failed`,
      );
      assert.notEqual(await pdfs.browserPid(), pid, 'a new browser');
      const after = await pdfs.render(doc('<p>after the crash</p>'));
      assert.ok((await pdfText(after)).includes('after the crash'));
    } finally {
      await pdfs.close(5_000);
    }
  });

  test('a hung browser: the render times out with a clear error, the next one succeeds', async () => {
    const pdfs = renderer({ renderTimeoutMs: 1_500 });
    try {
      await pdfs.warmUp();
      const pid = (await pdfs.browserPid())!;
      process.kill(pid, 'SIGSTOP');
      const started = Date.now();
      await assert.rejects(pdfs.render(doc('<p>hangs</p>')), (error: unknown) => {
        assert.ok(isCode(ErrorCode.PdfRenderTimeout)(error), String(error));
        assert.match((error as Error).message, /took longer than 1500 ms/);
        return true;
      });
      assert.ok(Date.now() - started < 6_000, 'gave up in time');
      const next = await pdfs.render(doc('<p>after the hang</p>'));
      assert.ok((await pdfText(next)).includes('after the hang'));
      assert.notEqual(await pdfs.browserPid(), pid);
    } finally {
      await pdfs.close(5_000);
    }
  });

  test('back-pressure: beyond the pages and the queue, a render is refused as busy', async () => {
    const pdfs = renderer({ concurrency: 1, queueLimit: 2 });
    try {
      await pdfs.warmUp();
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => pdfs.render(doc(`<p>${i}</p>`))),
      );
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const busy = results.filter(
        (r) => r.status === 'rejected' && isCode(ErrorCode.PdfRendererBusy)(r.reason),
      );
      assert.equal(fulfilled.length, 3);
      assert.equal(busy.length, 7);
    } finally {
      await pdfs.close(5_000);
    }
  });

  test('close lets queued and in-flight renders finish, then refuses new ones', async () => {
    const pdfs = renderer({ concurrency: 1 });
    await pdfs.warmUp();
    const inFlight = Array.from({ length: 4 }, (_, i) => pdfs.render(doc(`<p>${i}</p>`)));
    await sleep(10);
    const closing = pdfs.close(20_000);
    await assert.rejects(pdfs.render(doc('<p>late</p>')), isCode(ErrorCode.ServiceUnavailable));
    const done = await Promise.all(inFlight);
    for (const pdf of done) assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await closing;
  });
});
