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
export type { AmiFields } from './channel';
export type { DeviceState } from './device-state';
export type { Scenario, ScenarioStep, ScenarioTarget } from './scenario';
export { runScenario } from './scenario';
