import type { LoginMode } from '@switchboard/contracts';

/**
 * The numbering scheme of login numbers, in one place for the validator and the interpreter:
 * N toggles, N+'1' logs in, N+'0' logs out.
 */
export function loginNumberForms(
  number: string,
): ReadonlyArray<{ readonly code: string; readonly mode: LoginMode }> {
  return [
    { code: number, mode: 'toggle' },
    { code: `${number}1`, mode: 'login' },
    { code: `${number}0`, mode: 'logout' },
  ];
}
