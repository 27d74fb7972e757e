// Device states and hints. Asterisk caches device states and only reports a change when the
// state really changes; app_queue listens to the same changes to update its members. The order
// of one change on the wire follows the captures: ExtensionStatus for each hint on the device,
// DeviceStateChange, then whatever listens (queue members: QueueMemberStatus, Queue:<q>_avail).

import type { AmiFields } from './channel';
import type { DeviceState } from './device-state';
import type { HintView } from './events';
import { deviceStateChange, extensionStatus } from './events';

export type DeviceListener = (device: string, state: DeviceState) => void;

export interface PublishOptions {
  /** Report even if the state did not change (Local channel devices are not cached). */
  readonly force?: boolean;
  /** Runs between DeviceStateChange and the listeners (chan_sip sends PeerStatus there). */
  readonly afterDevice?: () => void;
}

export class DeviceStates {
  private readonly states = new Map<string, DeviceState>();
  private readonly hintList: HintView[] = [];
  private readonly listeners: DeviceListener[] = [];
  /** Device state providers by technology (ast_devstate_prov_add), for devices never reported. */
  private readonly providers = new Map<string, (device: string) => DeviceState>();

  constructor(private readonly emit: (fields: AmiFields) => void) {}

  addHint(hint: HintView): void {
    this.hintList.push(hint);
  }

  hints(): readonly HintView[] {
    return this.hintList;
  }

  findHint(exten: string, context: string): HintView | undefined {
    return this.hintList.find((h) => h.exten === exten && h.context === context);
  }

  onChange(listener: DeviceListener): void {
    this.listeners.push(listener);
  }

  /** A module that answers for `<prefix>:<id>` devices (app_agent_pool: Agent). */
  addProvider(prefix: string, state: (device: string) => DeviceState): void {
    this.providers.set(prefix, state);
  }

  /** Current state; devices nobody reported yet fall back to what Asterisk would answer. */
  get(device: string): DeviceState {
    const known = this.states.get(device);
    if (known) return known;
    const provider = this.providers.get(device.slice(0, device.indexOf(':')));
    if (provider) return provider(device);
    if (device.startsWith('Custom:')) return 'UNKNOWN';
    if (device.startsWith('Local/')) return 'NOT_INUSE';
    return 'INVALID';
  }

  /** Set a state without telling anyone (the state the PBX booted with). */
  init(device: string, state: DeviceState): void {
    this.states.set(device, state);
  }

  /** Change a device's state and report it. Returns false when nothing changed. */
  publish(device: string, state: DeviceState, options: PublishOptions = {}): boolean {
    const previous = this.states.get(device);
    if (previous === state && !options.force) return false;
    this.states.set(device, state);
    for (const hint of this.hintList) {
      if (hint.device === device) this.emit(extensionStatus(hint, state));
    }
    this.emit(deviceStateChange(device, state));
    options.afterDevice?.();
    if (previous !== state) {
      for (const listener of this.listeners) listener(device, state);
    }
    return true;
  }

  /** Known devices, for DeviceStateList. */
  list(): Array<[string, DeviceState]> {
    return [...this.states.entries()];
  }
}
