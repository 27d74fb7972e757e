// loadScenario: a YAML scenario file → Scenario. Every step is a mapping with one key, the step
// name (`- dial: { ext: 1001, code: '811' }`); the step names and their fields are documented in
// the README. Errors name the step and field and, where the parser knows it, the line.

import { LineCounter, parseDocument, visit } from 'yaml';
import type { Document } from 'yaml';
import { DEVICE_STATES } from './device-state';
import type { SimTiming } from './options';
import { DEFAULT_TIMING } from './options';
import { agentMember } from './phones';
import type { MemberInput, Scenario, ScenarioStep } from './scenario';
import { parseExpect } from './scenario-yaml-expect';
import type { YamlPath } from './yaml-fields';
import { Fields, ScenarioLoadError, compact, isMap, parseWholeNumber } from './yaml-fields';

type StepParser = (value: unknown, path: YamlPath) => ScenarioStep;

const TOP_LEVEL_KEYS = ['name', 'description', 'timing', 'steps'];
const TIMING_KEYS = Object.keys(DEFAULT_TIMING) as Array<keyof SimTiming>;

export function loadScenario(yamlText: string): Scenario {
  const lineCounter = new LineCounter();
  // failsafe: every scalar stays the string that was written (see yaml-fields.ts).
  const doc = parseDocument(yamlText, { schema: 'failsafe', lineCounter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = lineCounter.linePos(syntax.pos[0]).line;
    throw new ScenarioLoadError([], `invalid YAML: ${syntax.message}`, line);
  }
  try {
    return parseScenario(toPlain(doc, lineCounter));
  } catch (error) {
    if (error instanceof ScenarioLoadError && error.line === undefined) {
      throw new ScenarioLoadError(error.path, error.reason, lineOf(doc, lineCounter, error.path));
    }
    throw error;
  }
}

function toPlain(doc: Document, counter: LineCounter): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    // The usual cause: an unquoted feature code like *36, which YAML reads as an alias.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioLoadError(
      [],
      `invalid YAML: ${reason} (quote values that start with * or contain #, e.g. code: '*36')`,
      unresolvedAliasLine(doc, counter),
    );
  }
}

function unresolvedAliasLine(doc: Document, counter: LineCounter): number | undefined {
  let line: number | undefined;
  visit(doc, {
    Alias: (_key, node) => {
      if (node.resolve(doc) !== undefined || !node.range) return undefined;
      line = counter.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}

/** The line of the deepest node of `path` that exists in the document. */
function lineOf(doc: Document, counter: LineCounter, path: YamlPath): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] };
    const offset = node?.range?.[0];
    if (offset !== undefined) return counter.linePos(offset).line;
  }
  return undefined;
}

function parseScenario(value: unknown): Scenario {
  const top = Fields.of(value, [], TOP_LEVEL_KEYS, 'a mapping with name and steps');
  const name = top.string('name');
  const description = top.optionalString('description');
  const timing = parseTiming(top.raw('timing'));
  const rawSteps = top.raw('steps');
  if (!Array.isArray(rawSteps) || rawSteps.length === 0) {
    throw new ScenarioLoadError(['steps'], 'must be a non-empty list of steps');
  }
  const steps = rawSteps.map((raw, index) => parseStep(raw, ['steps', index]));
  return { name, ...(description === undefined ? {} : { description }), ...timing, steps };
}

function parseTiming(value: unknown): { timing?: Partial<SimTiming> } {
  if (value === undefined || value === '') return {};
  const fields = Fields.of(value, ['timing'], TIMING_KEYS);
  const timing: Partial<Record<keyof SimTiming, number>> = {};
  for (const key of TIMING_KEYS) {
    const ms = fields.optionalNumber(key);
    if (ms !== undefined) timing[key] = ms;
  }
  return { timing };
}

function parseStep(raw: unknown, path: YamlPath): ScenarioStep {
  if (!isMap(raw)) {
    throw new ScenarioLoadError(
      path,
      `a step is a mapping like '- wait: 500', got ${describe(raw)}`,
    );
  }
  const keys = Object.keys(raw);
  if (keys.length !== 1) {
    throw new ScenarioLoadError(
      path,
      `a step has exactly one key, the step name; got ${keys.length === 0 ? 'none' : keys.join(', ')}` +
        ' (indent the step fields under the step name)',
    );
  }
  const name = keys[0] as string;
  const parser = STEP_PARSERS[name];
  if (!parser) {
    throw new ScenarioLoadError(
      path,
      `unknown step '${name}' (expected one of ${Object.keys(STEP_PARSERS).join(', ')})`,
    );
  }
  return parser(raw[name], [...path, name]);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return `'${String(value)}'`;
}

/** `register: 1001` or `register: { ext: 1001 }`. */
function scalarOr(value: unknown, path: YamlPath, key: string): string {
  if (typeof value === 'string' && value !== '') return value;
  return Fields.of(value, path, [key], `a ${key} or a mapping with ${key}`).string(key);
}

/** A member given by its phone (`ext`: the lab's agent interface) or by `interface`. */
function memberOf(fields: Fields): Omit<MemberInput, 'queue'> {
  const ext = fields.optionalString('ext');
  const iface = fields.optionalString('interface');
  if ((ext === undefined) === (iface === undefined)) {
    throw new ScenarioLoadError(fields.path, 'give either ext or interface');
  }
  return ext !== undefined ? agentMember(ext) : { interface: iface as string };
}

const STEP_PARSERS: Readonly<Record<string, StepParser>> = {
  wait: (value, path) => {
    if (typeof value === 'string' && value !== '') {
      return { kind: 'wait', ms: parseWholeNumber(value, path, 'ms') };
    }
    return { kind: 'wait', ms: Fields.of(value, path, ['ms'], 'a number of ms').number('ms') };
  },
  register: (value, path) => ({ kind: 'register', ext: scalarOr(value, path, 'ext') }),
  unregister: (value, path) => ({ kind: 'unregister', ext: scalarOr(value, path, 'ext') }),
  dial: (value, path) => {
    const f = Fields.of(value, path, ['ext', 'code']);
    return { kind: 'featureCode', ext: f.string('ext'), code: f.string('code') };
  },
  call: (value, path) => {
    const f = Fields.of(value, path, [
      'queue',
      'from',
      'name',
      'ringMs',
      'talkMs',
      'abandonAfterMs',
      'answer',
    ]);
    const queue = f.string('queue');
    const call = compact({
      callerNumber: f.string('from'),
      callerName: f.optionalString('name'),
      ringMs: f.optionalNumber('ringMs'),
      talkMs: f.optionalNumber('talkMs'),
      abandonAfterMs: f.optionalNumber('abandonAfterMs'),
      answer: f.optionalBoolean('answer'),
    });
    return { kind: 'inboundCall', queue, call };
  },
  deviceState: (value, path) => {
    const f = Fields.of(value, path, ['device', 'state']);
    return {
      kind: 'deviceState',
      device: f.string('device'),
      state: f.oneOf('state', DEVICE_STATES),
    };
  },
  addMember: (value, path) => {
    const f = Fields.of(value, path, [
      'queue',
      'ext',
      'interface',
      'name',
      'stateInterface',
      'penalty',
      'paused',
      'reason',
    ]);
    const member: MemberInput = {
      queue: f.string('queue'),
      ...memberOf(f),
      // Given fields override the agent defaults of `ext`; unset ones must not erase them.
      ...compact({
        memberName: f.optionalString('name'),
        stateInterface: f.optionalString('stateInterface'),
        penalty: f.optionalNumber('penalty'),
        paused: f.optionalBoolean('paused'),
        reason: f.optionalString('reason'),
      }),
    };
    return { kind: 'addMember', member };
  },
  removeMember: (value, path) => {
    const f = Fields.of(value, path, ['queue', 'ext', 'interface']);
    return { kind: 'removeMember', queue: f.string('queue'), interface: memberOf(f).interface };
  },
  pause: (value, path) => pauseStep(value, path, true),
  unpause: (value, path) => pauseStep(value, path, false),
  redirect: (value, path) => {
    const f = Fields.of(value, path, ['ext', 'exten', 'context']);
    return {
      kind: 'redirect',
      ext: f.string('ext'),
      exten: f.string('exten'),
      context: f.optionalString('context') ?? 'from-agents',
    };
  },
  expect: (value, path) => parseExpect(value, path),
};

function pauseStep(value: unknown, path: YamlPath, paused: boolean): ScenarioStep {
  const f = Fields.of(value, path, ['ext', 'interface', 'queue', 'reason']);
  return compact<ScenarioStep>({
    kind: 'pause',
    interface: memberOf(f).interface,
    paused,
    queue: f.optionalString('queue'),
    reason: f.optionalString('reason'),
  });
}
