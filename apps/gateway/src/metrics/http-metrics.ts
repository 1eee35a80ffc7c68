import { collectProcessMetrics } from '@portico/runtime';
import type { FastifyInstance } from 'fastify';
import { Histogram } from 'prom-client';

const httpSeconds = new Histogram({
  name: 'portico_http_request_duration_seconds',
  help: 'HTTP requests answered by the gateway, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

/**
 * Times every response. The label is the route *pattern* (`/customer-portal/:token`), never the
 * URL: tokens and ids stay out of the metrics and the label set stays bounded.
 */
export function recordHttpMetrics(fastify: FastifyInstance): void {
  collectProcessMetrics();
  fastify.addHook('onResponse', async (request, reply) => {
    httpSeconds.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1_000,
    );
  });
}
