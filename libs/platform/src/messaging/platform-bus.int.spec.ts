import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Bus } from '@switchboard/bus';
import { PBX_EVENT_SCHEMA_VERSION, subjects } from '@switchboard/contracts';
import { startNatsServer, type TestNatsServer } from '@switchboard/testing';
import request from 'supertest';
import { createHttpApp } from '../bootstrap';
import { loadConfig } from '../config/app-config';
import { HealthRegistry } from '../health/health-registry';
import { PlatformModule } from '../platform.module';
import { BUS } from '../tokens';

/**
 * What every service gets from PlatformModule over NATS (a real nats-server): the lag bound of its
 * configuration on its consumers' readiness, the lag gauge for each of its durables, the count of
 * messages handed back for a newer release, publish and HTTP latency.
 */

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('PlatformModule over NATS', () => {
  let server: TestNatsServer;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    server = await startNatsServer();
    const config = loadConfig({ NATS_URL: server.url, READY_MAX_CONSUMER_LAG: '2', LOG_LEVEL: 'silent' });
    @Module({ imports: [PlatformModule.forRoot(config, { serviceName: 'any-service', eventStore: false })] })
    class AnyServiceModule {}
    app = await createHttpApp(AnyServiceModule);
  });

  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });

  it('bounds readiness by READY_MAX_CONSUMER_LAG, exports each durable’s lag, counts newer-schema messages, times publishes and HTTP', async () => {
    const bus = app.get<Bus>(BUS);
    const http = () => request(app.getHttpServer());
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const handled: number[] = [];
    const consumer = await bus.consume<{ metadata: { schemaVersion: number } }>({
      durable: 'any-service-durable',
      filterSubject: subjects.pbxEventsOf('pbx9'),
      handler: async (m) => {
        await gate;
        handled.push(m.data.metadata.schemaVersion);
      },
    });
    app.get(HealthRegistry).register('test-consumer', () => consumer.health());
    try {
      const event = (i: number, schemaVersion: number) => ({ type: 'Probe', data: { i }, metadata: { schemaVersion } });

      // A PBX event of a version this release does not read: handed back (counted), not handled.
      await bus.publish(subjects.pbxEvent('pbx9', 'Probe'), event(0, PBX_EVENT_SCHEMA_VERSION + 1), { msgId: 'newer' });
      const newer = new RegExp(
        `^switchboard_messages_unknown_schema_total\\{consumer="any-service-durable",stream="PBX_EVENTS",type="Probe",schema_version="${PBX_EVENT_SCHEMA_VERSION + 1}",service="any-service"\\} [1-9]`,
        'm',
      );
      await eventually(async () => newer.test((await http().get('/metrics')).text), 'the newer message counted');

      // Five the handler holds on to: the durable's lag (read every 5 s) goes above the bound of 2.
      for (let i = 1; i <= 5; i++) await bus.publish(subjects.pbxEvent('pbx9', 'Probe'), event(i, PBX_EVENT_SCHEMA_VERSION), { msgId: `m${i}` });
      await eventually(async () => (await http().get('/health/ready')).status === 503, 'not ready');
      const ready = await http().get('/health/ready').expect(503);
      expect(ready.body.checks['test-consumer'].detail).toMatch(/above READY_MAX_CONSUMER_LAG 2$/);
      const metrics = (await http().get('/metrics').expect(200)).text;
      const lag = /^switchboard_consumer_lag_messages\{consumer="any-service-durable",stream="PBX_EVENTS",service="any-service"\} (\d+)$/m.exec(metrics);
      // The newer message waits for a newer release, so it is part of the lag too.
      expect(Number(lag?.[1])).toBeGreaterThan(2);

      // Six publishes timed to their acknowledgement; the HTTP requests above timed by route.
      expect(metrics).toMatch(/^switchboard_bus_publish_seconds_count\{[^}]*\} 6$/m);
      expect(metrics).toMatch(/^switchboard_http_request_duration_seconds_count\{[^}]*method="GET",route="\/health\/ready",status="503"[^}]*\} [1-9]/m);

      release();
      await eventually(async () => handled.length === 5, 'the five handled');
      // Only the five of this release's version reached the handler.
      expect(handled).toEqual(Array(5).fill(PBX_EVENT_SCHEMA_VERSION));
    } finally {
      // Else closing the app would wait for the handler in progress.
      release();
    }
  }, 60_000);
});
