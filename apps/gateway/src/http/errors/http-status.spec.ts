import { ErrorCode } from '@portico/contracts';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { httpStatusFor } from './http-status';

test('every error code has an HTTP status, and unavailable services are 503', () => {
  for (const code of Object.values(ErrorCode)) {
    const status = httpStatusFor(code);
    assert.ok(status >= 400 && status < 600, `${code} → ${status}`);
  }
  assert.equal(httpStatusFor(ErrorCode.ServiceTimeout), 503);
  assert.equal(httpStatusFor(ErrorCode.ServiceUnavailable), 503);
  assert.equal(httpStatusFor(ErrorCode.ValidationFailed), 422);
});
