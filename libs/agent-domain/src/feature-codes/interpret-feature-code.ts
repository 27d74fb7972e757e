import type { LoginMode } from '@switchboard/contracts';
import type { Directory } from '../directory/directory';

/** What a dialled code asks for. PIN short codes (*35*EXT*PIN#, *36) join this union with the
 *  force-login work; until then they are `unknown` and refused. */
export type FeatureCodeIntent =
  | {
      readonly kind: 'queue-login';
      readonly mode: LoginMode;
      /** One queue, or every queue of the calling agent (the global number). */
      readonly queues: readonly string[] | 'all-of-agent';
    }
  | { readonly kind: 'unknown' };

/** Login number N toggles, N+'1' logs in, N+'0' logs out; per queue or global. */
export function interpretFeatureCode(directory: Directory, code: string): FeatureCodeIntent {
  const numbers: Array<{ number: string; queues: readonly string[] | 'all-of-agent' }> = [];
  if (directory.globalLoginNumber) numbers.push({ number: directory.globalLoginNumber, queues: 'all-of-agent' });
  for (const q of directory.queues) if (q.loginNumber) numbers.push({ number: q.loginNumber, queues: [q.name] });
  for (const { number, queues } of numbers) {
    if (code === number) return { kind: 'queue-login', mode: 'toggle', queues };
    if (code === `${number}1`) return { kind: 'queue-login', mode: 'login', queues };
    if (code === `${number}0`) return { kind: 'queue-login', mode: 'logout', queues };
  }
  return { kind: 'unknown' };
}
