import { DirectoryError } from './directory-error';
import { child, list, mapping, optionalText } from './read-fields';

/**
 * An agent's SIP voice settings: what the PBX's endpoint for the agent's own line should say. The
 * service renders them as a PJSIP snippet (GET /api/admin/sip/endpoints.conf); nothing here is a
 * secret. Every value is from a closed list or a narrow pattern, because each one ends up as a
 * line of an Asterisk configuration file.
 */
export interface AgentSipSettings {
  /** Transports the phone may use, in order of preference (the first is the endpoint's). */
  readonly transports?: readonly SipTransport[];
  /** chan_sip's nat= vocabulary, which PJSIP spells as force_rport / rewrite_contact / rtp_symmetric. */
  readonly nat?: SipNatMode;
  /** Codecs allowed, in order of preference (everything else disallowed). */
  readonly codecs?: readonly SipCodec[];
  /** The dialplan context the phone's calls start in. */
  readonly context?: string;
  /** Asterisk call and pickup groups: numbers 0–63 and ranges, comma separated (1,3-5). */
  readonly callGroup?: string;
  readonly pickupGroup?: string;
  /** Whether supervisors may listen in (ChanSpy) on the agent's calls. */
  readonly chanspy?: boolean;
  /** The file format the agent's calls are recorded in. */
  readonly recordingFormat?: SipRecordingFormat;
}

export const SIP_TRANSPORTS = ['udp', 'tcp', 'tls', 'ws', 'wss'] as const;
export type SipTransport = (typeof SIP_TRANSPORTS)[number];

export const SIP_NAT_MODES = ['no', 'force_rport', 'comedia', 'force_rport,comedia'] as const;
export type SipNatMode = (typeof SIP_NAT_MODES)[number];

/** Asterisk's codec names (core show codecs) that make sense on an agent's phone. */
export const SIP_CODECS = ['ulaw', 'alaw', 'g722', 'g729', 'g726', 'gsm', 'ilbc', 'speex', 'opus', 'slin', 'h264', 'vp8'] as const;
export type SipCodec = (typeof SIP_CODECS)[number];

/** MixMonitor / Monitor file formats (wav49 is GSM in a WAV container). */
export const SIP_RECORDING_FORMATS = ['wav', 'wav49', 'gsm', 'ulaw', 'alaw', 'g722', 'sln'] as const;
export type SipRecordingFormat = (typeof SIP_RECORDING_FORMATS)[number];

const SIP_FIELDS = ['transports', 'nat', 'codecs', 'context', 'callGroup', 'pickupGroup', 'chanspy', 'recordingFormat'];
/** A dialplan context: Asterisk allows 79 characters; brackets or ; would break the file. */
const CONTEXT = /^[A-Za-z0-9_-]{1,79}$/;
/** Groups: 1 or 1,3-5 (ranges inclusive), each number 0–63 as Asterisk's ast_get_group takes them. */
const GROUP = /^\d{1,2}(-\d{1,2})?(,\d{1,2}(-\d{1,2})?)*$/;
const MAX_GROUP = 63;

/** `sip: {transports, nat, codecs, context, callGroup, pickupGroup, chanspy, recordingFormat}`, all optional. */
export function parseSipSettings(raw: unknown, path: string): AgentSipSettings {
  const s = mapping(raw, path, SIP_FIELDS);
  const transports = optionalChoices(s['transports'], child(path, 'transports'), SIP_TRANSPORTS, 'transport');
  const nat = optionalChoice(s['nat'], child(path, 'nat'), SIP_NAT_MODES, 'NAT mode');
  const codecs = optionalChoices(s['codecs'], child(path, 'codecs'), SIP_CODECS, 'codec');
  const context = optionalText(s['context'], child(path, 'context'), CONTEXT);
  const callGroup = optionalGroup(s['callGroup'], child(path, 'callGroup'));
  const pickupGroup = optionalGroup(s['pickupGroup'], child(path, 'pickupGroup'));
  const chanspy = s['chanspy'];
  if (chanspy !== undefined && typeof chanspy !== 'boolean') throw new DirectoryError(child(path, 'chanspy'), 'must be true or false');
  const recordingFormat = optionalChoice(s['recordingFormat'], child(path, 'recordingFormat'), SIP_RECORDING_FORMATS, 'recording format');
  return {
    ...(transports ? { transports } : {}),
    ...(nat ? { nat } : {}),
    ...(codecs ? { codecs } : {}),
    ...(context ? { context } : {}),
    ...(callGroup ? { callGroup } : {}),
    ...(pickupGroup ? { pickupGroup } : {}),
    ...(chanspy !== undefined ? { chanspy } : {}),
    ...(recordingFormat ? { recordingFormat } : {}),
  };
}

function optionalChoice<T extends string>(value: unknown, path: string, allowed: readonly T[], what: string): T | undefined {
  const v = optionalText(value, path);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v))
    throw new DirectoryError(path, `unknown ${what} ${JSON.stringify(v)} (one of ${allowed.join(', ')})`);
  return v as T;
}

/** A non-empty list of distinct choices, in the order given (the order is the preference). */
function optionalChoices<T extends string>(value: unknown, path: string, allowed: readonly T[], what: string): readonly T[] | undefined {
  if (value === undefined) return undefined;
  const items = list(value, path);
  if (items.length === 0) throw new DirectoryError(path, `needs at least one ${what}`);
  const seen = new Set<string>();
  return items.map((item, i) => {
    const choice = optionalChoice(item ?? '', child(path, i), allowed, what) as T;
    if (seen.has(choice)) throw new DirectoryError(child(path, i), `duplicate ${what} ${choice}`);
    seen.add(choice);
    return choice;
  });
}

function optionalGroup(value: unknown, path: string): string | undefined {
  const group = optionalText(value, path);
  if (group === undefined) return undefined;
  if (!GROUP.test(group)) throw new DirectoryError(path, `invalid value ${JSON.stringify(group)} (numbers 0-${MAX_GROUP} and ranges, as 1,3-5)`);
  for (const part of group.split(',')) {
    const [low, high = low] = part.split('-').map(Number);
    if (high > MAX_GROUP || low > high) throw new DirectoryError(path, `group ${part} is out of range (0-${MAX_GROUP}, low-high)`);
  }
  return group;
}
