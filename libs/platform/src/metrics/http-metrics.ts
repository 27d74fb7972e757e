import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Histogram, type Registry } from 'prom-client';
import { METRICS } from '../tokens';

/**
 * `switchboard_http_request_duration_seconds{method, route, status}`: every HTTP response of the
 * service, timed by Fastify from the request's arrival to the response sent. `route` is the route's
 * pattern (`/api/agents/:agentId/…`), never the URL: ids would make one series per agent; requests
 * that match no route count as `unmatched`.
 */
@Injectable()
export class HttpMetrics implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(METRICS) private readonly registry: Registry,
  ) {}

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    // No HTTP server (an application context): nothing to time.
    if (!instance?.addHook) return;
    const seconds = new Histogram({
      name: 'switchboard_http_request_duration_seconds',
      help: 'HTTP requests from arrival to response sent, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    instance.addHook('onResponse', (request, reply, done) => {
      seconds.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });
  }
}
