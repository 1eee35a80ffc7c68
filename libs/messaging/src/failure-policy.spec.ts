import { DomainError, ErrorCode } from '@portico/contracts';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { describeError, isTransient } from './failure-policy';

test('unknown errors are retried; errors about the message itself are not', () => {
  assert.equal(isTransient(new Error('ECONNRESET')), true);
  assert.equal(isTransient(new DomainError(ErrorCode.ServiceUnavailable, 'db down')), true);
  assert.equal(isTransient(new DomainError(ErrorCode.ValidationFailed, 'bad')), false);
  assert.equal(isTransient(new DomainError(ErrorCode.Conflict, 'dup')), false);
});

test('describeError keeps the code of a domain error', () => {
  assert.equal(
    describeError(new DomainError(ErrorCode.NotFound, 'no such customer')),
    'not_found: no such customer',
  );
  assert.equal(describeError(new TypeError('x is undefined')), 'TypeError: x is undefined');
});
