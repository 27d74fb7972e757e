export * from './workspace';
export * from './json-patch';
export * from './kustomize';
export * from './k8s-schema';
export * from './keda';
export * from './dockerfile';
export * from './metrics';
export * from './manifest-types';
