import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { applyJsonPatch, asPatchOperations, type Json } from './json-patch';

/**
 * A small kustomize: the subset of kustomization.yaml that Switchboard's manifests use, rendered
 * the way `kustomize build` (and `kubectl apply -k`) renders it, so the test can check what would
 * be applied without a kustomize binary. Supported fields: resources (files and directories),
 * namespace, commonLabels, labels, images, patches (JSON6902 lists, inline `patch` or `path`).
 * Any other field is an error: a feature this renderer ignored would make the test check a
 * different output from the one applied.
 *
 * Order, as kustomize's built-in transformers: resources (each directory fully rendered first),
 * then patches, namespace, labels, images.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: Json | undefined;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  commonLabels?: Record<string, string>;
  labels?: {
    pairs: Record<string, string>;
    includeSelectors?: boolean;
    includeTemplates?: boolean;
  }[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  patches?: { target?: PatchTarget; patch?: string; path?: string; options?: unknown }[];
}

const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'commonLabels',
  'labels',
  'images',
  'patches',
]);
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Kinds without a namespace: the namespace transformer leaves them alone. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'APIService',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ClusterTriggerAuthentication',
]);

/** Workloads whose pod template and selector the label transformer reaches. */
const WORKLOADS_WITH_TEMPLATE = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'ReplicationController',
]);

/** Parses a multi-document YAML file into objects, skipping empty documents. */
export function loadObjects(file: string): K8sObject[] {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  const out: K8sObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0)
      throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    out.push(checkObject(value, file));
  }
  return out;
}

function checkObject(value: unknown, where: string): K8sObject {
  const o = value as Partial<K8sObject>;
  if (!o || typeof o !== 'object' || Array.isArray(o))
    throw new Error(`${where}: a document is not an object`);
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string')
    throw new Error(`${where}: a document has no apiVersion/kind`);
  if (!o.metadata || typeof o.metadata.name !== 'string')
    throw new Error(`${where}: a ${o.kind} has no metadata.name`);
  return o as K8sObject;
}

export function objectId(o: K8sObject): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return `${group}/${o.kind}/${o.metadata.namespace ?? '~'}/${o.metadata.name}`;
}

export function describe(o: K8sObject): string {
  return `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
}

function readKustomization(dir: string): Kustomization {
  const file = KUSTOMIZATION_FILES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (!file) throw new Error(`${dir}: no kustomization.yaml`);
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  if (docs.length !== 1 || docs[0].errors.length > 0)
    throw new Error(`${file}: not a single YAML document`);
  const k = docs[0].toJS() as Kustomization;
  for (const key of Object.keys(k)) {
    if (!SUPPORTED_FIELDS.has(key))
      throw new Error(`${file}: "${key}" is not supported by tools/deploy-check's renderer`);
  }
  if (k.kind !== undefined && k.kind !== 'Kustomization')
    throw new Error(`${file}: kind must be Kustomization`);
  return k;
}

/** Renders the kustomization in `dir` (an absolute path) into the objects it would apply. */
export function renderKustomization(dir: string): K8sObject[] {
  const k = readKustomization(dir);
  let objects: K8sObject[] = [];
  for (const entry of k.resources ?? []) {
    if (/^[a-z]+:\/\//i.test(entry) || entry.startsWith('github.com/'))
      throw new Error(`${dir}: remote resource ${entry} is not supported`);
    const p = path.resolve(dir, entry);
    if (!fs.existsSync(p)) throw new Error(`${dir}: resource ${entry} does not exist`);
    objects.push(...(fs.statSync(p).isDirectory() ? renderKustomization(p) : loadObjects(p)));
  }
  const seen = new Set<string>();
  for (const o of objects) {
    const id = objectId(o);
    if (seen.has(id)) throw new Error(`${dir}: ${describe(o)} is declared twice`);
    seen.add(id);
  }
  for (const [i, p] of (k.patches ?? []).entries()) objects = applyPatch(objects, p, dir, i);
  if (k.namespace) objects = objects.map((o) => setNamespace(o, k.namespace as string));
  if (k.commonLabels)
    objects = objects.map((o) =>
      addLabels(o, k.commonLabels as Record<string, string>, true, true),
    );
  for (const l of k.labels ?? []) {
    const includeSelectors = l.includeSelectors ?? false;
    objects = objects.map((o) =>
      addLabels(o, l.pairs, includeSelectors, includeSelectors || (l.includeTemplates ?? false)),
    );
  }
  for (const image of k.images ?? []) objects = objects.map((o) => setImage(o, image));
  return objects;
}

function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

function matchesTarget(o: K8sObject, t: PatchTarget): boolean {
  const [group, version] = o.apiVersion.includes('/')
    ? o.apiVersion.split('/')
    : ['', o.apiVersion];
  if (t.group !== undefined && !anchored(t.group).test(group)) return false;
  if (t.version !== undefined && !anchored(t.version).test(version)) return false;
  if (t.kind !== undefined && !anchored(t.kind).test(o.kind)) return false;
  if (t.name !== undefined && !anchored(t.name).test(o.metadata.name)) return false;
  if (t.namespace !== undefined && !anchored(t.namespace).test(o.metadata.namespace ?? ''))
    return false;
  if (t.labelSelector !== undefined) {
    for (const term of t.labelSelector
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);
      if (!m)
        throw new Error(
          `labelSelector "${t.labelSelector}": only key=value and key!=value are supported`,
        );
      const actual = o.metadata.labels?.[m[1].trim()];
      const equal = actual === m[3].trim();
      if (m[2] === '!=' ? equal : !equal) return false;
    }
  }
  return true;
}

function applyPatch(
  objects: K8sObject[],
  p: NonNullable<Kustomization['patches']>[number],
  dir: string,
  index: number,
): K8sObject[] {
  const where = `${dir}: patches[${index}]`;
  if (p.options !== undefined) throw new Error(`${where}: patch options are not supported`);
  if (!p.target)
    throw new Error(
      `${where}: needs a target (a JSON6902 patch applies to the objects it selects)`,
    );
  if ((p.patch === undefined) === (p.path === undefined))
    throw new Error(`${where}: needs exactly one of patch or path`);
  const text = p.patch ?? fs.readFileSync(path.resolve(dir, p.path as string), 'utf8');
  const docs = parseAllDocuments(text);
  if (docs.length !== 1 || docs[0].errors.length > 0)
    throw new Error(`${where}: the patch is not one YAML/JSON document`);
  const ops = asPatchOperations(docs[0].toJS(), where);
  let matched = 0;
  const out = objects.map((o) => {
    if (!matchesTarget(o, p.target as PatchTarget)) return o;
    matched++;
    try {
      return checkObject(applyJsonPatch(o as unknown as Json, ops), where);
    } catch (error) {
      throw new Error(`${where} on ${describe(o)}: ${(error as Error).message}`);
    }
  });
  // kustomize accepts a target that selects nothing; here it is an error, as it is nearly always a typo.
  if (matched === 0)
    throw new Error(`${where}: the target ${JSON.stringify(p.target)} selects no object`);
  return out;
}

function setNamespace(o: K8sObject, namespace: string): K8sObject {
  if (CLUSTER_SCOPED.has(o.kind)) return o;
  return { ...o, metadata: { ...o.metadata, namespace } };
}

type Obj = { [key: string]: Json };

function child(parent: Obj | undefined, key: string, create: boolean): Obj | undefined {
  if (!parent) return undefined;
  const v = parent[key];
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  if (!create) return undefined;
  const created: Obj = {};
  parent[key] = created;
  return created;
}

function merge(target: Obj | undefined, labels: Record<string, string>): void {
  if (target) Object.assign(target, labels);
}

function addLabels(
  o: K8sObject,
  labels: Record<string, string>,
  selectors: boolean,
  templates: boolean,
): K8sObject {
  const copy = JSON.parse(JSON.stringify(o)) as K8sObject;
  copy.metadata.labels = { ...(copy.metadata.labels ?? {}), ...labels };
  const spec = child(copy as unknown as Obj, 'spec', false);
  if (WORKLOADS_WITH_TEMPLATE.has(o.kind)) {
    if (templates)
      merge(child(child(child(spec, 'template', false), 'metadata', true), 'labels', true), labels);
    if (selectors) {
      if (o.kind === 'ReplicationController') merge(child(spec, 'selector', true), labels);
      else if (o.kind !== 'Job')
        merge(child(child(spec, 'selector', true), 'matchLabels', true), labels);
    }
  }
  if (o.kind === 'CronJob') {
    const jobSpec = child(child(spec, 'jobTemplate', false), 'spec', false);
    if (templates)
      merge(
        child(child(child(jobSpec, 'template', false), 'metadata', true), 'labels', true),
        labels,
      );
  }
  if (selectors) {
    if (o.kind === 'Service') merge(child(spec, 'selector', true), labels);
    if (o.kind === 'PodDisruptionBudget')
      merge(child(child(spec, 'selector', false), 'matchLabels', false), labels);
    if (o.kind === 'NetworkPolicy')
      merge(child(child(spec, 'podSelector', false), 'matchLabels', false), labels);
  }
  return copy;
}

/** name[:tag][@digest] → its parts; a ':' before the last '/' is a registry port, not a tag. */
export function parseImage(image: string): { name: string; tag?: string; digest?: string } {
  const [rest, digest] = image.split('@');
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}

function setImage(o: K8sObject, rule: NonNullable<Kustomization['images']>[number]): K8sObject {
  const copy = JSON.parse(JSON.stringify(o)) as K8sObject;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (
          (key === 'containers' || key === 'initContainers' || key === 'ephemeralContainers') &&
          Array.isArray(value)
        ) {
          for (const c of value) {
            if (c && typeof c === 'object' && !Array.isArray(c) && typeof c['image'] === 'string') {
              const parsed = parseImage(c['image']);
              if (parsed.name !== rule.name) continue;
              const name = rule.newName ?? parsed.name;
              if (rule.digest) c['image'] = `${name}@${rule.digest}`;
              else if (rule.newTag) c['image'] = `${name}:${rule.newTag}`;
              else
                c['image'] =
                  `${name}${parsed.tag ? `:${parsed.tag}` : ''}${parsed.digest ? `@${parsed.digest}` : ''}`;
            }
          }
        }
        visit(value as Json);
      }
    }
  };
  visit(copy.spec as Json);
  return copy;
}
