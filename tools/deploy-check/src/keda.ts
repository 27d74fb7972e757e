import { describe, type K8sObject } from './kustomize';

/**
 * Structural validation of a KEDA ScaledObject (keda.sh/v1alpha1), after KEDA's CRD and docs:
 * KEDA is a CRD, so no Kubernetes OpenAPI schema covers it. Required: spec.scaleTargetRef.name
 * and at least one trigger with a type and string metadata; known fields only; replica counts
 * non-negative integers with min <= max; the fields the nats-jetstream and cpu/memory scalers
 * require.
 */

const SPEC_FIELDS = new Set([
  'scaleTargetRef',
  'pollingInterval',
  'cooldownPeriod',
  'initialCooldownPeriod',
  'idleReplicaCount',
  'minReplicaCount',
  'maxReplicaCount',
  'advanced',
  'fallback',
  'triggers',
]);
const TARGET_FIELDS = new Set(['apiVersion', 'kind', 'name', 'envSourceContainerName']);
const TRIGGER_FIELDS = new Set([
  'type',
  'name',
  'metadata',
  'authenticationRef',
  'metricType',
  'useCachedMetrics',
]);
const METRIC_TYPES = new Set(['AverageValue', 'Value', 'Utilization']);
const ADVANCED_FIELDS = new Set([
  'horizontalPodAutoscalerConfig',
  'restoreToOriginalReplicaCount',
  'scalingModifiers',
]);
const HPA_CONFIG_FIELDS = new Set(['name', 'behavior']);

/** Metadata each scaler needs (keda.sh/docs/scalers). */
const REQUIRED_METADATA: Record<string, string[]> = {
  'nats-jetstream': ['natsServerMonitoringEndpoint', 'account', 'stream', 'consumer'],
  cpu: ['value'],
  memory: ['value'],
};
const NUMERIC_METADATA = new Set([
  'lagThreshold',
  'activationLagThreshold',
  'value',
  'targetValue',
]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unknownFields(
  value: Record<string, unknown>,
  known: Set<string>,
  where: string,
): string[] {
  return Object.keys(value)
    .filter((k) => !known.has(k))
    .map((k) => `${where}.${k} is not a ScaledObject field`);
}

function count(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  return Number.isInteger(value) && (value as number) >= 0
    ? []
    : [`${where} must be a non-negative integer`];
}

export function validateScaledObject(o: K8sObject): string[] {
  const problems: string[] = [];
  if (o.apiVersion !== 'keda.sh/v1alpha1' || o.kind !== 'ScaledObject')
    return [`${describe(o)}: not a keda.sh/v1alpha1 ScaledObject`];
  const spec = o['spec'];
  if (!isRecord(spec)) return [`${describe(o)}: spec is required`];
  problems.push(...unknownFields(spec, SPEC_FIELDS, 'spec'));

  const target = spec['scaleTargetRef'];
  if (!isRecord(target)) problems.push('spec.scaleTargetRef is required');
  else {
    problems.push(...unknownFields(target, TARGET_FIELDS, 'spec.scaleTargetRef'));
    if (typeof target['name'] !== 'string' || target['name'] === '')
      problems.push('spec.scaleTargetRef.name is required');
    for (const f of ['apiVersion', 'kind', 'envSourceContainerName']) {
      if (target[f] !== undefined && typeof target[f] !== 'string')
        problems.push(`spec.scaleTargetRef.${f} must be a string`);
    }
  }
  for (const f of [
    'pollingInterval',
    'cooldownPeriod',
    'initialCooldownPeriod',
    'idleReplicaCount',
    'minReplicaCount',
    'maxReplicaCount',
  ]) {
    problems.push(...count(spec[f], `spec.${f}`));
  }
  const min = (spec['minReplicaCount'] as number | undefined) ?? 0;
  const max = (spec['maxReplicaCount'] as number | undefined) ?? 100;
  if (min > max)
    problems.push(`spec.minReplicaCount (${min}) exceeds spec.maxReplicaCount (${max})`);

  const advanced = spec['advanced'];
  if (advanced !== undefined) {
    if (!isRecord(advanced)) problems.push('spec.advanced must be an object');
    else {
      problems.push(...unknownFields(advanced, ADVANCED_FIELDS, 'spec.advanced'));
      const hpa = advanced['horizontalPodAutoscalerConfig'];
      if (hpa !== undefined) {
        if (!isRecord(hpa))
          problems.push('spec.advanced.horizontalPodAutoscalerConfig must be an object');
        else
          problems.push(
            ...unknownFields(hpa, HPA_CONFIG_FIELDS, 'spec.advanced.horizontalPodAutoscalerConfig'),
          );
      }
    }
  }

  const triggers = spec['triggers'];
  if (!Array.isArray(triggers) || triggers.length === 0)
    problems.push('spec.triggers needs at least one trigger');
  else {
    for (const [i, t] of (triggers as unknown[]).entries()) {
      const where = `spec.triggers[${i}]`;
      if (!isRecord(t)) {
        problems.push(`${where} must be an object`);
        continue;
      }
      problems.push(...unknownFields(t, TRIGGER_FIELDS, where));
      if (typeof t['type'] !== 'string' || t['type'] === '')
        problems.push(`${where}.type is required`);
      const metadata = t['metadata'];
      if (!isRecord(metadata)) {
        problems.push(`${where}.metadata is required`);
        continue;
      }
      for (const [k, v] of Object.entries(metadata)) {
        // KEDA's trigger metadata is map[string]string: a YAML number here is rejected by the CRD.
        if (typeof v !== 'string')
          problems.push(`${where}.metadata.${k} must be a string (quote it)`);
        else if (NUMERIC_METADATA.has(k) && !/^[0-9]+(\.[0-9]+)?$/.test(v))
          problems.push(`${where}.metadata.${k} must be a number`);
      }
      for (const k of REQUIRED_METADATA[t['type'] as string] ?? []) {
        if (typeof metadata[k] !== 'string' || metadata[k] === '')
          problems.push(`${where}.metadata.${k} is required by the ${String(t['type'])} scaler`);
      }
      if (t['metricType'] !== undefined && !METRIC_TYPES.has(t['metricType'] as string)) {
        problems.push(`${where}.metricType must be one of ${[...METRIC_TYPES].join(', ')}`);
      }
      if ((t['type'] === 'cpu' || t['type'] === 'memory') && t['metricType'] === undefined) {
        problems.push(
          `${where}.metricType is required by the ${t['type']} scaler (Utilization or AverageValue)`,
        );
      }
    }
  }
  return problems.map((p) => `${describe(o)}: ${p}`);
}
