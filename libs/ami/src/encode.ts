import { assertNever, type PbxAction } from '@switchboard/contracts';

/** An action that cannot be sent safely; nothing of it is written to the socket. */
export class AmiEncodingError extends Error {
  readonly code = 'ami_encoding';
  constructor(message: string) {
    super(message);
    this.name = 'AmiEncodingError';
  }
}

/** CR or LF would end the header line (and CRLF CRLF the whole action); NUL truncates the
 *  rest of the value in Asterisk's C string handling. */
const FORBIDDEN = /[\r\n\0]/;
/** Header names are tokens: a space, tab or ':' inside one would be read as a different header. */
const BAD_NAME = /[\r\n\0:\s]/;

/**
 * Renders one AMI frame: "Name: value\r\n" per field, then the blank line.
 *
 * This is the injection guard. Values come from people (member names, pause reasons, queue-log
 * messages): "Lunch\r\n\r\nAction: Hangup" must never reach Asterisk as a second action. So any
 * CR, LF or NUL in a name or a value is refused, the whole action with it; nothing is escaped or
 * stripped, because a silently changed value is a wrong value.
 */
export function encodeMessage(fields: ReadonlyArray<readonly [string, string]>): string {
  let out = '';
  for (const [name, value] of fields) {
    if (typeof name !== 'string' || name.length === 0 || BAD_NAME.test(name)) {
      throw new AmiEncodingError(`invalid AMI header name ${JSON.stringify(name)}`);
    }
    if (typeof value !== 'string' || FORBIDDEN.test(value)) {
      throw new AmiEncodingError(`AMI header ${name} holds CR, LF or NUL (or is no string)`);
    }
    out += `${name}: ${value}\r\n`;
  }
  return `${out}\r\n`;
}

/** The Login action as the captures send it; `Events: on` so the session receives every event. */
export function encodeLogin(username: string, secret: string, actionId: string): string {
  return encodeMessage([
    ['Action', 'Login'],
    ['ActionID', actionId],
    ['Username', username],
    ['Secret', secret],
    ['Events', 'on'],
  ]);
}

/**
 * A typed PBX action as Asterisk expects it. Field names and order follow the actions recorded
 * in /work/shared/ami-captures (QueueAdd, Redirect, QueueRemove byte for byte as in
 * feature-code-sip-phone; Originate as in queue-call-answered). Order does not matter to
 * Asterisk; matching the recordings keeps the encoder testable against real traffic.
 */
export function encodePbxAction(action: PbxAction, actionId: string): string {
  const f: Array<[string, string]> = [
    ['Action', action.action],
    ['ActionID', actionId],
  ];
  const opt = (name: string, value: string | undefined) => {
    if (value !== undefined) f.push([name, value]);
  };
  switch (action.action) {
    case 'QueueAdd':
      f.push(['Queue', action.queue], ['Interface', action.interface], ['MemberName', action.memberName]);
      f.push(['StateInterface', action.stateInterface], ['Paused', bool(action.paused)]);
      opt('Reason', action.reason);
      opt('Penalty', optInt('Penalty', action.penalty));
      break;
    case 'QueueRemove':
      f.push(['Queue', action.queue], ['Interface', action.interface]);
      break;
    case 'QueuePause':
      // Without Queue, Asterisk pauses the member in every queue (pause-unpause capture).
      opt('Queue', action.queue);
      f.push(['Interface', action.interface], ['Paused', bool(action.paused)]);
      opt('Reason', action.reason);
      break;
    case 'QueueStatus':
      opt('Queue', action.queue);
      opt('Member', action.member);
      break;
    case 'Redirect':
      f.push(['Channel', action.channel], ['Context', action.context], ['Exten', action.exten]);
      f.push(['Priority', int('Priority', action.priority)]);
      break;
    case 'Setvar':
      // Without Channel the variable is global (Setvar PHONES in the captures).
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
      encodeOriginate(action, f);
      break;
    case 'AgentLogoff':
      // app_agent_pool (Asterisk 20 AMI action docs): Agent, and Soft "true" to not hang up calls.
      f.push(['Agent', action.agent]);
      if (action.soft !== undefined) f.push(['Soft', bool(action.soft)]);
      break;
    case 'Agents':
    case 'Ping':
      break;
    default:
      return assertNever(action, 'PBX action');
  }
  return encodeMessage(f);
}

function encodeOriginate(action: Extract<PbxAction, { action: 'Originate' }>, f: Array<[string, string]>): void {
  const toExten = action.context !== undefined || action.exten !== undefined || action.priority !== undefined;
  const toApp = action.application !== undefined || action.data !== undefined;
  // Asterisk needs exactly one destination: dialplan (Context/Exten/Priority) or an application.
  if (toExten === toApp) {
    throw new AmiEncodingError('Originate needs either Context/Exten/Priority or Application, not both or neither');
  }
  f.push(['Channel', action.channel]);
  if (action.callerId !== undefined) f.push(['CallerID', action.callerId]);
  if (toExten) {
    if (action.context !== undefined) f.push(['Context', action.context]);
    if (action.exten !== undefined) f.push(['Exten', action.exten]);
    f.push(['Priority', int('Priority', action.priority ?? 1)]);
  } else {
    if (action.application !== undefined) f.push(['Application', action.application]);
    if (action.data !== undefined) f.push(['Data', action.data]);
  }
  // Asterisk's Originate Timeout is in milliseconds already.
  if (action.timeoutMs !== undefined) f.push(['Timeout', int('Timeout', action.timeoutMs)]);
  for (const [name, value] of Object.entries(action.variables ?? {})) {
    // One Variable header per variable; a name with '=' would set a different variable.
    if (name.length === 0 || name.includes('=')) {
      throw new AmiEncodingError(`invalid channel variable name ${JSON.stringify(name)}`);
    }
    f.push(['Variable', `${name}=${value}`]);
  }
  // The reply comes as an OriginateResponse event; without Async the session blocks until answer.
  f.push(['Async', 'true']);
}

function bool(value: boolean): string {
  return value ? 'true' : 'false';
}

/** Numbers are rendered only when they are integers: "NaN" or "1e+21" would be a wrong value. */
function int(name: string, value: number): string {
  if (!Number.isSafeInteger(value)) throw new AmiEncodingError(`${name} must be an integer, got ${String(value)}`);
  return String(value);
}

function optInt(name: string, value: number | undefined): string | undefined {
  return value === undefined ? undefined : int(name, value);
}
