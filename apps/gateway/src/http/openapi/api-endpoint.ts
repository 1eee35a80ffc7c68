import { applyDecorators, StandardSchemaValidationPipe } from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { DomainError, ErrorCode, detailsFromIssues } from '@portico/contracts';
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';

/** The one error shape of the API (ApiErrorFilter), as a named component. */
export const apiErrorSchema = z
  .object({
    status: z.number().int(),
    error: z.string(),
    code: z.string(),
    message: z.string(),
    error_details: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .describe("422 only: each invalid field and Lago's codes for it (value_is_mandatory, …)"),
  })
  .meta({ id: 'Error' });

/** Every error status an API route can answer, what it means and an example of it. */
export const ERROR_STATUSES = {
  400: ['bad_request', 'The body is not JSON', 'body is not valid JSON'],
  401: ['unauthorized', 'Missing, invalid or revoked API key', 'missing or invalid API key'],
  403: ['forbidden', 'Not allowed', 'forbidden'],
  404: ['customer_not_found', 'Not found; `code` says what', 'customer "cus_9" not found'],
  409: [
    'conflict',
    'Changed concurrently; retry',
    'customer "cus_42" is being changed concurrently',
  ],
  413: ['payload_too_large', 'The body is over BODY_LIMIT_BYTES', 'Request body is too large'],
  422: ['validation_errors', 'Invalid input; error_details names each field', 'invalid request'],
  429: [
    'too_many_requests',
    'Too many requests for this API key (RATE_LIMIT_API per window); retry after `Retry-After`',
    'too many requests; retry in 42 s',
  ],
  503: [
    'service_unavailable',
    'A service is down or did not answer in time',
    'customer-service did not answer',
  ],
} as const satisfies Record<number, readonly [string, string, string]>;
export type ErrorStatus = keyof typeof ERROR_STATUSES;

/** What every authenticated /api/v1 route can answer whatever it does. */
export const COMMON_API_ERRORS = [400, 401, 413, 429, 503] as const satisfies ErrorStatus[];

export interface EndpointDoc {
  summary: string;
  description: string;
  /** The request body's example (the body's schema comes from `@Body({ schema })`). */
  requestExample?: { schema: z.ZodType; value: unknown };
  response: { status?: number; description: string; schema: z.ZodType; example: unknown };
  errors: readonly ErrorStatus[];
}

/**
 * One operation of the OpenAPI document, from the zod schemas that validate and shape it: the
 * query, path and body parameters come from `@Query/@Param/@Body({ schema })` (Nest's own
 * Standard Schema support), the answers from here. Examples are checked against their schema
 * when the class is loaded, so a wrong example fails at boot, not in a reader's hands.
 */
export function ApiEndpoint(doc: EndpointDoc): MethodDecorator {
  const status = doc.response.status ?? 200;
  checkExample(doc.response.schema, doc.response.example, `${doc.summary}: response example`);
  if (doc.requestExample) {
    checkExample(
      doc.requestExample.schema,
      doc.requestExample.value,
      `${doc.summary}: request example`,
    );
  }
  const errors = [...new Set([...COMMON_API_ERRORS, ...doc.errors])].sort((a, b) => a - b);
  return applyDecorators(
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ...(doc.requestExample
      ? [
          ApiBody({
            standardSchema: doc.requestExample.schema,
            examples: { example: { summary: 'Example', value: doc.requestExample.value } },
          } as never),
        ]
      : []),
    ApiResponse({
      status,
      description: doc.response.description,
      standardSchema: doc.response.schema,
      example: doc.response.example,
    }),
    ...errors.map((code) => ApiErrorResponse(code)),
  );
}

export function ApiErrorResponse(status: ErrorStatus): MethodDecorator & ClassDecorator {
  const [code, description, message] = ERROR_STATUSES[status];
  const example = {
    status,
    error: STATUS_CODES[status]!,
    code,
    message,
    ...(status === 422 && { error_details: { 'customer.email': ['invalid_format'] } }),
  };
  return ApiResponse({
    status,
    description,
    standardSchema: apiErrorSchema,
    example,
    ...(status === 429 && { headers: RATE_LIMIT_HEADERS }),
  });
}

/** What a 429 carries (RateLimiter), named as Lago names them: its SDKs read them to back off. */
export const RATE_LIMIT_HEADERS = {
  'Retry-After': {
    description: 'Seconds until the window resets and a request is counted again',
    schema: { type: 'integer', example: 42 },
  },
  'x-ratelimit-limit': {
    description: 'Requests allowed per window for this API key',
    schema: { type: 'integer', example: 600 },
  },
  'x-ratelimit-remaining': {
    description: 'Requests left in the current window (0 on a 429)',
    schema: { type: 'integer', example: 0 },
  },
  'x-ratelimit-reset': {
    description: 'Seconds until the current window resets',
    schema: { type: 'integer', example: 42 },
  },
} as const;

function checkExample(schema: z.ZodType, example: unknown, what: string): void {
  const result = schema.safeParse(example);
  if (!result.success)
    throw new Error(`${what} does not match its schema: ${result.error.message}`);
}

/**
 * Validates a parameter with the schema given to its decorator (`@Query({ schema, pipes })`),
 * answering 422 with Lago's `error_details`. An absent body is an empty one, so that a client
 * sending `Content-Type: application/json` and nothing else gets the same answer as one that
 * sends `{}`.
 */
export class SchemaValidationPipe extends StandardSchemaValidationPipe {
  constructor(what: string) {
    super({
      exceptionFactory: (issues) =>
        new DomainError(ErrorCode.ValidationFailed, `invalid ${what}`, detailsFromIssues(issues)),
    });
  }

  override transform<T>(value: T, metadata: ArgumentMetadata): Promise<T> {
    return super.transform((metadata.type === 'body' ? (value ?? {}) : value) as T, metadata);
  }
}

export const validBody = new SchemaValidationPipe('request body');
export const validQuery = new SchemaValidationPipe('query');
export const validParam = new SchemaValidationPipe('path parameter');
