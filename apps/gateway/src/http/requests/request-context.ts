import { Logger } from '@nestjs/common';
import { correlation } from '@portico/messaging';
import type { FastifyInstance } from 'fastify';

const logger = new Logger('HTTP');

/**
 * Runs each request inside its correlation id (the request id, `X-Request-Id` when the caller
 * sent a sane one): every RPC and event it causes carries it, every log line names it. Logs one
 * line per answered request at `debug` (route pattern, never the URL: tokens ride in paths).
 */
export function followRequests(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => correlation.run(request.id, done));
  fastify.addHook('onResponse', async (request, reply) => {
    logger.debug(
      `${request.method} ${request.routeOptions.url ?? '(no route)'} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms`,
    );
  });
}
