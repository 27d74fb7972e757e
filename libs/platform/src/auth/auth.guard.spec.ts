import { Controller, Get, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LoggerModule } from 'nestjs-pino';
import request from 'supertest';
import { createHttpApp } from '../bootstrap';
import { loadConfig } from '../config/app-config';
import { loggerParams } from '../logging/logger-options';
import { APP_CONFIG } from '../tokens';
import { signAccessToken } from './access-token';
import { CurrentPrincipal, Public, Roles } from './auth.decorators';
import { AuthGuard } from './auth.guard';
import type { Principal } from './principal';

@Controller('t')
class ProbeController {
  @Public()
  @Get('open')
  open() {
    return { open: true };
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Roles('supervisor', 'admin')
  @Get('all')
  all() {
    return { all: true };
  }
}

const config = loadConfig({ AUTH_SECRET: 'guard-test-secret-long-enough-000000' });

@Module({
  imports: [LoggerModule.forRoot(loggerParams('silent'))],
  controllers: [ProbeController],
  providers: [{ provide: APP_CONFIG, useValue: config }, { provide: APP_GUARD, useClass: AuthGuard }],
})
class ProbeModule {}

describe('AuthGuard over real HTTP', () => {
  let app: NestFastifyApplication;
  const bearer = (p: Principal, ttl = 60) => `Bearer ${signAccessToken(p, config.auth.secret, ttl, Date.now())}`;

  beforeAll(async () => {
    app = await createHttpApp(ProbeModule);
  });
  afterAll(() => app.close());

  it('lets anyone reach a public route', async () => {
    await request(app.getHttpServer()).get('/t/open').expect(200, { open: true });
  });

  it('answers 401 unauthorized without a token, with a malformed header, or a forged or expired token', async () => {
    for (const header of [undefined, 'Basic abc', 'Bearer', 'Bearer x.y', bearer({ subject: 'a', role: 'admin' }, -1)]) {
      const req = request(app.getHttpServer()).get('/t/me');
      const res = await (header ? req.set('authorization', header) : req).expect(401);
      expect(res.body).toMatchObject({ code: 'unauthorized' });
    }
  });

  it('hands the verified principal to the handler', async () => {
    const res = await request(app.getHttpServer()).get('/t/me').set('authorization', bearer({ subject: '1001', role: 'agent', agentId: '1001' })).expect(200);
    expect(res.body).toEqual({ subject: '1001', role: 'agent', agentId: '1001' });
  });

  it('answers 403 forbidden for a valid token without the role', async () => {
    const res = await request(app.getHttpServer()).get('/t/all').set('authorization', bearer({ subject: '1001', role: 'agent', agentId: '1001' })).expect(403);
    expect(res.body).toEqual({ code: 'forbidden', message: 'this needs the role supervisor or admin' });
    await request(app.getHttpServer()).get('/t/all').set('authorization', bearer({ subject: 'sup', role: 'supervisor' })).expect(200);
  });
});
