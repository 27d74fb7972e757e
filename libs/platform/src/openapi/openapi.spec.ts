import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LoggerModule } from 'nestjs-pino';
import request from 'supertest';
import { z } from 'zod';
import { Public } from '../auth/auth.decorators';
import { createHttpApp } from '../bootstrap';
import { parseInput } from '../http/api-error';
import { loggerParams } from '../logging/logger-options';
import { ApiBodyFrom, ApiQueryFrom } from './zod-schema';

const body = z.object({ reason: z.string().min(1).max(80), queues: z.array(z.string()).optional() }).strict();
const query = z.object({ limit: z.coerce.number().int().max(500).optional(), queue: z.string() });

@Controller('api/probe')
class ProbeController {
  @Post()
  @ApiBodyFrom(body)
  create(@Body() raw: unknown) {
    return parseInput(body, raw);
  }

  @Public()
  @Get()
  @ApiQueryFrom(query)
  list(@Query() raw: unknown) {
    return parseInput(query, raw);
  }
}

@Module({ imports: [LoggerModule.forRoot(loggerParams('silent'))], controllers: [ProbeController] })
class ProbeModule {}

describe('GET /api/openapi.json', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createHttpApp(ProbeModule);
  });
  afterAll(() => app.close());

  it('documents every route with the zod schemas that validate it, and the error shape', async () => {
    const res = await request(app.getHttpServer()).get('/api/openapi.json').expect(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(['/api/probe']);
    expect(doc.paths['/api/probe'].post.requestBody.content['application/json'].schema).toEqual({
      type: 'object',
      properties: { reason: { type: 'string', minLength: 1, maxLength: 80 }, queues: { type: 'array', items: { type: 'string' } } },
      required: ['reason'],
      additionalProperties: false,
    });
    const params = doc.paths['/api/probe'].get.parameters as Array<{ name: string; in: string; required: boolean }>;
    expect(params.map((p) => [p.name, p.in, p.required])).toEqual([
      ['limit', 'query', false],
      ['queue', 'query', true],
    ]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.components.schemas.ApiError.properties.code.enum).toEqual(expect.arrayContaining(['invalid_input', 'forbidden', 'locked_out']));
  });
});
