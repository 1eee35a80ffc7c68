import { defineRpc, DomainError, ErrorCode } from '@portico/contracts';
import { testEnvironment, uniqueNamespace } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { z } from 'zod';
import { AmqpConnection } from './amqp-connection';
import { RpcClient } from './rpc-client';
import { RpcServer } from './rpc-server';

const Echo = defineRpc({
  name: 'customer-service.echo.v1',
  service: 'customer-service',
  request: z.object({
    text: z.string().min(1),
    mode: z.enum(['echo', 'missing', 'crash', 'hang', 'leak']).default('echo'),
  }),
  response: z.object({ text: z.string(), correlationId: z.string().optional() }),
});

describe('RPC over a real broker', () => {
  const namespace = uniqueNamespace();
  const timeoutMs = 800;
  let serverConnection: AmqpConnection;
  let clientConnection: AmqpConnection;
  let server: RpcServer;
  let client: RpcClient;

  beforeAll(async () => {
    serverConnection = new AmqpConnection(testEnvironment.amqpUrl, 'rpc-test-server');
    clientConnection = new AmqpConnection(testEnvironment.amqpUrl, 'rpc-test-client');
    await Promise.all([serverConnection.start(10_000), clientConnection.start(10_000)]);
    server = new RpcServer(serverConnection, namespace, 'customer-service', 10);
    server.register(Echo, async (request, context) => {
      switch (request.mode) {
        case 'missing':
          throw new DomainError(ErrorCode.NotFound, `no customer "${request.text}"`);
        case 'crash':
          throw new Error('secret connection string mongodb://admin:pw@db');
        case 'hang':
          return new Promise(() => undefined);
        case 'leak':
          return { text: request.text, passwordHash: 'should never cross the wire' } as never;
        default:
          return { text: request.text, correlationId: context.correlationId };
      }
    });
    await server.start();
    client = new RpcClient(clientConnection, namespace, timeoutMs);
    await client.start();
  });

  afterAll(async () => {
    await server.stop(100);
    await client.stop();
    await serverConnection.close();
    await clientConnection.close();
  });

  test('a request gets its answer, with the correlation id carried along', async () => {
    const reply = await client.call(Echo, { text: 'hello' }, { correlationId: 'req-42' });
    assert.deepEqual(reply, { text: 'hello', correlationId: 'req-42' });
  });

  test('many concurrent requests each get their own answer', async () => {
    const texts = Array.from({ length: 200 }, (_, i) => `t${i}`);
    // What is checked is the pairing of answers, not speed: 200 at once on a loaded CI machine
    // may take longer than the short timeout the other tests need.
    const replies = await Promise.all(
      texts.map((text) => client.call(Echo, { text }, { timeoutMs: 10_000 })),
    );
    assert.deepEqual(
      replies.map((r) => r.text),
      texts,
    );
  });

  test('an invalid request is refused with the field named', async () => {
    await assert.rejects(client.call(Echo, { text: '' }), (error: DomainError) => {
      assert.equal(error.code, ErrorCode.ValidationFailed);
      assert.equal(error.details?.[0]?.field, 'text');
      return true;
    });
  });

  test("a service's domain error arrives with its code", async () => {
    await assert.rejects(client.call(Echo, { text: 'cus_9', mode: 'missing' }), {
      code: ErrorCode.NotFound,
      message: 'no customer "cus_9"',
    });
  });

  test('an unexpected failure becomes internal_error without leaking its message', async () => {
    await assert.rejects(client.call(Echo, { text: 'x', mode: 'crash' }), (error: DomainError) => {
      assert.equal(error.code, ErrorCode.Internal);
      assert.doesNotMatch(error.message, /mongodb|pw/);
      return true;
    });
  });

  test('fields the contract does not name never cross the wire', async () => {
    const reply = await client.call(Echo, { text: 'x', mode: 'leak' });
    assert.deepEqual(reply, { text: 'x' });
  });

  test('a service that does not answer fails within the timeout with a clear error', async () => {
    const started = Date.now();
    await assert.rejects(client.call(Echo, { text: 'x', mode: 'hang' }), (error: DomainError) => {
      assert.equal(error.code, ErrorCode.ServiceTimeout);
      assert.match(
        error.message,
        /customer-service did not answer customer-service\.echo\.v1 within 800 ms/,
      );
      return true;
    });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= timeoutMs && elapsed < timeoutMs + 500, `failed after ${elapsed} ms`);
  });

  test('a stopped service fails fast as unavailable, not after the timeout', async () => {
    await server.stop(100);
    const started = Date.now();
    await assert.rejects(client.call(Echo, { text: 'x' }), (error: DomainError) => {
      assert.equal(error.code, ErrorCode.ServiceUnavailable);
      assert.match(error.message, /no instance is serving/);
      return true;
    });
    assert.ok(
      Date.now() - started < timeoutMs,
      'the unroutable request came back before the timeout',
    );
  });

  test('without a broker connection the call fails at once', async () => {
    const offline = new RpcClient(
      new AmqpConnection('amqp://127.0.0.1:1', 'offline'),
      namespace,
      timeoutMs,
    );
    await assert.rejects(offline.call(Echo, { text: 'x' }), { code: ErrorCode.ServiceUnavailable });
  });
});
