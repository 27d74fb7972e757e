import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { consumers, PBX_EVENTS_STREAM } from '@switchboard/contracts';
import { validateScaledObject } from './keda';
import {
  describe as describeObject,
  loadObjects,
  parseImage,
  renderKustomization,
  type K8sObject,
} from './kustomize';
import { typeCheckWithModels, validateWithOpenApiSchema } from './k8s-schema';
import {
  named,
  ofKind,
  quantity,
  selects,
  type Autoscaler,
  type Container,
  type Deployment,
  type PodDisruptionBudget,
  type Service,
} from './manifest-types';
import { fromRoot, listFiles, readText } from './workspace';

/**
 * The Kubernetes manifests as they would be applied: each overlay rendered (k8s/overlays/*), every
 * object validated against the Kubernetes OpenAPI schemas (KEDA's ScaledObject structurally), and
 * the properties Switchboard needs from its deployment checked on the rendered output.
 */

const SERVICES = [
  { app: 'ami-gateway', port: 3001, needs: ['AMI_URL', 'NATS_URL', 'NATS_USER', 'NATS_PASS'] },
  {
    app: 'agent-session',
    port: 3002,
    needs: ['NATS_URL', 'NATS_USER', 'NATS_PASS', 'EVENTSTORE_URL', 'DIRECTORY_FILE'],
  },
  {
    app: 'reporting',
    port: 3003,
    needs: ['NATS_URL', 'NATS_USER', 'NATS_PASS', 'EVENTSTORE_URL', 'DATABASE_URL'],
  },
] as const;

const OVERLAYS = [
  {
    name: 'dev',
    namespace: 'switchboard-dev',
    withSecrets: true,
    reportingAutoscaler: 'HorizontalPodAutoscaler',
  },
  {
    name: 'prod',
    namespace: 'switchboard',
    withSecrets: false,
    reportingAutoscaler: 'ScaledObject',
  },
] as const;

const rendered = new Map<string, K8sObject[]>();
function render(overlay: string): K8sObject[] {
  let objects = rendered.get(overlay);
  if (!objects) {
    objects = renderKustomization(fromRoot('k8s', 'overlays', overlay));
    rendered.set(overlay, objects);
  }
  return objects;
}
const secretTemplates = (): K8sObject[] => renderKustomization(fromRoot('k8s', 'secrets'));
const dependencyManifests = (): K8sObject[] =>
  loadObjects(fromRoot('k8s', 'dependencies', 'kurrentdb.yaml'));

/** The environment variables the services read (libs/platform: the configuration, the stream
 *  topology, the shutdown settings), and node's. */
function variablesTheCodeReads(): Set<string> {
  const source = listFiles('libs/platform/src', (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  return new Set(
    [...source.matchAll(/env\['([A-Z0-9_]+)'\]/g)].map((m) => m[1]).concat(['NODE_OPTIONS']),
  );
}

/** Every environment variable a container receives: env entries and the keys of envFrom ConfigMaps/Secrets. */
function containerEnvironment(c: Container, objects: readonly K8sObject[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef?.name ?? from.secretRef?.name;
    const source = objects.find(
      (o) => (o.kind === 'ConfigMap' || o.kind === 'Secret') && o.metadata.name === ref,
    );
    const data = (source?.['data'] ?? source?.['stringData'] ?? {}) as Record<string, string>;
    for (const key of Object.keys(data)) env.set(key, String(data[key]));
  }
  for (const e of c.env ?? []) env.set(e.name, e.value ?? `<from ${JSON.stringify(e.valueFrom)}>`);
  return env;
}

function deploymentOf(objects: readonly K8sObject[], app: string): Deployment {
  return named<Deployment>(objects, 'Deployment', app);
}

function mainContainer(d: Deployment): Container {
  const c = d.spec.template.spec.containers.find((x) => x.name === d.metadata.name);
  if (!c) throw new Error(`${describeObject(d)} has no container named ${d.metadata.name}`);
  return c;
}

function autoscalersOf(objects: readonly K8sObject[]): Autoscaler[] {
  return objects.filter(
    (o) => o.kind === 'HorizontalPodAutoscaler' || o.kind === 'ScaledObject',
  ) as Autoscaler[];
}

describe('Kubernetes schemas', () => {
  for (const overlay of OVERLAYS) {
    it(`overlay ${overlay.name}: every rendered object is valid against the Kubernetes OpenAPI schemas (KEDA structurally)`, async () => {
      const objects = render(overlay.name);
      expect(objects.length).toBeGreaterThan(10);
      const problems: string[] = [];
      for (const o of objects) {
        if (o.apiVersion.startsWith('keda.sh/')) problems.push(...validateScaledObject(o));
        else problems.push(...(await validateWithOpenApiSchema(o)));
      }
      expect(problems).toEqual([]);
    });
  }

  it('the Secret templates and the dev KurrentDB manifest are valid too', async () => {
    const problems: string[] = [];
    for (const o of [...secretTemplates(), ...dependencyManifests()])
      problems.push(...(await validateWithOpenApiSchema(o)));
    expect(problems).toEqual([]);
  });

  it('no object carries a field its Kubernetes type does not have (the TypeScript models, compiled)', () => {
    const builtIn = [
      ...OVERLAYS.flatMap((o) => render(o.name)),
      ...secretTemplates(),
      ...dependencyManifests(),
    ].filter((o) => !o.apiVersion.startsWith('keda.sh/'));
    expect(typeCheckWithModels(builtIn)).toEqual([]);
  });

  it('the validators do catch mistakes (a misspelt field, a wrong type, a bad ScaledObject)', async () => {
    const d = JSON.parse(JSON.stringify(deploymentOf(render('dev'), 'reporting'))) as Deployment;
    const c = d.spec.template.spec.containers[0] as unknown as Record<string, unknown>;
    c['readinesProbe'] = c['readinessProbe'];
    delete c['readinessProbe'];
    expect(typeCheckWithModels([d]).join('\n')).toMatch(/readinesProbe/);
    (c['ports'] as { containerPort: unknown }[])[0].containerPort = '3003';
    expect((await validateWithOpenApiSchema(d)).join('\n')).toMatch(
      /containerPort must be integer/,
    );

    const so = JSON.parse(
      JSON.stringify(named(render('prod'), 'ScaledObject', 'reporting')),
    ) as Autoscaler;
    const trigger = (so.spec.triggers ?? [])[0] as unknown as { metadata: Record<string, unknown> };
    delete trigger.metadata['consumer'];
    trigger.metadata['lagThreshold'] = 1000;
    const problems = validateScaledObject(so);
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/metadata\.consumer is required/);
    expect(problems.join('\n')).toMatch(/metadata\.lagThreshold must be a string/);
  });
});

describe.each(OVERLAYS)('overlay $name', (overlay) => {
  const objects = (): K8sObject[] => render(overlay.name);

  it('puts every object in the overlay namespace and labels it part of switchboard', () => {
    for (const o of objects()) {
      expect({ object: describeObject(o), namespace: o.metadata.namespace }).toEqual({
        object: describeObject(o),
        namespace: overlay.namespace,
      });
      expect(o.metadata.labels?.['app.kubernetes.io/part-of']).toBe('switchboard');
    }
  });

  it.each(SERVICES)(
    '$app: Deployment, probes, port, resources and security context',
    ({ app, port }) => {
      const d = deploymentOf(objects(), app);
      expect(selects(d.spec.selector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
      const c = mainContainer(d);
      expect(c.ports?.map((p) => p.containerPort)).toEqual([port]);
      const env = containerEnvironment(c, objects());
      expect(env.get('PORT')).toBe(String(port));

      // Probes on the service's own endpoints, on its port.
      const portOf = (p: number | string): number | undefined =>
        typeof p === 'number' ? p : c.ports?.find((x) => x.name === p)?.containerPort;
      expect(c.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(c.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(portOf(c.readinessProbe?.httpGet?.port ?? '')).toBe(port);
      expect(portOf(c.livenessProbe?.httpGet?.port ?? '')).toBe(port);

      // Requests and limits for CPU and memory, requests within limits.
      for (const r of ['cpu', 'memory']) {
        const request = c.resources?.requests?.[r];
        const limit = c.resources?.limits?.[r];
        expect({ app, r, request: request !== undefined, limit: limit !== undefined }).toEqual({
          app,
          r,
          request: true,
          limit: true,
        });
        expect(quantity(request as string)).toBeLessThanOrEqual(quantity(limit as string));
      }

      // Not root, no privilege escalation, no capabilities, read-only root filesystem.
      const pod = d.spec.template.spec.securityContext;
      expect(pod?.runAsNonRoot).toBe(true);
      expect(pod?.runAsUser).toBeGreaterThan(0);
      expect(c.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    },
  );

  it.each(SERVICES)(
    '$app: a Service and a PodDisruptionBudget select its pods',
    ({ app, port }) => {
      const d = deploymentOf(objects(), app);
      const podLabels = d.spec.template.metadata.labels;
      const services = ofKind<Service>(objects(), 'Service').filter((s) =>
        selects(s.spec.selector, podLabels),
      );
      expect(services.map((s) => s.metadata.name)).toEqual([app]);
      const target = services[0].spec.ports[0].targetPort;
      expect(
        typeof target === 'number'
          ? target
          : mainContainer(d).ports?.find((p) => p.name === target)?.containerPort,
      ).toBe(port);
      const pdbs = ofKind<PodDisruptionBudget>(objects(), 'PodDisruptionBudget').filter((p) =>
        selects(p.spec.selector.matchLabels, podLabels),
      );
      expect(pdbs).toHaveLength(1);
    },
  );

  it.each(SERVICES)(
    '$app: gets every setting it needs, and only settings the code reads',
    ({ app, needs }) => {
      const c = mainContainer(deploymentOf(objects(), app));
      const env = containerEnvironment(c, objects());
      for (const name of needs)
        expect({ app, name, present: env.has(name) }).toEqual({ app, name, present: true });
      const known = variablesTheCodeReads();
      expect([...env.keys()].filter((k) => !known.has(k))).toEqual([]);
    },
  );

  it('every ConfigMap and Secret a pod refers to exists (prod: as a template in k8s/secrets, created out of band)', () => {
    const available = [...objects(), ...(overlay.withSecrets ? [] : secretTemplates())];
    const missing: string[] = [];
    const has = (kind: string, name: string, key?: string): boolean =>
      available.some((o) => {
        if (o.kind !== kind || o.metadata.name !== name) return false;
        if (key === undefined) return true;
        const data = {
          ...((o['data'] as object) ?? {}),
          ...((o['stringData'] as object) ?? {}),
        } as Record<string, unknown>;
        return key in data;
      });
    for (const d of ofKind<Deployment>(objects(), 'Deployment')) {
      const spec = d.spec.template.spec;
      for (const c of spec.containers) {
        for (const e of c.env ?? []) {
          const s = e.valueFrom?.secretKeyRef;
          const m = e.valueFrom?.configMapKeyRef;
          if (s && !has('Secret', s.name, s.key))
            missing.push(`${d.metadata.name}: Secret ${s.name} key ${s.key}`);
          if (m && !has('ConfigMap', m.name, m.key))
            missing.push(`${d.metadata.name}: ConfigMap ${m.name} key ${m.key}`);
        }
        for (const f of c.envFrom ?? []) {
          if (f.configMapRef && !has('ConfigMap', f.configMapRef.name))
            missing.push(`${d.metadata.name}: ConfigMap ${f.configMapRef.name}`);
          if (f.secretRef && !has('Secret', f.secretRef.name))
            missing.push(`${d.metadata.name}: Secret ${f.secretRef.name}`);
        }
        for (const m of c.volumeMounts ?? []) {
          if (!spec.volumes?.some((v) => v.name === m.name))
            missing.push(`${d.metadata.name}: volume ${m.name}`);
        }
      }
      for (const v of spec.volumes ?? []) {
        if (v.configMap && !has('ConfigMap', v.configMap.name))
          missing.push(`${d.metadata.name}: ConfigMap ${v.configMap.name}`);
        if (v.secret && !has('Secret', v.secret.secretName))
          missing.push(`${d.metadata.name}: Secret ${v.secret.secretName}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it(
    overlay.withSecrets
      ? 'includes the placeholder Secrets, each marked as such'
      : 'applies no Secret: placeholders never reach production',
    () => {
      const secrets = ofKind(objects(), 'Secret');
      if (!overlay.withSecrets) {
        expect(secrets).toEqual([]);
        return;
      }
      expect(secrets.map((s) => s.metadata.name).sort()).toEqual(
        secretTemplates()
          .map((s) => s.metadata.name)
          .sort(),
      );
      for (const s of secrets)
        expect(s.metadata.annotations?.['switchboard.dev/placeholder']).toMatch(/^true/);
    },
  );

  it('mounts the directory file where DIRECTORY_FILE points, with the demo directory of apps/agent-session', () => {
    const d = deploymentOf(objects(), 'agent-session');
    const c = mainContainer(d);
    const file = containerEnvironment(c, objects()).get('DIRECTORY_FILE') as string;
    const mount = c.volumeMounts?.find((m) => path.posix.dirname(file) === m.mountPath);
    const volume = d.spec.template.spec.volumes?.find((v) => v.name === mount?.name);
    const configMap = named(objects(), 'ConfigMap', volume?.configMap?.name ?? '');
    const data = configMap['data'] as Record<string, string>;
    expect(Object.keys(data)).toContain(path.posix.basename(file));
    expect(data[path.posix.basename(file)]).toBe(
      readText('apps', 'agent-session', 'config', 'directory.yaml'),
    );
    expect(parse(data[path.posix.basename(file)])).toHaveProperty('agents');
  });

  it('runs two gateway replicas, never autoscaled; one autoscaler per scaled service, owning its replica count', () => {
    const autoscalers = autoscalersOf(objects());
    const targets = autoscalers.map((a) => a.spec.scaleTargetRef.name);
    expect(new Set(targets).size).toBe(targets.length); // never two autoscalers on one Deployment
    expect(deploymentOf(objects(), 'ami-gateway').spec.replicas).toBe(2);
    expect(targets).not.toContain('ami-gateway');
    expect(
      named<Autoscaler>(objects(), 'HorizontalPodAutoscaler', 'agent-session').apiVersion,
    ).toBe('autoscaling/v2');
    expect(
      autoscalers.filter((a) => a.spec.scaleTargetRef.name === 'reporting').map((a) => a.kind),
    ).toEqual([overlay.reportingAutoscaler]);
    for (const a of autoscalers) {
      const ref = a.spec.scaleTargetRef;
      const d = deploymentOf(objects(), ref.name);
      expect({ ref: ref.kind ?? 'Deployment', apiVersion: ref.apiVersion ?? 'apps/v1' }).toEqual({
        ref: 'Deployment',
        apiVersion: 'apps/v1',
      });
      // A replica count in the Deployment would be reset by every kubectl apply.
      expect({ deployment: d.metadata.name, replicas: d.spec.replicas }).toEqual({
        deployment: d.metadata.name,
        replicas: undefined,
      });
    }
  });

  it.each(SERVICES)(
    '$app: a SIGTERM finishes (drain delay + shutdown timeout) before Kubernetes would SIGKILL',
    ({ app }) => {
      const d = deploymentOf(objects(), app);
      const env = containerEnvironment(mainContainer(d), objects());
      const drain = Number(env.get('SHUTDOWN_DRAIN_DELAY_MS'));
      const timeout = Number(env.get('SHUTDOWN_TIMEOUT_MS'));
      // A drain delay lets the endpoint leave the Service before the server stops answering.
      expect(drain).toBeGreaterThan(0);
      expect(timeout).toBeGreaterThan(0);
      const grace = d.spec.template.spec.terminationGracePeriodSeconds ?? 30;
      expect(drain + timeout).toBeLessThan(grace * 1000);
    },
  );

  it('keeps as many copies of each stream and of the lease bucket as the NATS cluster has nodes (one on a single dev server)', () => {
    const settings = named(objects(), 'ConfigMap', 'switchboard-settings')['data'] as Record<string, string>;
    const nats = parse(readText('k8s', 'dependencies', 'nats.values.yaml'));
    // The dev overlay runs NATS with the cluster disabled (k8s/dependencies/nats.values.yaml).
    const nodes = overlay.name === 'dev' ? 1 : (nats.config.cluster.replicas as number);
    expect(Number(settings['NATS_REPLICAS'])).toBe(nodes);
  });

  it('uses the images of the three services, tagged for the environment', () => {
    for (const { app } of SERVICES) {
      const image = parseImage(mainContainer(deploymentOf(objects(), app)).image);
      expect(image.name.endsWith(`switchboard/${app}`)).toBe(true);
      expect(image.tag ?? image.digest).toBeDefined();
      expect(image.tag).not.toBe('latest');
      if (overlay.name === 'prod') expect(image.name).toMatch(/^[a-z0-9.-]+\.[a-z]+(:[0-9]+)?\//); // from a registry
    }
  });
});

describe('KEDA', () => {
  it('scales reporting on the JetStream consumer the reporting service declares, through NATS in its namespace', () => {
    const so = named<Autoscaler>(render('prod'), 'ScaledObject', 'reporting');
    const trigger = so.spec.triggers?.find((t) => t.type === 'nats-jetstream');
    expect(trigger?.metadata['stream']).toBe(PBX_EVENTS_STREAM);
    expect(trigger?.metadata['consumer']).toBe(consumers.reporting);
    const endpoint = trigger?.metadata['natsServerMonitoringEndpoint'] ?? '';
    expect(endpoint).toBe(`nats-headless.${so.metadata.namespace}.svc.cluster.local:8222`);
  });
});

describe('dependencies', () => {
  it('the Helm values parse, enable JetStream, and take credentials from the Secrets the services read', () => {
    const nats = parse(readText('k8s', 'dependencies', 'nats.values.yaml'));
    expect(nats.config.jetstream.enabled).toBe(true);
    expect(nats.config.monitor.enabled).toBe(true);
    const postgres = parse(readText('k8s', 'dependencies', 'postgresql.values.yaml'));
    const templates = secretTemplates().map((s) => s.metadata.name);
    const natsSecrets = Object.values(
      nats.container.env as Record<string, { valueFrom: { secretKeyRef: { name: string } } }>,
    ).map((e) => e.valueFrom.secretKeyRef.name);
    for (const name of [...natsSecrets, postgres.auth.existingSecret])
      expect(templates).toContain(name);
    // NATS_URL in the settings names the Service the nats chart creates for release "nats".
    const settings = named(render('prod'), 'ConfigMap', 'switchboard-settings')['data'] as Record<
      string,
      string
    >;
    expect(settings['NATS_URL']).toBe('nats://nats:4222');
  });
});
