import type { IvrRequest, FeatureCodeIntent } from './feature-code-intent';

/**
 * The PIN short codes and the IVR code. Agent numbers and PINs are digits; the optional trailing
 * `#` is the send key some phones transmit and others do not.
 */
const STAR_LOGIN = /^\*35\*([0-9]+)\*([0-9]+)#?$/;
const HASH_LOGIN = /^#([0-9]+)\*([0-9]+)#?$/;
const LOGOUT = /^\*36#?$/;
const IVR = /^\*37\*([0-9]+)\*([0-9]+)\*([1-5])(?:\*(\+?[0-9]+))?#?$/;

/** The intent of a PIN short code or IVR code, or undefined when the code is none of them. */
export function interpretPinCode(code: string): FeatureCodeIntent | undefined {
  const login = STAR_LOGIN.exec(code) ?? HASH_LOGIN.exec(code);
  if (login) return { kind: 'pin-login', agentId: login[1], pin: login[2] };
  if (LOGOUT.test(code)) return { kind: 'pin-logout' };
  const ivr = IVR.exec(code);
  if (ivr) {
    const request = ivrRequest(ivr[3], ivr[4]);
    return request ? { kind: 'ivr', agentId: ivr[1], pin: ivr[2], request } : undefined;
  }
  return undefined;
}

/** The IVR menu: 1 login with calls to a number, 2 login on the own line, 3 logout, 4 pause,
 *  5 unpause. Only choice 1 takes a number, and needs one. */
function ivrRequest(choice: string, number: string | undefined): IvrRequest | undefined {
  if (choice === '1') return number ? { action: 'login-at-number', number } : undefined;
  if (number !== undefined) return undefined;
  switch (choice) {
    case '2':
      return { action: 'login-own-line' };
    case '3':
      return { action: 'logout' };
    case '4':
      return { action: 'pause' };
    case '5':
      return { action: 'unpause' };
    default:
      return undefined;
  }
}
