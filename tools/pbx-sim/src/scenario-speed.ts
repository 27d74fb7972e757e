// Running a scenario faster than written: every duration in it (waits, ring/talk/abandon times,
// expect windows, its timing block) divided by the same factor. The example scenarios keep the
// captures' pace for demos; their specs and `--speed` replay them in a fraction of the time.

import type { SimTiming } from './options';
import { DEMO_TIMING } from './options';
import type { Scenario, ScenarioStep } from './scenario';

export function speedUpScenario(scenario: Scenario, speed: number): Scenario {
  assertSpeed(speed);
  return {
    ...scenario,
    ...(scenario.timing ? { timing: speedUpTiming(scenario.timing, speed) } : {}),
    steps: scenario.steps.map((step) => speedUpStep(step, speed)),
  };
}

export function speedUpTiming<T extends Partial<SimTiming>>(timing: T, speed: number): T {
  assertSpeed(speed);
  const out: Partial<Record<keyof SimTiming, number>> = {};
  for (const [key, ms] of Object.entries(timing) as Array<[keyof SimTiming, number | undefined]>) {
    if (ms !== undefined) out[key] = scale(ms, speed);
  }
  return out as T;
}

/**
 * The simulator timing for running a scenario: the lab's pace (DEMO_TIMING) under the scenario's
 * own timing block, both at `speed`. Pass the scenario as returned by speedUpScenario (its
 * timing is already sped up).
 */
export function scenarioTiming(scenario: Scenario, speed = 1): SimTiming {
  return { ...speedUpTiming(DEMO_TIMING, speed), ...scenario.timing };
}

function speedUpStep(step: ScenarioStep, speed: number): ScenarioStep {
  switch (step.kind) {
    case 'wait':
      return { ...step, ms: scale(step.ms, speed) };
    case 'inboundCall': {
      const { ringMs, talkMs, abandonAfterMs } = step.call;
      return {
        ...step,
        call: {
          ...step.call,
          ...(ringMs === undefined ? {} : { ringMs: scale(ringMs, speed) }),
          ...(talkMs === undefined ? {} : { talkMs: scale(talkMs, speed) }),
          ...(abandonAfterMs === undefined ? {} : { abandonAfterMs: scale(abandonAfterMs, speed) }),
        },
      };
    }
    case 'expect':
      return { ...step, withinMs: scale(step.withinMs, speed) };
    default:
      return step;
  }
}

/** A duration that was not zero stays above zero, so "after" never becomes "at the same time". */
function scale(ms: number, speed: number): number {
  return ms === 0 ? 0 : Math.max(1, Math.round(ms / speed));
}

function assertSpeed(speed: number): void {
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new Error(`pbx-sim: speed must be a positive number, got ${speed}`);
  }
}
