// Public API of @switchboard/pbx-sim: an Asterisk 20 AMI simulator for tests and the demo.

export { PbxSimulator } from './simulator';
export type { ActionLog, ClientLog, SimEventMap, SimStats } from './simulator';
export type {
  DemoAgent,
  DemoOptions,
  HintConfig,
  PhoneConfig,
  QueueConfig,
  QueueStrategy,
  SimOptions,
  SimTiming,
} from './options';
export {
  DEFAULT_DEMO,
  DEFAULT_PHONES,
  DEFAULT_QUEUES,
  DEFAULT_TIMING,
  DEMO_TIMING,
} from './options';
export type { InboundCallOptions, InboundOutcome } from './inbound-call';
export type { InboundCallHandle, RedirectRecord } from './pbx';
export type { CallInfo } from './call-env';
export type { PhoneView } from './phones';
export type { QueueMemberView } from './events';
export type { AddResult, RemoveResult } from './queues';
export type { AmiFields } from './channel';
export type { DeviceState } from './device-state';
export type {
  CallResult,
  Expectation,
  MemberInput,
  RunOptions,
  Scenario,
  ScenarioControls,
  ScenarioHost,
  ScenarioProbe,
  ScenarioStep,
  ScenarioTarget,
} from './scenario';
export { ScenarioError, runScenario, stepLabel } from './scenario';
export { loadScenario } from './scenario-yaml';
export { ScenarioLoadError } from './yaml-fields';
export { scenarioTiming, speedUpScenario, speedUpTiming } from './scenario-speed';
export type { LoadOptions, LoadStats } from './load';
export { DEFAULT_LOAD } from './load';
export { agentMember } from './phones';
