import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { attachmentDisposition } from './content-disposition';

test('a plain invoice number is the file name', () => {
  assert.equal(attachmentDisposition('INV-2026-0001'), 'attachment; filename="INV-2026-0001.pdf"');
});

test('path separators, quotes and control characters are replaced', () => {
  assert.equal(attachmentDisposition('../a/b\\c"d\r\ne'), 'attachment; filename="_a_b_c_d_e.pdf"');
});

test('a non-ASCII number gets an ASCII fallback and an RFC 8187 filename*', () => {
  assert.equal(
    attachmentDisposition('請求書-7'),
    `attachment; filename="___-7.pdf"; filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8-7.pdf`,
  );
});
