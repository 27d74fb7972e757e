// Scenario scripts: a list of steps run against the simulator, one after the other. This is the
// seam for the YAML scenario files of a later issue: a loader only has to produce a Scenario.

import type { InboundCallOptions } from './inbound-call';

export type ScenarioStep =
  | { readonly kind: 'wait'; readonly ms: number }
  | { readonly kind: 'register'; readonly ext: string }
  | { readonly kind: 'unregister'; readonly ext: string }
  | { readonly kind: 'featureCode'; readonly ext: string; readonly code: string }
  | {
      readonly kind: 'inboundCall';
      readonly queue: string;
      readonly call: Omit<InboundCallOptions, 'onAnswered'>;
    };

export interface Scenario {
  readonly name: string;
  readonly steps: readonly ScenarioStep[];
}

/** The part of the simulator a scenario drives (PbxSimulator satisfies it). */
export interface ScenarioTarget {
  registerPhone(ext: string): void;
  unregisterPhone(ext: string): void;
  dialFeatureCode(ext: string, code: string): Promise<unknown>;
  startInboundCall(queue: string, options: InboundCallOptions): Promise<unknown>;
}

export async function runScenario(
  target: ScenarioTarget,
  scenario: Scenario,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<void> {
  for (const step of scenario.steps) {
    switch (step.kind) {
      case 'wait':
        await sleep(step.ms);
        break;
      case 'register':
        target.registerPhone(step.ext);
        break;
      case 'unregister':
        target.unregisterPhone(step.ext);
        break;
      case 'featureCode':
        await target.dialFeatureCode(step.ext, step.code);
        break;
      case 'inboundCall':
        await target.startInboundCall(step.queue, step.call);
        break;
      default: {
        const never: never = step;
        throw new Error(`unknown scenario step ${JSON.stringify(never)}`);
      }
    }
  }
}
