import type { Directory } from '../directory/directory';
import { loginNumberForms } from '../directory/login-numbers';
import type { FeatureCodeIntent } from './feature-code-intent';
import { interpretPinCode } from './pin-codes';

/**
 * What the code a phone dialled means on this site: a queue's login number (N toggle, N+'1' login,
 * N+'0' logout), the global number (the same three forms over all the agent's queues), a PIN
 * short code or the IVR's code (pin-codes.ts; they start with * or #, login numbers are digits,
 * so the two never overlap), or nothing. parseDirectory guarantees no two forms are equal, so the first match is the only one.
 * Which agent dialled, and whether the queue is theirs, is the caller's business.
 */
export function interpretFeatureCode(directory: Directory, code: string): FeatureCodeIntent {
  const dialled = code.trim();
  const pinCode = interpretPinCode(dialled);
  if (pinCode) return pinCode;
  const numbers: Array<{ number: string; queues: readonly string[] | 'all-of-agent' }> = [];
  if (directory.globalLoginNumber)
    numbers.push({ number: directory.globalLoginNumber, queues: 'all-of-agent' });
  for (const q of directory.queues)
    if (q.loginNumber) numbers.push({ number: q.loginNumber, queues: [q.name] });
  for (const { number, queues } of numbers) {
    const form = loginNumberForms(number).find((f) => f.code === dialled);
    if (form) return { kind: 'queue-login', mode: form.mode, queues };
  }
  return { kind: 'unknown' };
}
