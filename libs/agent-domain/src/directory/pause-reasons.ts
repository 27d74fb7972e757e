import type { Directory, PauseReasonEntry } from './directory';
import { DirectoryError } from './directory-error';
import { child, list, mapping, optionalText, text } from './read-fields';

const PAUSE_REASON_FIELDS = ['code', 'label', 'maxMinutes'];
/** The code reaches AMI (QueuePause Reason) and queue_log: a plain token. */
const CODE = /^[A-Za-z0-9_-]+$/;
/** A label is shown, never sent to AMI; still no line breaks. */
const LABEL = /^[^\r\n\0]+$/;

/** `pauseReasons: [{code, label?, maxMinutes?}]`: the reasons agents may pause for. */
export function parsePauseReasons(raw: unknown, path: string): readonly PauseReasonEntry[] {
  const reasons = list(raw, path).map((r, i) => parsePauseReason(r, child(path, i)));
  const seen = new Set<string>();
  reasons.forEach((r, i) => {
    if (seen.has(r.code)) throw new DirectoryError(child(child(path, i), 'code'), `duplicate pause reason ${r.code}`);
    seen.add(r.code);
  });
  return reasons;
}

function parsePauseReason(raw: unknown, path: string): PauseReasonEntry {
  const r = mapping(raw, path, PAUSE_REASON_FIELDS);
  const label = optionalText(r['label'], child(path, 'label'), LABEL);
  const max = r['maxMinutes'];
  if (max !== undefined && (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 1))
    throw new DirectoryError(child(path, 'maxMinutes'), 'must be a whole number of at least 1');
  return {
    code: text(r['code'], child(path, 'code'), CODE),
    ...(label !== undefined ? { label } : {}),
    ...(max !== undefined ? { maxMinutes: max as number } : {}),
  };
}

/** The configured reason of this code; without a configured list every reason is allowed. */
export function pauseReasonOf(directory: Directory, code: string): PauseReasonEntry | undefined {
  return directory.pauseReasons?.find((r) => r.code === code);
}

/** Whether agents may pause for this reason here. */
export function isPauseReasonAllowed(directory: Directory, code: string): boolean {
  return directory.pauseReasons === undefined || pauseReasonOf(directory, code) !== undefined;
}
