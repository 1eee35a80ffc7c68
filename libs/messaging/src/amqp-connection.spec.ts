import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { redactUrl } from './amqp-connection';

test('passwords never reach logs', () => {
  assert.equal(
    redactUrl('amqp://portico:s3cr%40t@rabbit:5672/vh'),
    'amqp://portico:***@rabbit:5672/vh',
  );
  assert.equal(redactUrl('amqp://rabbit:5672'), 'amqp://rabbit:5672');
});
