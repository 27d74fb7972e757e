import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from './config/app-config';
import { ApiExceptionFilter } from './http/api-exception.filter';

/** Creates a Fastify-based Nest application, initialised and ready to serve (or to be given to
 *  supertest: Fastify must be `ready()` before its server answers). */
export async function createHttpApp(rootModule: unknown): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule as never,
    new FastifyAdapter({ bodyLimit: 1024 * 1024 }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export async function listen(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.listen(config.port, config.host);
}
