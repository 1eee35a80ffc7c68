import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { withCredentials } from './messaging-config';

test("AMQP credentials given apart replace the URL's, percent-encoded", () => {
  assert.equal(withCredentials('amqp://rabbit:5672'), 'amqp://rabbit:5672');
  assert.equal(
    withCredentials('amqp://guest:guest@rabbit:5672', 'portico', 'p@ss/w:rd'),
    'amqp://portico:p%40ss%2Fw%3Ard@rabbit:5672',
  );
  assert.equal(
    withCredentials('amqps://rabbit:5671/vhost', 'u', 'p'),
    'amqps://u:p@rabbit:5671/vhost',
  );
});
