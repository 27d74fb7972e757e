import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, type K8sObject } from './kustomize';

/**
 * Validation of rendered objects against the Kubernetes OpenAPI schemas, through the npm package
 * `kubernetes-models` (its models are generated from the Kubernetes OpenAPI spec; 4.5.1 carries
 * Kubernetes 1.27):
 *
 * 1. its JSON-schema validators (ajv, compiled from the OpenAPI definitions): types, required
 *    fields, enums, formats (quantities, int-or-string);
 * 2. its TypeScript declarations, compiled against each object as an object literal: the
 *    OpenAPI schemas do not forbid unknown fields (the API server rejects them, or drops them
 *    with a warning), so a misspelt `readinesProbe` passes (1); TypeScript's excess-property
 *    check finds it at any depth.
 *
 * The package is loaded at run time (not imported statically) so that the rest of deploy-check
 * type-checks and lints without it; without it, validation fails with an install hint.
 */

export const MODELS_PACKAGE = 'kubernetes-models';
export const MODELS_VERSION = '4.5.1';

export class ModelsNotInstalledError extends Error {
  constructor(cause: unknown) {
    super(
      `the npm package ${MODELS_PACKAGE} is not installed (npm install -D ${MODELS_PACKAGE}@${MODELS_VERSION}): ` +
        `it carries the Kubernetes OpenAPI schemas the manifests are validated against (${String(cause)})`,
    );
  }
}

/** The directory of the installed kubernetes-models package. */
export function modelsDir(): string {
  try {
    return path.dirname(require.resolve(`${MODELS_PACKAGE}/package.json`));
  } catch (error) {
    throw new ModelsNotInstalledError(error);
  }
}

/** apiVersion + kind → the module of its model ("apps/v1" + "Deployment" → apps/v1/Deployment). */
function modelModule(o: K8sObject): string {
  if (
    !/^([a-z0-9.-]+\/)?v[0-9]+((alpha|beta)[0-9]+)?$/.test(o.apiVersion) ||
    !/^[A-Z][A-Za-z0-9]*$/.test(o.kind)
  ) {
    throw new Error(`${describe(o)}: unexpected apiVersion/kind ${o.apiVersion} ${o.kind}`);
  }
  return `${o.apiVersion}/${o.kind}`;
}

/** True when kubernetes-models has a model for the object's apiVersion and kind (core and built-in groups). */
export function hasModel(o: K8sObject): boolean {
  return fs.existsSync(path.join(modelsDir(), `${modelModule(o)}.d.ts`));
}

interface ModelInstance {
  validate(): void;
}
type ModelClass = new (data: unknown) => ModelInstance;

/** (1) Runs the OpenAPI (JSON schema) validator of the object's model; returns the problems. */
export async function validateWithOpenApiSchema(o: K8sObject): Promise<string[]> {
  const dir = modelsDir();
  const file = path.join(dir, `${modelModule(o)}.js`);
  if (!fs.existsSync(file))
    return [
      `${describe(o)}: ${o.apiVersion} ${o.kind} is not a built-in Kubernetes API object (kubernetes-models ${MODELS_VERSION}: Kubernetes 1.27)`,
    ];
  const mod = (await import(`${MODELS_PACKAGE}/${modelModule(o)}`)) as Record<string, unknown>;
  const Model = mod[o.kind] as ModelClass | undefined;
  if (typeof Model !== 'function')
    return [`${describe(o)}: ${MODELS_PACKAGE} has no model class ${o.kind}`];
  try {
    new Model(o).validate();
    return [];
  } catch (error) {
    return [`${describe(o)}: ${(error as Error).message}`];
  }
}

/**
 * (2) Compiles every object as a literal of its model's TypeScript interface, in one program;
 * returns the compiler's complaints (unknown fields, wrong types, missing required fields).
 */
export function typeCheckWithModels(objects: readonly K8sObject[]): string[] {
  const dir = modelsDir();
  const virtualFile = path.join(__dirname, '__deploy_check_objects__.ts');
  const lines: string[] = [];
  const ranges: { start: number; end: number; label: string }[] = [];
  let offset = 0;
  const push = (line: string): void => {
    lines.push(line);
    offset += line.length + 1;
  };
  objects.forEach((o, i) => {
    const module = path.join(dir, modelModule(o)).split(path.sep).join('/');
    push(`import type { I${o.kind} as T${i} } from ${JSON.stringify(module)};`);
  });
  objects.forEach((o, i) => {
    const start = offset;
    push(`export const o${i}: T${i} = ${JSON.stringify(o, null, 1)};`);
    ranges.push({ start, end: offset, label: describe(o) });
  });
  const source = lines.join('\n') + '\n';

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) =>
    path.resolve(fileName) === virtualFile
      ? ts.createSourceFile(fileName, source, languageVersion, true)
      : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => path.resolve(fileName) === virtualFile || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) =>
    path.resolve(fileName) === virtualFile ? source : readFile(fileName);

  const program = ts.createProgram([virtualFile], options, host);
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()];
  return diagnostics.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const owner =
      d.start === undefined
        ? undefined
        : ranges.find((r) => d.start !== undefined && d.start >= r.start && d.start < r.end);
    let at = '';
    if (d.file && d.start !== undefined && owner) {
      // The JSON path of the offending property, from the text around it.
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      at = ` (line ${line + 1} of the generated literal: ${d.file.text.split('\n')[line].trim()})`;
    }
    return `${owner?.label ?? 'deploy-check'}: ${message}${at}`;
  });
}
