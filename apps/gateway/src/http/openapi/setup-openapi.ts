import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs/json';

export function buildOpenApiDocument(app: INestApplication, publicUrl: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Portico API')
    .setDescription(
      'Customers, document languages and customer-portal URLs (Lago-compatible paths and shapes), ' +
        'events over HTTP, the Lago webhook bridge, and the admin API for organizations.',
    )
    .setVersion('1')
    .addServer(publicUrl)
    // Both are opaque random strings, not JWTs: nothing is to be decoded from them.
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description:
          'An organization API key (`ptk_…`, 256 random bits): an opaque token, not a JWT. ' +
          'Issued by the admin API; it decides the organization.',
      },
      'api-key',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'PORTICO_ADMIN_TOKEN, an opaque secret set by whoever runs Portico',
      },
      'admin-token',
    )
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves the interactive docs at /api/docs and the document itself at /api/docs/json. */
export function setupOpenApi(app: INestApplication, publicUrl: string): void {
  const document = buildOpenApiDocument(app, publicUrl);
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'api/docs/yaml',
  });
}
