// Scenario scripts: a list of steps run against the simulator, one after the other. Steps play
// the PBX side only (phones, customers, the operator at the Asterisk CLI); the gateway, if one is
// connected, reacts over AMI as it would in production. `expect` steps check the simulator's own
// state, waiting up to `withinMs` for it, so the same check works whether the scenario itself or
// a connected gateway made the change. YAML files become a Scenario in scenario-yaml.ts.

import type { CallInfo } from './call-env';
import type { DeviceState } from './device-state';
import type { QueueMemberView } from './events';
import type { InboundCallOptions } from './inbound-call';
import type { SimTiming } from './options';
import type { RedirectRecord } from './pbx';
import type { PhoneView } from './phones';
import type { AddResult, RemoveResult } from './queues';
import { checkExpectation } from './scenario-checks';
import type { Expectation } from './scenario-checks';

export type { CallResult, Expectation } from './scenario-checks';

export interface MemberInput {
  readonly queue: string;
  readonly interface: string;
  readonly memberName?: string;
  readonly stateInterface?: string;
  readonly penalty?: number;
  readonly paused?: boolean;
  readonly reason?: string;
}

export type ScenarioStep =
  | { readonly kind: 'wait'; readonly ms: number }
  | { readonly kind: 'register'; readonly ext: string }
  | { readonly kind: 'unregister'; readonly ext: string }
  | { readonly kind: 'featureCode'; readonly ext: string; readonly code: string }
  | {
      readonly kind: 'inboundCall';
      readonly queue: string;
      readonly call: Omit<InboundCallOptions, 'onAnswered'>;
    }
  | { readonly kind: 'deviceState'; readonly device: string; readonly state: DeviceState }
  | { readonly kind: 'addMember'; readonly member: MemberInput }
  | { readonly kind: 'removeMember'; readonly queue: string; readonly interface: string }
  | {
      readonly kind: 'pause';
      readonly interface: string;
      readonly paused: boolean;
      /** Undefined: every queue the member is in (QueuePause without Queue). */
      readonly queue?: string;
      readonly reason?: string;
    }
  | {
      /** Redirect the feature-code call a phone is on (what the gateway does after a login). */
      readonly kind: 'redirect';
      readonly ext: string;
      readonly context: string;
      readonly exten: string;
    }
  | {
      readonly kind: 'expect';
      readonly checks: readonly Expectation[];
      /** How long the checks may take to come true (0 = they must hold right now). */
      readonly withinMs: number;
    };

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  /** Timings the scenario was written for; whoever creates the simulator applies them. */
  readonly timing?: Partial<SimTiming>;
  readonly steps: readonly ScenarioStep[];
}

/** What expect steps read. PbxSimulator has all of it. */
export interface ScenarioProbe {
  members(queue: string): QueueMemberView[];
  readonly redirects: readonly RedirectRecord[];
  phones(): PhoneView[];
  deviceState(device: string): DeviceState;
  queueLog(): readonly string[];
  calls(): CallInfo[];
}

/** Steps beyond the first four drive these. PbxSimulator has all of them. */
export interface ScenarioControls {
  setDeviceState(device: string, state: DeviceState): void;
  addMember(input: MemberInput): AddResult;
  removeMember(queue: string, iface: string): RemoveResult;
  pauseMember(
    iface: string,
    paused: boolean,
    options?: { queue?: string; reason?: string },
  ): boolean;
  redirect(channel: string, context: string, exten: string, priority?: number): boolean;
}

/**
 * The part of the simulator a scenario drives. Only the four original controls are required, so
 * a fake for a unit test implements what its steps use; a step whose method is missing fails
 * with an error naming it.
 */
export interface ScenarioTarget extends Partial<ScenarioControls>, Partial<ScenarioProbe> {
  registerPhone(ext: string): void;
  unregisterPhone(ext: string): void;
  dialFeatureCode(ext: string, code: string): Promise<unknown>;
  startInboundCall(queue: string, options: InboundCallOptions): Promise<unknown>;
}

/** Everything a scenario may use; the simulator declares it implements this. */
export type ScenarioHost = ScenarioTarget & ScenarioControls & ScenarioProbe;

export interface RunOptions {
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called before each step (main.ts logs them). */
  readonly onStep?: (index: number, step: ScenarioStep) => void;
}

/** A step failed; the message starts with the step, e.g. `steps[3].expect: ...`. */
export class ScenarioError extends Error {
  constructor(
    readonly stepIndex: number,
    message: string,
  ) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** How often an expect step looks again while it waits for its checks to come true. */
const POLL_MS = 10;

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function runScenario(
  target: ScenarioTarget,
  scenario: Scenario,
  sleepOrOptions: ((ms: number) => Promise<void>) | RunOptions = {},
): Promise<void> {
  const options = typeof sleepOrOptions === 'function' ? { sleep: sleepOrOptions } : sleepOrOptions;
  const sleep = options.sleep ?? realSleep;
  for (const [index, step] of scenario.steps.entries()) {
    options.onStep?.(index, step);
    try {
      await runStep(target, step, sleep);
    } catch (error) {
      if (error instanceof ScenarioError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new ScenarioError(index, `${stepLabel(index, step)}: ${reason}`);
    }
  }
}

/** `steps[3].dial`: the step as it is named in a YAML file. */
export function stepLabel(index: number, step: ScenarioStep): string {
  return `steps[${index}].${stepName(step)}`;
}

export function stepName(step: ScenarioStep): string {
  switch (step.kind) {
    case 'featureCode':
      return 'dial';
    case 'inboundCall':
      return 'call';
    case 'pause':
      return step.paused ? 'pause' : 'unpause';
    default:
      return step.kind;
  }
}

async function runStep(
  target: ScenarioTarget,
  step: ScenarioStep,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  switch (step.kind) {
    case 'wait':
      await sleep(step.ms);
      return;
    case 'register':
      target.registerPhone(step.ext);
      return;
    case 'unregister':
      target.unregisterPhone(step.ext);
      return;
    case 'featureCode':
      await target.dialFeatureCode(step.ext, step.code);
      return;
    case 'inboundCall':
      await target.startInboundCall(step.queue, step.call);
      return;
    case 'deviceState':
      need(target.setDeviceState, 'setDeviceState').call(target, step.device, step.state);
      return;
    case 'addMember':
      addMember(target, step.member);
      return;
    case 'removeMember':
      removeMember(target, step.queue, step.interface);
      return;
    case 'pause': {
      const pause = need(target.pauseMember, 'pauseMember');
      const found = pause.call(target, step.interface, step.paused, {
        queue: step.queue,
        reason: step.reason,
      });
      if (!found) {
        throw new Error(
          `${step.interface} is not a member${step.queue ? ` of ${step.queue}` : ''}`,
        );
      }
      return;
    }
    case 'redirect':
      redirect(target, step);
      return;
    case 'expect':
      await expectWithin(target, step.checks, step.withinMs, sleep);
      return;
    default: {
      const never: never = step;
      throw new Error(`unknown scenario step ${JSON.stringify(never)}`);
    }
  }
}

function addMember(target: ScenarioTarget, member: MemberInput): void {
  const result = need(target.addMember, 'addMember').call(target, member);
  if (result === 'exists') throw new Error(`${member.interface} is already in ${member.queue}`);
  if (result === 'nosuchqueue') throw new Error(`no queue named ${member.queue}`);
}

function removeMember(target: ScenarioTarget, queue: string, iface: string): void {
  const result = need(target.removeMember, 'removeMember').call(target, queue, iface);
  if (result === 'notthere') throw new Error(`${iface} is not in ${queue}`);
  if (result === 'nosuchqueue') throw new Error(`no queue named ${queue}`);
}

function redirect(target: ScenarioTarget, step: Extract<ScenarioStep, { kind: 'redirect' }>): void {
  const calls = need(target.calls, 'calls').call(target);
  // The phone's feature call still waiting in the dialplan; its last channel runs the dialplan.
  const call = calls.find(
    (c) => c.kind === 'feature' && c.caller === step.ext && c.state === 'holding',
  );
  const channel = call?.channels[call.channels.length - 1];
  if (!channel) {
    throw new Error(`phone ${step.ext} has no feature-code call waiting for a redirect`);
  }
  need(target.redirect, 'redirect').call(target, channel, step.context, step.exten, 1);
}

async function expectWithin(
  target: ScenarioTarget,
  checks: readonly Expectation[],
  withinMs: number,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  const probe = asProbe(target);
  // Time is counted in slept milliseconds, not read from the clock, so a fake sleep in a unit
  // test walks through the waiting deterministically.
  for (let waited = 0; ; ) {
    const failures = checks
      .map((check) => checkExpectation(probe, check))
      .filter((f): f is string => f !== undefined);
    if (failures.length === 0) return;
    if (waited >= withinMs) {
      const after = withinMs > 0 ? ` (waited ${withinMs} ms)` : '';
      throw new Error(`${failures.join('; ')}${after}`);
    }
    const pause = Math.min(POLL_MS, withinMs - waited);
    await sleep(pause);
    waited += pause;
  }
}

function asProbe(target: ScenarioTarget): ScenarioProbe {
  const missing = (
    ['members', 'redirects', 'phones', 'deviceState', 'queueLog', 'calls'] as const
  ).filter((key) => target[key] === undefined);
  if (missing.length > 0) {
    throw new Error(`the target cannot be inspected (no ${missing.join(', ')})`);
  }
  return target as ScenarioProbe;
}

function need<T>(method: T | undefined, name: string): T {
  if (method === undefined) throw new Error(`the target has no ${name}()`);
  return method;
}
