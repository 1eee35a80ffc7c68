import type { FastifyInstance } from 'fastify';

/**
 * A request whose body has not fully arrived within `timeoutMs` gets a 408 and its connection is
 * closed. Node's own `requestTimeout` (set too) stops checking once the headers are in and the
 * request is handed over, so a body sent a byte every few seconds would hold a connection and a
 * parser open indefinitely; this deadline covers the body.
 */
export function cutOffSlowRequests(fastify: FastifyInstance, timeoutMs: number): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const timer = setTimeout(() => {
      if (request.raw.complete) return;
      const socket = request.raw.socket;
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(408, {
          'content-type': 'application/json; charset=utf-8',
          connection: 'close',
        });
        reply.raw.end(
          JSON.stringify({
            status: 408,
            error: 'Request Timeout',
            code: 'request_timeout',
            message: `the request was not received within ${timeoutMs} ms`,
          }),
          () => socket.destroy(),
        );
      } else {
        socket.destroy();
      }
    }, timeoutMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    request.raw.once('end', clear);
    reply.raw.once('finish', clear);
    reply.raw.once('close', clear);
    done();
  });
}
