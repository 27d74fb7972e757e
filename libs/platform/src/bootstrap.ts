import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from './config/app-config';
import { HealthRegistry } from './health/health-registry';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { serveOpenApi } from './openapi/serve-openapi';

/** Creates a Fastify-based Nest application, initialised and ready to serve (or to be given to
 *  supertest: Fastify must be `ready()` before its server answers). Signals are not handled here:
 *  `listen` does that for the service processes; tests close their applications themselves. */
export async function createHttpApp(rootModule: unknown): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule as never,
    new FastifyAdapter({ bodyLimit: 1024 * 1024 }),
    // abortOnError false: a failing start throws to the caller (main logs it and exits 1; a test
    // sees the error) instead of Nest calling process.exit itself.
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ApiExceptionFilter());
  serveOpenApi(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export interface ShutdownOptions {
  /**
   * After SIGTERM the process reports not ready for this long before it stops: Kubernetes takes a
   * moment to remove the pod from its Service, and requests routed meanwhile are still served.
   */
  readonly drainDelayMs: number;
  /** Give up on a clean stop after this long (keep it below terminationGracePeriodSeconds). */
  readonly timeoutMs: number;
  /** Runs after the application is closed (the single process stops its PBX simulator here). */
  readonly afterClose?: () => Promise<void>;
}

/** SHUTDOWN_DRAIN_DELAY_MS and SHUTDOWN_TIMEOUT_MS, with the defaults the manifests assume. */
export function shutdownOptions(env: NodeJS.ProcessEnv = process.env): ShutdownOptions {
  return {
    drainDelayMs: millis(env['SHUTDOWN_DRAIN_DELAY_MS'], 0, 'SHUTDOWN_DRAIN_DELAY_MS'),
    timeoutMs: millis(env['SHUTDOWN_TIMEOUT_MS'], 25_000, 'SHUTDOWN_TIMEOUT_MS'),
  };
}

function millis(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
}

/**
 * Serves HTTP and stops gracefully on SIGTERM or SIGINT: readiness turns 503 at once (no new
 * traffic), then Nest's shutdown hooks run in their order — consumers stop after the message in
 * hand is handled and acked, the gateway releases its lease (a standby takes over at once), the
 * HTTP server finishes its requests, and last the NATS connection drains and the stores close.
 * The process then exits 0; if that takes longer than the timeout it exits 1 instead of hanging
 * until Kubernetes kills it.
 */
export async function listen(
  app: NestFastifyApplication,
  config: AppConfig,
  shutdown: ShutdownOptions = shutdownOptions(),
): Promise<void> {
  const logger = new NestLogger('Shutdown');
  let stopping = false;
  app.get(HealthRegistry).register('accepting-work', () => ({ ok: !stopping, detail: stopping ? 'shutting down' : undefined }));
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping (not ready from now on)`);
    const timer = setTimeout(() => {
      logger.error(`clean stop took longer than ${shutdown.timeoutMs} ms: exiting anyway`);
      process.exit(1);
    }, shutdown.timeoutMs);
    timer.unref();
    try {
      if (shutdown.drainDelayMs > 0) await new Promise((r) => setTimeout(r, shutdown.drainDelayMs));
      await app.close();
      await shutdown.afterClose?.();
      logger.log('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error(`stop failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  await app.listen(config.port, config.host);
}
