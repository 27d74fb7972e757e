/**
 * RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over plain JSON values, as
 * kustomize applies a `patches` entry whose patch is a list of operations. Throws on a path that
 * does not exist (except the last token of `add`), as the RFC requires: a patch that silently
 * misses is a deployment that silently differs.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface PatchOperation {
  readonly op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  readonly path: string;
  readonly from?: string;
  readonly value?: Json;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer "${pointer}" must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T extends Json>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function arrayIndex(arr: Json[], token: string, forAdd: boolean, pointer: string): number {
  if (forAdd && token === '-') return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token))
    throw new Error(`"${token}" is not an array index in ${pointer}`);
  const i = Number(token);
  if (i > arr.length || (!forAdd && i === arr.length))
    throw new Error(`index ${i} out of bounds in ${pointer}`);
  return i;
}

/** The container of the pointer's last token, and that token. */
function parentOf(doc: Json, pointer: string): { parent: Json; key: string } {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new Error('patching the document root is not supported');
  let cur: Json = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(cur, t, false, pointer)];
    else if (isObject(cur) && t in cur) cur = cur[t];
    else throw new Error(`path ${pointer} does not exist (at "${t}")`);
  }
  return { parent: cur, key: tokens[tokens.length - 1] };
}

function get(doc: Json, pointer: string): Json {
  let cur: Json = doc;
  for (const t of parsePointer(pointer)) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(cur, t, false, pointer)];
    else if (isObject(cur) && t in cur) cur = cur[t];
    else throw new Error(`path ${pointer} does not exist (at "${t}")`);
  }
  return cur;
}

function add(doc: Json, pointer: string, value: Json): void {
  const { parent, key } = parentOf(doc, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true, pointer), 0, value);
  else if (isObject(parent)) parent[key] = value;
  else throw new Error(`cannot add ${pointer}: parent is not an object or array`);
}

function remove(doc: Json, pointer: string): Json {
  const { parent, key } = parentOf(doc, pointer);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, key, false, pointer), 1)[0];
  if (isObject(parent) && key in parent) {
    const old = parent[key];
    delete parent[key];
    return old;
  }
  throw new Error(`cannot remove ${pointer}: it does not exist`);
}

function deepEqual(a: Json, b: Json): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObject(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])]),
    );
  return v;
}

/** Applies the operations in order to a copy of `doc`, and returns the copy. */
export function applyJsonPatch<T extends Json>(doc: T, operations: readonly PatchOperation[]): T {
  const out = clone(doc);
  for (const op of operations) {
    switch (op.op) {
      case 'add':
        add(out, op.path, clone(requireValue(op)));
        break;
      case 'remove':
        remove(out, op.path);
        break;
      case 'replace':
        get(out, op.path); // must exist
        remove(out, op.path);
        add(out, op.path, clone(requireValue(op)));
        break;
      case 'move': {
        const value = remove(out, requireFrom(op));
        add(out, op.path, value);
        break;
      }
      case 'copy':
        add(out, op.path, clone(get(out, requireFrom(op))));
        break;
      case 'test':
        if (!deepEqual(get(out, op.path), requireValue(op)))
          throw new Error(`test failed at ${op.path}`);
        break;
      default: {
        const unknown: never = op.op;
        throw new Error(`unknown JSON patch op "${String(unknown)}"`);
      }
    }
  }
  return out;
}

function requireValue(op: PatchOperation): Json {
  if (op.value === undefined) throw new Error(`"${op.op}" at ${op.path} needs a value`);
  return op.value;
}

function requireFrom(op: PatchOperation): string {
  if (op.from === undefined) throw new Error(`"${op.op}" at ${op.path} needs "from"`);
  return op.from;
}

/** Checks that `raw` is a list of JSON patch operations (what a kustomize JSON6902 patch holds). */
export function asPatchOperations(raw: unknown, where: string): PatchOperation[] {
  if (!Array.isArray(raw)) {
    throw new Error(
      `${where}: only JSON6902 patches (a list of operations) are supported, not strategic merge patches`,
    );
  }
  return raw.map((op, i) => {
    const o = op as Partial<PatchOperation>;
    if (!o || typeof o !== 'object' || typeof o.op !== 'string' || typeof o.path !== 'string') {
      throw new Error(`${where}: operation ${i} needs "op" and "path"`);
    }
    if (!['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(o.op)) {
      throw new Error(`${where}: operation ${i} has unknown op "${o.op}"`);
    }
    return o as PatchOperation;
  });
}
