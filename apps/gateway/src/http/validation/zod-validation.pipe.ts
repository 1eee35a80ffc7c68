import type { PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode, detailsFromZod } from '@portico/contracts';
import type { z } from 'zod';

/**
 * Validates a request part with a schema from `libs/contracts`, the same schema the service
 * checks again: unknown fields are dropped (zod objects strip them), every invalid field is named.
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly what = 'request body',
  ) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    throw new DomainError(
      ErrorCode.ValidationFailed,
      `invalid ${this.what}`,
      detailsFromZod(result.error),
    );
  }
}
