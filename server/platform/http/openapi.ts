import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI 3.1 generated from the routes' Zod schemas: /api/openapi.json, browsable at /api/docs. */
export async function installOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Anju API',
        description: 'Anju (安居): services and management for new residents. Errors answer `{ code, message, messageEn, params, requestId }`. Staff log in with POST /api/auth/login; the session cookie is httpOnly and writes need the `x-csrf-token` header from GET /api/auth/me.',
        version,
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'anju_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
}
