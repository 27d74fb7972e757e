// Asterisk device states: the names used by DeviceStateChange, the numbers used by queue member
// Status, and the extension (hint) states used by ExtensionStatus.

export const DEVICE_STATES = [
  'UNKNOWN',
  'NOT_INUSE',
  'INUSE',
  'BUSY',
  'INVALID',
  'UNAVAILABLE',
  'RINGING',
  'RINGINUSE',
  'ONHOLD',
] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export function isDeviceState(value: string): value is DeviceState {
  return (DEVICE_STATES as readonly string[]).includes(value);
}

/** Queue member Status: 1 not in use, 2 in use, 5 unavailable, 6 ringing, ... */
export function deviceStateNumber(state: DeviceState): number {
  return DEVICE_STATES.indexOf(state);
}

/** ExtensionStatus Status/StatusText for a hint on a device in this state. */
export function extensionState(state: DeviceState): { status: number; text: string } {
  switch (state) {
    case 'UNKNOWN':
    case 'NOT_INUSE':
      return { status: 0, text: 'Idle' };
    case 'INUSE':
      return { status: 1, text: 'InUse' };
    case 'BUSY':
      return { status: 2, text: 'Busy' };
    case 'INVALID':
    case 'UNAVAILABLE':
      return { status: 4, text: 'Unavailable' };
    case 'RINGING':
      return { status: 8, text: 'Ringing' };
    case 'RINGINUSE':
      return { status: 9, text: 'InUse&Ringing' };
    case 'ONHOLD':
      return { status: 16, text: 'Hold' };
    default: {
      const never: never = state;
      throw new Error(`unknown device state ${String(never)}`);
    }
  }
}

/** Members in these states can be offered a call (Asterisk treats UNKNOWN as available). */
export function isAvailableState(state: DeviceState): boolean {
  return state === 'NOT_INUSE' || state === 'UNKNOWN';
}
