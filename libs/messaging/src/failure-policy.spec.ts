import { DomainError, ErrorCode } from '@portico/contracts';
import {
  MongoBulkWriteError,
  MongoNetworkError,
  MongoServerError,
  MongoServerSelectionError,
} from 'mongodb';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { describeError, failureClass } from './failure-policy';

function named(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name }, extra);
}

test('errors about the message itself are dead-lettered at once', () => {
  assert.equal(failureClass(new DomainError(ErrorCode.ValidationFailed, 'bad')), 'message');
  assert.equal(failureClass(new DomainError(ErrorCode.Conflict, 'dup')), 'message');
});

test('a dependency away is an infrastructure failure, whatever shape the driver gives it', () => {
  assert.equal(
    failureClass(new DomainError(ErrorCode.ServiceUnavailable, 'down')),
    'infrastructure',
  );
  assert.equal(failureClass(named('MongoServerSelectionError', 'no server')), 'infrastructure');
  assert.equal(failureClass(named('MongoNetworkError', 'socket closed')), 'infrastructure');
  assert.equal(
    failureClass(named('MongoServerError', 'failed to connect to host=127.0.0.1', { code: 1 })),
    'infrastructure',
  );
  assert.equal(failureClass(named('Error', 'x', { code: 'ECONNREFUSED' })), 'infrastructure');
  assert.equal(
    failureClass(
      named('MongoBulkWriteError', 'connection 3 to 127.0.0.1:35665 closed', { writeErrors: [] }),
    ),
    'infrastructure',
  );
  assert.equal(
    failureClass(named('MongooseError', 'Operation `invoices.findOne()` buffering timed out')),
    'infrastructure',
  );
  const wrapped = new Error('write failed', { cause: named('MongoNetworkTimeoutError', 't') });
  assert.equal(failureClass(wrapped), 'infrastructure');
});

// The driver's own classes, built as its bulk path builds them (bulk/common.ts): a failure that is
// not the server's answer is wrapped whole, its class kept only as `errorResponse`.
function bulkWrapping(error: Error): MongoBulkWriteError {
  return new MongoBulkWriteError(error as never, {} as never);
}

test('a bulk write that found no server is an outage, not a fault of its documents', () => {
  // What a write gets once the heartbeat saw the database go: the monitor's own connection
  // names itself `<monitor>`. Classed `unknown`, it sent every waiting message to the retry queue.
  const noServer = new MongoServerSelectionError('connection <monitor> to 127.0.0.1:46443 closed', {
    type: 'Single',
    servers: new Map(),
  } as never);
  assert.equal(failureClass(bulkWrapping(noServer)), 'infrastructure');
  const refused = new MongoServerSelectionError('connect ECONNREFUSED 127.0.0.1:1', {
    type: 'Single',
    servers: new Map(),
  } as never);
  assert.equal(failureClass(bulkWrapping(refused)), 'infrastructure');
  assert.equal(
    failureClass(bulkWrapping(new MongoNetworkError('connection 23 to 127.0.0.1:46443 closed'))),
    'infrastructure',
  );
});

test('a bulk write the server refused for a document is not an outage', () => {
  const refused = new MongoBulkWriteError(
    { message: 'invalid document', code: 2, writeErrors: [{ index: 0, code: 2 }] } as never,
    {} as never,
  );
  assert.equal(failureClass(refused), 'unknown');
  assert.equal(
    failureClass(bulkWrapping(new MongoServerError({ message: 'bad value', code: 2 }))),
    'unknown',
  );
});

test('what cannot be told apart is retried a few times; an unknown organization is held', () => {
  assert.equal(failureClass(new TypeError('x is undefined')), 'unknown');
  assert.equal(failureClass(named('MongoServerError', 'invalid document', { code: 2 })), 'unknown');
  assert.equal(failureClass(new DomainError(ErrorCode.OrganizationNotFound, 'org_x')), 'held');
});

test('describeError keeps the code of a domain error', () => {
  assert.equal(
    describeError(new DomainError(ErrorCode.NotFound, 'no such customer')),
    'not_found: no such customer',
  );
  assert.equal(describeError(new TypeError('x is undefined')), 'TypeError: x is undefined');
});
