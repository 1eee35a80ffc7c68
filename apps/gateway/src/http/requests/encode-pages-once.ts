import type { FastifyInstance } from 'fastify';

/** Below this, encoding twice costs less than allocating a Buffer. */
const LARGE = 4_096;

/**
 * Pages are rendered as strings, mostly two-byte ones built by concatenation (any "€" or narrow
 * no-break space makes them so). Sent as a string, Node flattens and scans it for the
 * Content-Length and encodes it again to write it: a quarter of the gateway's CPU per portal
 * page in the profile (`npm run profile:portal`). Encoded once to a Buffer, it is written as is.
 * Content-Type was set from the string before this hook runs.
 */
export function encodePagesOnce(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (_request, _reply, payload) =>
    typeof payload === 'string' && payload.length > LARGE ? Buffer.from(payload, 'utf8') : payload,
  );
}
