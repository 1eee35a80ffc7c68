import type { FastifyBodyParser, FastifyInstance } from 'fastify';
import { jsonDepthExceeds, tooDeep } from './json-depth';

/** Route config flag (`@RouteConfig({ [RAW_BODY]: true })`): the handler gets the body unparsed. */
export const RAW_BODY = 'rawBody';

/**
 * The JSON body parser of the whole app: Fastify's own (prototype-poisoning checks included),
 * except on routes that must see the exact bytes first — a signed webhook is verified on what
 * was sent, and nothing is parsed before the signature holds. No body nested deeper than
 * JSON_MAX_DEPTH is parsed at all (a 422 naming the limit).
 */
export function jsonUnlessRawBody(
  instance: FastifyInstance,
  maxDepth: number,
): FastifyBodyParser<Buffer> {
  // Typed for strings, works on the Buffer that `parseAs: 'buffer'` hands over.
  const json = instance.getDefaultJsonParser(
    'error',
    'error',
  ) as unknown as FastifyBodyParser<Buffer>;
  return (request, body, done) => {
    // Every JSON body, raw ones too: their handlers parse them after the signature check.
    if (jsonDepthExceeds(body, maxDepth)) {
      done(tooDeep(maxDepth), undefined);
      return;
    }
    if ((request.routeOptions.config as unknown as Record<string, unknown>)[RAW_BODY] === true) {
      done(null, body);
      return;
    }
    // Lago's SDKs send `Content-Type: application/json` with no body on DELETE and on
    // POST /invoices/:id/download: that is an absent body, not invalid JSON.
    if (body.length === 0) {
      done(null, undefined);
      return;
    }
    json(request, body, done);
  };
}
