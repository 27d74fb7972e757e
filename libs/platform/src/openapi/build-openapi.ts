import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { API_ERROR_CODES } from '../http/api-error';

/**
 * The OpenAPI document of one service, built from the routes Nest actually registered (so a route
 * cannot be served undocumented) and served at GET /api/openapi.json. Every error is the same
 * {code, message} shape with a stable code.
 */
export function buildOpenApi(app: INestApplication, title: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription('Switchboard HTTP API. Errors are {code, message}; codes are a public contract. Sign in with POST /api/auth/login and send Authorization: Bearer <token>.')
    .setVersion('1')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ApiError: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string', enum: [...API_ERROR_CODES] }, message: { type: 'string' } },
      },
    },
  };
  return document;
}
