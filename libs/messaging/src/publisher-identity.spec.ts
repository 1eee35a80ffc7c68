import type { ConsumeMessage } from 'amqplib';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { brokerUserOf, publisherRefusal, publisherUsername } from './publisher-identity';

const message = (userId: string | undefined, exchange = 'billing.events') =>
  ({ fields: { exchange }, properties: { userId } }) as unknown as ConsumeMessage;
const open = { exchange: 'billing.events', trusted: new Set<string>() };
const strict = { exchange: 'billing.events', trusted: new Set(['portico-gateway']) };

test('a per-organization publisher speaks only for its organization', () => {
  assert.equal(publisherRefusal(message(publisherUsername('org_a')), 'org_a', open), undefined);
  assert.match(
    publisherRefusal(message(publisherUsername('org_a')), 'org_b', open) ?? '',
    /^publisher_not_authorized: broker user "publisher\.org_a" may not publish events for organization "org_b"/,
  );
});

test('with trusted publishers configured, an event without a known user_id is refused', () => {
  assert.equal(publisherRefusal(message('portico-gateway'), 'org_b', strict), undefined);
  assert.match(publisherRefusal(message(undefined), 'org_b', strict) ?? '', /no user_id/);
  assert.match(publisherRefusal(message('someone'), 'org_b', strict) ?? '', /"someone"/);
  assert.equal(publisherRefusal(message(undefined), 'org_b', open), undefined, 'no policy');
});

test('messages back from the retry queue (default exchange) were checked on arrival', () => {
  assert.equal(publisherRefusal(message(undefined, ''), 'org_b', strict), undefined);
});

test('the broker user of a URL, percent-decoded', () => {
  assert.equal(brokerUserOf('amqp://portico%2Dgw:pw@host:5672'), 'portico-gw');
  assert.equal(brokerUserOf('amqp://host:5672'), undefined);
});
