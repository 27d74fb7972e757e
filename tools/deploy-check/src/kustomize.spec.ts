import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyJsonPatch } from './json-patch';
import { parseImage, renderKustomization, type K8sObject } from './kustomize';
import type { Deployment, Service } from './manifest-types';

/** The renderer itself, on small fixtures: what the manifest tests rely on it to do. */

let dir: string;

function write(rel: string, text: string): void {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { app: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      initContainers:
        - { name: init, image: "registry.local:5000/tools/init:1" }
      containers:
        - name: web
          image: example/web
          env: [{ name: A, value: "1" }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
`;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-check-'));
  write('base/kustomization.yaml', 'resources: [app.yaml]\n');
  write('base/app.yaml', deployment);
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function render(overlay: string): K8sObject[] {
  write('overlay/kustomization.yaml', overlay);
  return renderKustomization(path.join(dir, 'overlay'));
}

describe('kustomize renderer', () => {
  it('loads resources from files and nested kustomizations, in order', () => {
    const out = render('resources: [../base]\n');
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/web',
      'Service/web',
    ]);
  });

  it('sets the namespace on namespaced objects only', () => {
    write(
      'base/ns.yaml',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: reader }\nrules: []\n',
    );
    write('base/kustomization.yaml', 'resources: [app.yaml, ns.yaml]\n');
    const out = render('namespace: team\nresources: [../base]\n');
    expect(out.map((o) => o.metadata.namespace)).toEqual(['team', 'team', undefined]);
  });

  it('adds commonLabels to metadata, selectors and pod templates', () => {
    const out = render('commonLabels: { tier: front }\nresources: [../base]\n');
    const d = out[0] as Deployment;
    const s = out[1] as Service;
    expect(d.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    expect(d.spec.selector.matchLabels).toEqual({ app: 'web', tier: 'front' });
    expect(d.spec.template.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    expect(s.spec.selector).toEqual({ app: 'web', tier: 'front' });
  });

  it('adds labels without touching selectors unless asked; templates when includeTemplates', () => {
    const out = render(
      'labels:\n  - pairs: { env: dev }\n    includeTemplates: true\n  - pairs: { team: a }\nresources: [../base]\n',
    );
    const d = out[0] as Deployment;
    expect(d.metadata.labels).toEqual({ app: 'web', env: 'dev', team: 'a' });
    expect(d.spec.selector.matchLabels).toEqual({ app: 'web' });
    expect(d.spec.template.metadata.labels).toEqual({ app: 'web', env: 'dev' });
    expect((out[1] as Service).spec.selector).toEqual({ app: 'web' });
  });

  it('rewrites images by name: new name, new tag, digest; registry ports are not tags', () => {
    const out = render(
      [
        'resources: [../base]',
        'images:',
        '  - { name: example/web, newName: reg.example.com/web, newTag: "1.2.3" }',
        '  - { name: "registry.local:5000/tools/init", digest: "sha256:abc" }',
      ].join('\n'),
    );
    const spec = (out[0] as Deployment).spec.template.spec as unknown as {
      containers: { image: string }[];
      initContainers: { image: string }[];
    };
    expect(spec.containers[0].image).toBe('reg.example.com/web:1.2.3');
    expect(spec.initContainers[0].image).toBe('registry.local:5000/tools/init@sha256:abc');
    expect(parseImage('registry.local:5000/tools/init:1')).toEqual({
      name: 'registry.local:5000/tools/init',
      tag: '1',
      digest: undefined,
    });
  });

  it('applies JSON6902 patches to the targets, inline or from a file', () => {
    write('overlay/replicas.yaml', '- { op: replace, path: /spec/replicas, value: 3 }\n');
    const out = render(
      [
        'resources: [../base]',
        'patches:',
        '  - target: { kind: Deployment, name: web }',
        '    path: replicas.yaml',
        '  - target: { kind: Deployment }',
        '    patch: |-',
        '      - op: add',
        '        path: /spec/template/spec/containers/0/env/-',
        '        value: { name: B, value: "2" }',
      ].join('\n'),
    );
    const d = out[0] as Deployment;
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
  });

  it('patches before the namespace, as kustomize does', () => {
    // When patches run the objects have no namespace yet: kustomize would skip this target; here
    // a target that selects nothing is an error.
    expect(() =>
      render(
        'namespace: team\nresources: [../base]\npatches:\n  - target: { kind: Service, namespace: team }\n    patch: "[{op: remove, path: /spec/ports}]"\n',
      ),
    ).toThrow(/selects no object/);
  });

  it('refuses what it does not render: unknown fields, strategic merge patches, patches that select nothing, duplicates', () => {
    expect(() => render('resources: [../base]\nconfigMapGenerator: []\n')).toThrow(/not supported/);
    expect(() =>
      render(
        'resources: [../base]\npatches:\n  - target: { kind: Deployment }\n    patch: "spec: { replicas: 2 }"\n',
      ),
    ).toThrow(/strategic merge/);
    expect(() =>
      render(
        'resources: [../base]\npatches:\n  - target: { kind: Deployment, name: nope }\n    patch: "[]"\n',
      ),
    ).toThrow(/selects no object/);
    expect(() => render('resources: [../base, ../base/app.yaml]\n')).toThrow(/declared twice/);
    expect(() =>
      render(
        'resources: [../base]\npatches:\n  - target: { kind: Deployment }\n    patch: "[{op: replace, path: /spec/nope/x, value: 1}]"\n',
      ),
    ).toThrow(/does not exist/);
  });
});

describe('JSON patch', () => {
  const doc = { a: { b: [1, 2, 3] }, c: 'x' };

  it('adds, removes, replaces, moves, copies and tests', () => {
    expect(
      applyJsonPatch(doc, [
        { op: 'add', path: '/a/b/1', value: 9 },
        { op: 'remove', path: '/a/b/0' },
        { op: 'replace', path: '/c', value: 'y' },
        { op: 'copy', from: '/c', path: '/d' },
        { op: 'move', from: '/d', path: '/e~1f' },
        { op: 'test', path: '/a/b', value: [9, 2, 3] },
      ]),
    ).toEqual({ a: { b: [9, 2, 3] }, c: 'y', 'e/f': 'y' });
    expect(doc).toEqual({ a: { b: [1, 2, 3] }, c: 'x' });
  });

  it('fails on paths that do not exist and on failed tests', () => {
    expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/z', value: 1 }])).toThrow();
    expect(() => applyJsonPatch(doc, [{ op: 'remove', path: '/a/b/3' }])).toThrow();
    expect(() => applyJsonPatch(doc, [{ op: 'test', path: '/c', value: 'no' }])).toThrow(
      /test failed/,
    );
  });
});
