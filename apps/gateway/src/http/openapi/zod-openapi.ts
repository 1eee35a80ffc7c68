import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';

type SchemaObject = Record<string, unknown>;

/**
 * OpenAPI from the same zod schemas that validate the requests, so the documentation cannot
 * drift from what the API accepts.
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as SchemaObject;
  delete json.$schema;
  return json;
}

export const ApiZodBody = (schema: z.ZodType) =>
  ApiBody({ schema: openApiSchema(schema, 'input') as never });

export const ApiZodResponse = (status: number, description: string, schema: z.ZodType) =>
  ApiResponse({ status, description, schema: openApiSchema(schema, 'output') as never });

const errorSchema = z.object({
  status: z.number().int(),
  error: z.string(),
  code: z.string(),
  message: z.string(),
  error_details: z.record(z.string(), z.array(z.string())).optional(),
});

/** The error answers a route can give, all in the one API error shape. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        schema: openApiSchema(errorSchema, 'output') as never,
      }),
    ),
  );

const DESCRIPTIONS: Record<number, string> = {
  401: 'Missing, invalid or revoked credentials',
  404: 'Not found (code tells what: customer_not_found, organization_not_found …)',
  409: 'Conflict',
  422: 'Invalid input; error_details names each field',
  503: 'A service did not answer in time',
};
