import { assertNever, type PbxAction } from '@switchboard/contracts';

/** An action field that would break AMI framing; nothing of the action is sent. */
export class AmiEncodingError extends Error {
  readonly code = 'ami_encoding';
  constructor(message: string) {
    super(message);
    this.name = 'AmiEncodingError';
  }
}

const FORBIDDEN = /[\r\n\0]/;

/**
 * Renders one AMI frame. The injection guard: CR or LF inside a value would end the header (and
 * a blank line the action), letting a member name or a pause reason smuggle in a second action;
 * NUL truncates in Asterisk's C string handling. All three are refused, in names and values.
 */
export function encodeMessage(fields: ReadonlyArray<readonly [string, string]>): string {
  let out = '';
  for (const [name, value] of fields) {
    if (name.length === 0 || name.includes(':') || FORBIDDEN.test(name) || /\s/.test(name)) {
      throw new AmiEncodingError(`invalid AMI header name ${JSON.stringify(name)}`);
    }
    if (FORBIDDEN.test(value)) {
      throw new AmiEncodingError(`AMI header ${name} contains CR, LF or NUL`);
    }
    out += `${name}: ${value}\r\n`;
  }
  return `${out}\r\n`;
}

export function encodeLogin(username: string, secret: string, actionId: string): string {
  return encodeMessage([
    ['Action', 'Login'],
    ['ActionID', actionId],
    ['Username', username],
    ['Secret', secret],
    ['Events', 'on'],
  ]);
}

/** A typed PBX action as Asterisk expects it; field names and order as our captures send them. */
export function encodePbxAction(action: PbxAction, actionId: string): string {
  const f: Array<[string, string]> = [
    ['Action', action.action],
    ['ActionID', actionId],
  ];
  const opt = (name: string, value: string | number | undefined) => {
    if (value !== undefined) f.push([name, String(value)]);
  };
  switch (action.action) {
    case 'QueueAdd':
      f.push(['Queue', action.queue], ['Interface', action.interface], ['MemberName', action.memberName]);
      f.push(['StateInterface', action.stateInterface], ['Paused', String(action.paused)]);
      opt('Reason', action.reason);
      opt('Penalty', action.penalty);
      break;
    case 'QueueRemove':
      f.push(['Queue', action.queue], ['Interface', action.interface]);
      break;
    case 'QueuePause':
      f.push(['Interface', action.interface], ['Paused', String(action.paused)]);
      opt('Queue', action.queue);
      opt('Reason', action.reason);
      break;
    case 'QueueStatus':
      opt('Queue', action.queue);
      opt('Member', action.member);
      break;
    case 'Redirect':
      f.push(['Channel', action.channel], ['Context', action.context], ['Exten', action.exten]);
      f.push(['Priority', String(action.priority)]);
      break;
    case 'Setvar':
      opt('Channel', action.channel);
      f.push(['Variable', action.variable], ['Value', action.value]);
      break;
    case 'QueueLog':
      f.push(['Queue', action.queue], ['Event', action.event]);
      opt('Interface', action.interface);
      opt('UniqueId', action.uniqueId);
      opt('Message', action.message);
      break;
    case 'Originate':
      f.push(['Channel', action.channel]);
      opt('Context', action.context);
      opt('Exten', action.exten);
      opt('Priority', action.priority);
      opt('Application', action.application);
      opt('Data', action.data);
      opt('CallerID', action.callerId);
      opt('Timeout', action.timeoutMs);
      for (const [k, v] of Object.entries(action.variables ?? {})) f.push(['Variable', `${k}=${v}`]);
      f.push(['Async', 'true']);
      break;
    case 'Ping':
      break;
    default:
      return assertNever(action, 'PBX action');
  }
  return encodeMessage(f);
}
