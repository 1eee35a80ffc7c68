import { z } from 'zod';

/** One event type: its routing key (= `type`) and the schema of its `data`. */
export interface EventContract<
  TType extends string = string,
  TSchema extends z.ZodType = z.ZodType,
> {
  readonly type: TType;
  readonly schema: TSchema;
}

export type EventData<C extends EventContract> = z.output<C['schema']>;

export function defineEvent<TType extends string, TSchema extends z.ZodType>(
  type: TType,
  schema: TSchema,
): EventContract<TType, TSchema> {
  return { type, schema };
}
