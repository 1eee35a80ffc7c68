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
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An organization API key' },
      'api-key',
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'PORTICO_ADMIN_TOKEN' },
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
