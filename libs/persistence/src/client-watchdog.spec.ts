import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from '@jest/globals';
import type { Connection } from 'mongoose';
import { DatabaseClientWatchdog, type DatabaseClientSettings } from './client-watchdog';

const settings: DatabaseClientSettings = {
  uri: 'mongodb://127.0.0.1:1/',
  options: { dbName: 'db', heartbeatFrequencyMS: 10_000, connectTimeoutMS: 10_000 },
};

/** A mongoose connection whose client is an event emitter; reopening swaps the client. */
function fakeConnection() {
  let client = new EventEmitter();
  const opened: unknown[][] = [];
  const connection = {
    getClient: () => client,
    close: async () => undefined,
    openUri: async (...args: unknown[]) => {
      opened.push(args);
      client = new EventEmitter();
    },
  };
  return { connection: connection as unknown as Connection, opened, client: () => client };
}

function watchdogAt(connection: Connection) {
  let now = 0;
  const watchdog = new DatabaseClientWatchdog(connection, settings);
  watchdog.now = () => now;
  watchdog.onModuleInit();
  return {
    watchdog,
    advance: (ms: number) => (now += ms),
  };
}

test('a monitor heard every interval, succeeding or failing, is left alone', async () => {
  const fake = fakeConnection();
  const { watchdog, advance } = watchdogAt(fake.connection);
  for (let i = 0; i < 20; i++) {
    advance(10_000);
    fake.client().emit(i < 10 ? 'serverHeartbeatSucceeded' : 'serverHeartbeatFailed');
    assert.equal(await watchdog.check(), false);
  }
  assert.equal(fake.opened.length, 0);
  watchdog.onModuleDestroy();
});

test('a silent monitor gets a new client, opened as the module opened it, and is watched again', async () => {
  const fake = fakeConnection();
  const { watchdog, advance } = watchdogAt(fake.connection);
  const old = fake.client();
  fake.client().emit('serverHeartbeatStarted');
  advance(watchdog.silenceLimitMs);
  assert.equal(await watchdog.check(), false, 'not before the limit');
  advance(1);
  assert.equal(await watchdog.check(), true);
  assert.deepEqual(fake.opened, [[settings.uri, settings.options]]);
  assert.equal(old.listenerCount('serverHeartbeatStarted'), 0, 'the old client is forgotten');

  advance(watchdog.silenceLimitMs);
  fake.client().emit('serverHeartbeatSucceeded');
  advance(watchdog.silenceLimitMs);
  assert.equal(await watchdog.check(), false, "the new client's heartbeats are heard");
  watchdog.onModuleDestroy();
});

test('the silence limit leaves room for an interval and a check timing out', () => {
  const { watchdog } = watchdogAt(fakeConnection().connection);
  assert.ok(watchdog.silenceLimitMs > 10_000 + 2 * 10_000);
  watchdog.onModuleDestroy();
});
