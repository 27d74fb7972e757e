import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** The content types a directory may be imported as (PUT /api/admin/directory). */
export const YAML_CONTENT_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];
/** A large site's directory in YAML (10,000 agents) is a few MB; JSON bodies keep the 1 MB limit. */
const YAML_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * Lets Fastify accept YAML bodies: they arrive at the controller as the raw text, which the
 * controller parses (so a YAML error is a 400 invalid_input like any other). Registered before
 * the server is ready (Nest runs module init before createHttpApp's ready()).
 */
@Injectable()
export class YamlBody implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    // Another adapter (none today) would simply not take YAML.
    if (!fastify || typeof fastify.addContentTypeParser !== 'function' || fastify.hasContentTypeParser(YAML_CONTENT_TYPES[0])) return;
    fastify.addContentTypeParser(YAML_CONTENT_TYPES, { parseAs: 'string', bodyLimit: YAML_BODY_LIMIT }, (_request, body, done) => done(null, body));
  }
}
