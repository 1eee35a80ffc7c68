// The Nest side of the transport against a real broker: `@HandleRpc` / `@HandleEvent` controller
// methods served by AmqpTransport, called through AmqpClientProxy, with Nest's guards,
// interceptors and exception filters running around them and the engines' guarantees kept.
import {
  Catch,
  Controller,
  Injectable,
  Module,
  UseFilters,
  UseGuards,
  UseInterceptors,
  type CallHandler,
  type CanActivate,
  type DynamicModule,
  type ExceptionFilter,
  type ExecutionContext,
  type INestApplicationContext,
  type INestMicroservice,
  type NestInterceptor,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload, RpcException } from '@nestjs/microservices';
import {
  defineEvent,
  defineRpc,
  DomainError,
  ErrorCode,
  type EventData,
  type EventEnvelope,
} from '@portico/contracts';
import { BrokerAdmin, testEnvironment, uniqueNamespace, waitFor } from '@portico/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { lastValueFrom, map, throwError, type Observable } from 'rxjs';
import { z } from 'zod';
import { AmqpClientProxy } from './amqp-client-proxy';
import { AmqpEventContext, AmqpRpcContext } from './amqp-contexts';
import { correlation } from './correlation';
import { EventPublisher } from './event-publisher';
import { HandleEvent, HandleRpc } from './handler.decorators';
import { Header } from './message-headers';
import { createMessagingMicroservice } from './messaging-pipeline';
import { MessagingModule } from './messaging.module';
import type { MessagingOptions } from './messaging-options';
import { ServiceClient } from './service-client';
import { eventsExchangeName, serviceQueueNames } from './topology';

const Shout = defineRpc({
  name: 'customer-service.shout.v1',
  service: 'customer-service',
  request: z.object({
    text: z.string().min(1),
    mode: z.enum(['shout', 'teapot', 'missing', 'crash', 'guarded', 'raised']).default('shout'),
  }),
  response: z.object({
    text: z.string(),
    correlationId: z.string().optional(),
    pattern: z.string(),
  }),
});

const Counted = defineEvent(
  'nest_test.counted',
  z.object({ n: z.number().int(), fail: z.enum(['once', 'rejected']).optional() }),
);

/** Thrown by the handler; only the method's own filter knows it. */
class TeapotError extends Error {}

const seen = {
  interceptor: [] as string[],
  filter: [] as string[],
  events: [] as { n: number; attempt: number; correlationId?: string; handler: string }[],
};

@Injectable()
class ShoutInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    seen.interceptor.push(context.switchToRpc().getContext<AmqpRpcContext>().getPattern());
    return next
      .handle()
      .pipe(
        map((reply) => ({ ...(reply as object), text: `${(reply as { text: string }).text}!` })),
      );
  }
}

@Catch(TeapotError)
class TeapotFilter implements ExceptionFilter {
  catch(exception: TeapotError): Observable<never> {
    seen.filter.push(exception.message);
    return throwError(
      () => new DomainError(ErrorCode.Conflict, `short and stout: ${exception.message}`),
    );
  }
}

@Injectable()
class NotGuardedGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.switchToRpc().getData<{ mode: string }>().mode !== 'guarded') return true;
    throw new DomainError(ErrorCode.Forbidden, 'the guard said no');
  }
}

@Controller()
class ShoutController {
  @HandleRpc(Shout)
  @UseGuards(NotGuardedGuard)
  @UseInterceptors(ShoutInterceptor)
  @UseFilters(TeapotFilter)
  async shout(
    @Payload() request: z.infer<typeof Shout.request>,
    @Ctx() context: AmqpRpcContext,
  ): Promise<z.input<typeof Shout.response> & { secret?: string }> {
    switch (request.mode) {
      case 'teapot':
        throw new TeapotError(request.text);
      case 'missing':
        throw new DomainError(ErrorCode.NotFound, `no customer "${request.text}"`);
      case 'crash':
        throw new Error('secret connection string mongodb://admin:pw@db');
      case 'raised':
        throw new RpcException({ code: ErrorCode.Conflict, message: 'raised the Nest way' });
      default:
        return {
          text: request.text.toUpperCase(),
          correlationId: correlation.current(),
          pattern: context.getPattern(),
          secret: 'never crosses the wire',
        };
    }
  }
}

const failedOnce = new Set<number>();

@Controller()
class CountedConsumer {
  @HandleEvent(Counted)
  async counted(
    @Payload() event: EventEnvelope<EventData<typeof Counted>>,
    @Ctx() context: AmqpEventContext,
  ): Promise<void> {
    if (event.data.fail === 'rejected') {
      throw new DomainError(ErrorCode.ValidationFailed, `n=${event.data.n} is not countable`);
    }
    if (event.data.fail === 'once' && !failedOnce.has(event.data.n)) {
      failedOnce.add(event.data.n);
      throw new Error('database briefly away');
    }
    seen.events.push({
      n: event.data.n,
      attempt: context.attempt,
      correlationId: correlation.current(),
      handler: 'service',
    });
  }
}

const NestTestAnnounced = defineEvent('nest_test.announced', z.object({ n: z.number().int() }));

/** Two controllers hear the same per-instance event: each is called. */
@Controller()
class FirstCache {
  @HandleEvent(NestTestAnnounced, { scope: 'instance' })
  async announced(event: EventEnvelope<EventData<typeof NestTestAnnounced>>): Promise<void> {
    seen.events.push({ n: event.data.n, attempt: 1, handler: 'first' });
  }
}

@Controller()
class SecondCache {
  @HandleEvent(NestTestAnnounced, { scope: 'instance' })
  async announced(event: EventEnvelope<EventData<typeof NestTestAnnounced>>): Promise<void> {
    seen.events.push({ n: event.data.n, attempt: 1, handler: 'second' });
  }
}

@Module({})
class ServiceModule {
  static register(options: MessagingOptions): DynamicModule {
    return {
      module: ServiceModule,
      imports: [MessagingModule.forRoot(options)],
      controllers: [ShoutController, CountedConsumer, FirstCache, SecondCache],
    };
  }
}

/** A handler on a provider, which Nest would ignore without a word. */
@Injectable()
class MisplacedHandler {
  @HandleEvent(NestTestAnnounced, { scope: 'instance' })
  async announced(): Promise<void> {}
}

@Module({})
class CallerModule {
  static register(options: MessagingOptions): DynamicModule {
    return { module: CallerModule, imports: [MessagingModule.forRoot(options)] };
  }
}

describe('the Nest transport over a real broker', () => {
  const namespace = uniqueNamespace();
  const options = (appName: string): MessagingOptions => ({
    url: testEnvironment.amqpUrl,
    namespace,
    appName,
    prefetch: 10,
    queueType: 'classic',
    retryDelayMs: 100,
    maxAttempts: 3,
    rpcTimeoutMs: 5_000,
    shutdownTimeoutMs: 2_000,
    publishTimeoutMs: 10_000,
  });
  const queues = serviceQueueNames(namespace, 'customer-service');
  let service: INestMicroservice;
  let caller: INestApplicationContext;
  let client: ServiceClient;
  let admin: BrokerAdmin;

  beforeAll(async () => {
    service = await createMessagingMicroservice(
      ServiceModule.register(options('customer-service')),
      {
        logger: ['error'],
      },
    );
    await service.listen();
    caller = await NestFactory.createApplicationContext(CallerModule.register(options('gateway')), {
      logger: ['error'],
    });
    await caller.init();
    client = caller.get(ServiceClient);
    admin = await BrokerAdmin.connect(testEnvironment.amqpUrl);
  });

  afterAll(async () => {
    await service.close();
    await caller.close();
    await admin.deleteQueues([queues.events, queues.retry, queues.deadLetter, queues.rpc]);
    await admin.deleteExchanges([eventsExchangeName(namespace)]);
    await admin.close();
  });

  test('an interceptor and the correlation interceptor run around an RPC handler', async () => {
    const reply = await correlation.run('req-nest-1', () => client.call(Shout, { text: 'hi' }));
    assert.deepEqual(reply, {
      text: 'HI!',
      correlationId: 'req-nest-1',
      pattern: Shout.name,
    });
    assert.deepEqual(seen.interceptor.slice(-1), [Shout.name]);
  });

  test("a method's exception filter turns its own error into a domain error", async () => {
    await assert.rejects(client.call(Shout, { text: 'tea', mode: 'teapot' }), {
      code: ErrorCode.Conflict,
      message: 'short and stout: tea',
    });
    assert.deepEqual(seen.filter, ['tea']);
  });

  test('a guard refuses before the handler runs, with its domain error', async () => {
    const before = seen.interceptor.length;
    await assert.rejects(client.call(Shout, { text: 'x', mode: 'guarded' }), {
      code: ErrorCode.Forbidden,
      message: 'the guard said no',
    });
    assert.equal(seen.interceptor.length, before, 'the interceptor never ran');
  });

  test('domain errors keep their code; anything else is internal_error, without secrets', async () => {
    await assert.rejects(client.call(Shout, { text: 'cus_9', mode: 'missing' }), {
      code: ErrorCode.NotFound,
      message: 'no customer "cus_9"',
    });
    await assert.rejects(client.call(Shout, { text: 'x', mode: 'crash' }), (error: DomainError) => {
      assert.equal(error.code, ErrorCode.Internal);
      assert.doesNotMatch(error.message, /mongodb|pw/);
      return true;
    });
  });

  test("Nest's RpcException with one of our codes arrives as that domain error", async () => {
    await assert.rejects(client.call(Shout, { text: 'x', mode: 'raised' }), {
      code: ErrorCode.Conflict,
      message: 'raised the Nest way',
    });
  });

  test('the ClientProxy itself: send(contract, request) is an observable of the reply', async () => {
    const proxy = caller.get(AmqpClientProxy);
    const reply = await lastValueFrom(proxy.send(Shout, { text: 'proxy' }));
    assert.equal((reply as { text: string }).text, 'PROXY!');
  });

  test('an event handler: acked after it ran, retried on a transient failure, run inside the event id', async () => {
    const publisher = caller.get(EventPublisher);
    const id = `evt_${randomUUID()}`;
    await publisher.publish(Counted, {
      id,
      organization_id: 'org_1',
      occurred_at: new Date().toISOString(),
      data: { n: 1, fail: 'once' },
    });
    await waitFor('the retried event', () => seen.events.some((e) => e.n === 1));
    const handled = seen.events.filter((e) => e.n === 1);
    assert.deepEqual(handled, [{ n: 1, attempt: 2, correlationId: id, handler: 'service' }]);
    await waitFor('the queue empty and nothing unacked', async () => {
      return (await admin.messageCount(queues.events)) === 0;
    });
  });

  test('an event handler that rejects its message dead-letters it with the reason', async () => {
    const publisher = caller.get(EventPublisher);
    await publisher.publish(Counted, {
      id: `evt_${randomUUID()}`,
      organization_id: 'org_1',
      occurred_at: new Date().toISOString(),
      data: { n: 2, fail: 'rejected' },
    });
    const letters: Awaited<ReturnType<BrokerAdmin['drain']>> = [];
    await waitFor('the dead letter', async () => {
      letters.push(...(await admin.drain(queues.deadLetter)));
      return letters.length >= 1;
    });
    assert.equal(
      letters[0]!.properties.headers?.[Header.Reason],
      'rejected: validation_errors: n=2 is not countable',
    );
  });

  test('a handler on a provider instead of a controller stops the start with its name', async () => {
    const misplaced = await createMessagingMicroservice(
      {
        module: CallerModule,
        imports: [MessagingModule.forRoot(options('misplaced'))],
        providers: [MisplacedHandler],
      },
      { logger: false, abortOnError: false },
    );
    await assert.rejects(misplaced.listen(), /MisplacedHandler\.announced handles messages/);
    await misplaced.close().catch(() => undefined);
  });

  test('per-instance events reach every controller that handles them', async () => {
    const publisher = caller.get(EventPublisher);
    await publisher.publish(NestTestAnnounced, {
      id: `evt_${randomUUID()}`,
      organization_id: 'org_1',
      occurred_at: new Date().toISOString(),
      data: { n: 3 },
    });
    await waitFor('both handlers', () => seen.events.filter((e) => e.n === 3).length === 2);
    assert.deepEqual(
      seen.events
        .filter((e) => e.n === 3)
        .map((e) => e.handler)
        .sort(),
      ['first', 'second'],
    );
  });
});
