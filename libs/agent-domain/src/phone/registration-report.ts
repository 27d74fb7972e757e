/**
 * Whether a PBX event says the phone is registered: true, false, or undefined when it says
 * nothing about registration. chan_sip's PeerStatus: Registered/Reachable/Lagged up,
 * Unregistered/Unreachable/Rejected down (sip-registration capture). DeviceStateChange:
 * UNAVAILABLE is an unregistered device; every call state (NOT_INUSE, INUSE, RINGING…) needs a
 * registered one; UNKNOWN and INVALID say nothing.
 */
export function registrationOfPeerStatus(peerStatus: string): boolean | undefined {
  switch (peerStatus.trim().toLowerCase()) {
    case 'registered':
    case 'reachable':
    case 'lagged':
      return true;
    case 'unregistered':
    case 'unreachable':
    case 'rejected':
      return false;
    default:
      return undefined;
  }
}

const SILENT_DEVICE_STATES = new Set(['unknown', 'invalid', '']);

export function registrationOfDeviceState(state: string): boolean | undefined {
  const s = state.trim().toLowerCase();
  if (SILENT_DEVICE_STATES.has(s)) return undefined;
  return s !== 'unavailable';
}
