import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SERVICE_NAME } from '../tokens';
import { buildOpenApi } from './build-openapi';

/** Adds GET /api/openapi.json, open like /health: the contract is no secret. Built once, before
 *  init, from the controllers Nest registered. */
export function serveOpenApi(app: NestFastifyApplication): void {
  const service = serviceName(app);
  const document = buildOpenApi(app, `Switchboard ${service}`);
  app.getHttpAdapter().getInstance().get('/api/openapi.json', async () => document);
}

function serviceName(app: NestFastifyApplication): string {
  try {
    return app.get<string>(SERVICE_NAME, { strict: false });
  } catch {
    // An application without PlatformModule (a test's probe module) still gets its document.
    return 'service';
  }
}
