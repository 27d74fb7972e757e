// The `expect` step of a scenario file: one or more checks plus an optional `within` (ms), e.g.
//   - expect: { member: { queue: helpdesk, ext: 1001, status: 2 }, within: 2000 }
// Each check becomes an Expectation (scenario-checks.ts).

import { DEVICE_STATES } from './device-state';
import { agentMember } from './phones';
import type { CallResult, Expectation } from './scenario-checks';
import type { ScenarioStep } from './scenario';
import type { YamlPath } from './yaml-fields';
import { Fields, ScenarioLoadError, compact, parseWholeNumber } from './yaml-fields';

type CheckParser = (value: unknown, path: YamlPath) => Expectation;

const CALL_RESULTS: readonly CallResult[] = ['waiting', 'answered', 'abandoned', 'timeout'];

const CHECK_PARSERS: Readonly<Record<string, CheckParser>> = {
  member: (value, path) => {
    const f = Fields.of(value, path, [
      'queue',
      'ext',
      'interface',
      'present',
      'paused',
      'status',
      'inCall',
    ]);
    const ext = f.optionalString('ext');
    const iface = f.optionalString('interface');
    if ((ext === undefined) === (iface === undefined)) {
      throw new ScenarioLoadError(path, 'give either ext or interface');
    }
    return compact<Expectation>({
      what: 'member',
      queue: f.string('queue'),
      interface: ext !== undefined ? agentMember(ext).interface : (iface as string),
      present: f.optionalBoolean('present') ?? true,
      paused: f.optionalBoolean('paused'),
      status: f.optionalNumber('status'),
      inCall: f.optionalBoolean('inCall'),
    });
  },
  redirect: (value, path) => {
    const f = Fields.of(value, path, ['ext', 'exten', 'context', 'count']);
    return compact<Expectation>({
      what: 'redirect',
      ext: f.optionalString('ext'),
      exten: f.optionalString('exten'),
      context: f.optionalString('context'),
      count: f.optionalNumber('count'),
    });
  },
  phone: (value, path) => {
    const f = Fields.of(value, path, ['ext', 'registered', 'state']);
    return compact<Expectation>({
      what: 'phone',
      ext: f.string('ext'),
      registered: f.optionalBoolean('registered'),
      state: f.optionalOneOf('state', DEVICE_STATES),
    });
  },
  deviceState: (value, path) => {
    const f = Fields.of(value, path, ['device', 'state']);
    return {
      what: 'deviceState',
      device: f.string('device'),
      state: f.oneOf('state', DEVICE_STATES),
    };
  },
  call: (value, path) => {
    const f = Fields.of(value, path, ['from', 'result', 'answeredBy', 'ringNoAnswer']);
    return compact<Expectation>({
      what: 'call',
      from: f.string('from'),
      result: f.optionalOneOf('result', CALL_RESULTS),
      answeredBy: f.optionalString('answeredBy'),
      ringNoAnswer: f.optionalNumber('ringNoAnswer'),
    });
  },
  queueLog: (value, path) => {
    const f = Fields.of(value, path, ['event', 'queue', 'agent', 'count']);
    return compact<Expectation>({
      what: 'queueLog',
      event: f.string('event'),
      queue: f.optionalString('queue'),
      agent: f.optionalString('agent'),
      count: f.optionalNumber('count'),
    });
  },
  activeCalls: (value, path) => {
    const count =
      typeof value === 'string' && value !== ''
        ? parseWholeNumber(value, path, 'activeCalls')
        : Fields.of(value, path, ['count'], 'a number or a mapping with count').number('count');
    return { what: 'activeCalls', count };
  },
};

export function parseExpect(value: unknown, path: YamlPath): ScenarioStep {
  const checkNames = Object.keys(CHECK_PARSERS);
  const f = Fields.of(
    value,
    path,
    [...checkNames, 'within'],
    `a mapping of checks (${checkNames.join(', ')})`,
  );
  const checks = checkNames
    .filter((name) => f.has(name))
    .map((name) => (CHECK_PARSERS[name] as CheckParser)(f.raw(name), [...path, name]));
  if (checks.length === 0) {
    throw new ScenarioLoadError(path, `needs at least one check (${checkNames.join(', ')})`);
  }
  return { kind: 'expect', checks, withinMs: f.optionalNumber('within') ?? 0 };
}
