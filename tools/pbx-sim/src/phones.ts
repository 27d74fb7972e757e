// The SIP phones (chan_sip peers). A phone's device state SIP/<ext> follows its registration and
// the calls it is on: unregistered → UNAVAILABLE, a call up → INUSE, only ringing → RINGING.

import type { AmiFields } from './channel';
import type { DeviceState } from './device-state';
import type { DeviceStates } from './devices';
import { peerStatusRegistered, peerStatusUnregistered } from './events';
import type { PhoneConfig } from './options';

export type PhoneCallState = 'ringing' | 'inuse';

export interface Phone {
  readonly ext: string;
  readonly name: string;
  readonly address: string;
  registered: boolean;
  /** Calls the phone is on, keyed by the call's channel name. */
  readonly calls: Map<string, PhoneCallState>;
}

export interface PhoneView {
  readonly ext: string;
  readonly name: string;
  readonly registered: boolean;
  readonly deviceState: DeviceState;
  readonly activeCalls: number;
}

export class PhoneBook {
  private readonly phones = new Map<string, Phone>();

  constructor(
    configs: readonly Required<PhoneConfig>[],
    private readonly devices: DeviceStates,
    private readonly emit: (fields: AmiFields) => void,
  ) {
    for (const config of configs) this.create(config);
  }

  /**
   * A phone configured after start-up (load mode's generated agents). It starts unregistered, as
   * a freshly provisioned peer does; register() then reports it like any other phone.
   */
  add(ext: string, name: string): void {
    if (this.phones.has(ext)) throw new Error(`pbx-sim: duplicate phone extension '${ext}'`);
    this.create({ ext, name, registered: false });
  }

  has(ext: string): boolean {
    return this.phones.has(ext);
  }

  private create(config: Required<PhoneConfig>): void {
    const phone: Phone = {
      ext: config.ext,
      name: config.name,
      // The lab's test user agent registered phone n from UDP port 5101 + n.
      address: `127.0.0.1:${5101 + this.phones.size}`,
      registered: config.registered,
      calls: new Map(),
    };
    this.phones.set(phone.ext, phone);
    this.devices.addHint({ exten: phone.ext, context: 'from-agents', device: device(phone.ext) });
    this.devices.init(device(phone.ext), this.stateOf(phone));
  }

  get(ext: string): Phone | undefined {
    return this.phones.get(ext);
  }

  require(ext: string): Phone {
    const phone = this.phones.get(ext);
    if (!phone) throw new Error(`pbx-sim: no phone with extension ${ext}`);
    return phone;
  }

  list(): PhoneView[] {
    return [...this.phones.values()].map((p) => ({
      ext: p.ext,
      name: p.name,
      registered: p.registered,
      deviceState: this.stateOf(p),
      activeCalls: p.calls.size,
    }));
  }

  /** REGISTER: PeerStatus Registered (also for re-registrations), then the device change. */
  register(ext: string): void {
    const phone = this.require(ext);
    phone.registered = true;
    this.emit(peerStatusRegistered(phone.ext, phone.address));
    this.devices.publish(device(ext), this.stateOf(phone));
  }

  /** REGISTER with Expires: 0. chan_sip reports Cause: Expired even for an explicit unregister. */
  unregister(ext: string): void {
    const phone = this.require(ext);
    if (!phone.registered) return;
    phone.registered = false;
    this.devices.publish(device(ext), this.stateOf(phone), {
      afterDevice: () => this.emit(peerStatusUnregistered(phone.ext)),
    });
  }

  /** A call on the phone changed (undefined = the call left the phone). */
  setCallState(ext: string, callKey: string, state: PhoneCallState | undefined): void {
    const phone = this.phones.get(ext);
    if (!phone) return;
    if (state) phone.calls.set(callKey, state);
    else phone.calls.delete(callKey);
    this.devices.publish(device(ext), this.stateOf(phone));
  }

  isIdle(ext: string): boolean {
    const phone = this.phones.get(ext);
    return !!phone && phone.registered && phone.calls.size === 0;
  }

  private stateOf(phone: Phone): DeviceState {
    if (!phone.registered) return 'UNAVAILABLE';
    const states = [...phone.calls.values()];
    const inUse = states.includes('inuse');
    const ringing = states.includes('ringing');
    if (inUse && ringing) return 'RINGINUSE';
    if (inUse) return 'INUSE';
    if (ringing) return 'RINGING';
    return 'NOT_INUSE';
  }
}

export function device(ext: string): string {
  return `SIP/${ext}`;
}

/**
 * The queue member interface of a phone's agent, as the gateway adds it: a Local channel into
 * agent-phones (which dials the phone), watched through the phone's own device state.
 */
export function agentMember(ext: string): {
  interface: string;
  stateInterface: string;
  memberName: string;
} {
  return {
    interface: `Local/${ext}@agent-phones/n`,
    stateInterface: device(ext),
    memberName: `Agent ${ext}`,
  };
}
