import { BadRequestException } from '@nestjs/common';

/**
 * A raw body as JSON, or the API's 400 `bad_request` (what Fastify answers on the other routes).
 * `__proto__` keys are dropped, as Fastify's parser refuses them: copied onto another object, one
 * would replace its prototype.
 */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'), (key, value: unknown) =>
      key === '__proto__' ? undefined : value,
    );
  } catch (error) {
    throw new BadRequestException(`body is not valid JSON: ${(error as Error).message}`);
  }
}
