// The checks of a scenario's expect steps, each against the simulator's own state: queue members,
// recorded Redirects, phones, device states, the queue_log and the calls in progress. A check
// returns undefined when it holds, otherwise what it found instead, for the error message.

import type { DeviceState } from './device-state';
import type { ScenarioProbe } from './scenario';

/** A queue call as the queue_log tells it: still waiting, answered (CONNECT), or gone without. */
export type CallResult = 'waiting' | 'answered' | 'abandoned' | 'timeout';

export type Expectation =
  | {
      readonly what: 'member';
      readonly queue: string;
      readonly interface: string;
      /** false: the interface must not be a member. */
      readonly present: boolean;
      readonly paused?: boolean;
      /** QueueMemberStatus number (1 not in use, 2 in use, 5 unavailable, 6 ringing). */
      readonly status?: number;
      readonly inCall?: boolean;
    }
  | {
      readonly what: 'redirect';
      /** The phone whose SIP channel was redirected. */
      readonly ext?: string;
      readonly exten?: string;
      readonly context?: string;
      /** Exactly this many matching Redirects (default: at least one). */
      readonly count?: number;
    }
  | {
      readonly what: 'phone';
      readonly ext: string;
      readonly registered?: boolean;
      readonly state?: DeviceState;
    }
  | { readonly what: 'deviceState'; readonly device: string; readonly state: DeviceState }
  | {
      readonly what: 'call';
      /** Caller number of the (latest) queue call from it. */
      readonly from: string;
      readonly result?: CallResult;
      /** Member name in the CONNECT line (`Agent 1001` for members added by the scenario). */
      readonly answeredBy?: string;
      /** At least this many RINGNOANSWER lines for the call. */
      readonly ringNoAnswer?: number;
    }
  | {
      readonly what: 'queueLog';
      readonly event: string;
      readonly queue?: string;
      readonly agent?: string;
      /** Exactly this many matching lines (default: at least one). */
      readonly count?: number;
    }
  | { readonly what: 'activeCalls'; readonly count: number };

export function checkExpectation(probe: ScenarioProbe, check: Expectation): string | undefined {
  switch (check.what) {
    case 'member':
      return checkMember(probe, check);
    case 'redirect':
      return checkRedirect(probe, check);
    case 'phone':
      return checkPhone(probe, check);
    case 'deviceState': {
      const actual = probe.deviceState(check.device);
      return actual === check.state
        ? undefined
        : `${check.device} is ${actual}, not ${check.state}`;
    }
    case 'call':
      return checkCall(probe, check);
    case 'queueLog':
      return checkQueueLog(probe, check);
    case 'activeCalls': {
      const active = probe.calls().length;
      return active === check.count ? undefined : `${active} calls in progress, not ${check.count}`;
    }
    default: {
      const never: never = check;
      throw new Error(`unknown expectation ${JSON.stringify(never)}`);
    }
  }
}

function checkMember(
  probe: ScenarioProbe,
  check: Extract<Expectation, { what: 'member' }>,
): string | undefined {
  const member = probe.members(check.queue).find((m) => m.interface === check.interface);
  if (!check.present) {
    return member ? `${check.interface} is still in ${check.queue}` : undefined;
  }
  if (!member) return `${check.interface} is not in ${check.queue}`;
  const wrong: string[] = [];
  if (check.paused !== undefined && member.paused !== check.paused) {
    wrong.push(`paused ${member.paused}`);
  }
  if (check.status !== undefined && member.status !== check.status) {
    wrong.push(`status ${member.status}`);
  }
  if (check.inCall !== undefined && member.inCall !== check.inCall) {
    wrong.push(`inCall ${member.inCall}`);
  }
  return wrong.length === 0
    ? undefined
    : `${check.interface} in ${check.queue} has ${wrong.join(', ')}`;
}

function checkRedirect(
  probe: ScenarioProbe,
  check: Extract<Expectation, { what: 'redirect' }>,
): string | undefined {
  const matching = probe.redirects.filter(
    (r) =>
      (check.ext === undefined || r.channel.startsWith(`SIP/${check.ext}-`)) &&
      (check.exten === undefined || r.exten === check.exten) &&
      (check.context === undefined || r.context === check.context),
  );
  const ok = check.count === undefined ? matching.length > 0 : matching.length === check.count;
  if (ok) return undefined;
  const what = [
    check.ext && `of phone ${check.ext}`,
    check.context && `to context ${check.context}`,
    check.exten && `to ${check.exten}`,
  ]
    .filter(Boolean)
    .join(' ');
  const seen = probe.redirects.map((r) => `${r.channel}→${r.context},${r.exten}`).join(', ');
  const expected = check.count === undefined ? 'at least 1' : String(check.count);
  return `${matching.length} redirect(s) ${what}, expected ${expected} (seen: ${seen || 'none'})`;
}

function checkPhone(
  probe: ScenarioProbe,
  check: Extract<Expectation, { what: 'phone' }>,
): string | undefined {
  const phone = probe.phones().find((p) => p.ext === check.ext);
  if (!phone) return `no phone ${check.ext}`;
  const wrong: string[] = [];
  if (check.registered !== undefined && phone.registered !== check.registered) {
    wrong.push(phone.registered ? 'registered' : 'not registered');
  }
  if (check.state !== undefined && phone.deviceState !== check.state) {
    wrong.push(`in state ${phone.deviceState}`);
  }
  return wrong.length === 0 ? undefined : `phone ${check.ext} is ${wrong.join(' and ')}`;
}

/** queue_log fields: epoch|callid|queue|agent|EVENT|data... */
interface LogLine {
  readonly callId: string;
  readonly queue: string;
  readonly agent: string;
  readonly event: string;
  readonly data: readonly string[];
}

function parseLog(lines: readonly string[]): LogLine[] {
  return lines.map((line) => {
    const [, callId = '', queue = '', agent = '', event = '', ...data] = line.split('|');
    return { callId, queue, agent, event, data };
  });
}

function checkCall(
  probe: ScenarioProbe,
  check: Extract<Expectation, { what: 'call' }>,
): string | undefined {
  const log = parseLog(probe.queueLog());
  // ENTERQUEUE's data is `|<caller number>|<position>`; the latest call from the number counts.
  const enter = log.filter((l) => l.event === 'ENTERQUEUE' && l.data[1] === check.from).pop();
  if (!enter) return `no queue call from ${check.from}`;
  const lines = log.filter((l) => l.callId === enter.callId);
  const connect = lines.find((l) => l.event === 'CONNECT');
  const result: CallResult = lines.some((l) => l.event === 'ABANDON')
    ? 'abandoned'
    : lines.some((l) => l.event === 'EXITWITHTIMEOUT')
      ? 'timeout'
      : connect
        ? 'answered'
        : 'waiting';
  const wrong: string[] = [];
  if (check.result !== undefined && result !== check.result) wrong.push(`is ${result}`);
  if (check.answeredBy !== undefined && connect?.agent !== check.answeredBy) {
    wrong.push(connect ? `was answered by ${connect.agent}` : 'was not answered');
  }
  const rna = lines.filter((l) => l.event === 'RINGNOANSWER').length;
  if (check.ringNoAnswer !== undefined && rna < check.ringNoAnswer) {
    wrong.push(`had ${rna} ring-no-answer(s)`);
  }
  return wrong.length === 0 ? undefined : `the call from ${check.from} ${wrong.join(' and ')}`;
}

function checkQueueLog(
  probe: ScenarioProbe,
  check: Extract<Expectation, { what: 'queueLog' }>,
): string | undefined {
  const matching = parseLog(probe.queueLog()).filter(
    (l) =>
      l.event === check.event &&
      (check.queue === undefined || l.queue === check.queue) &&
      (check.agent === undefined || l.agent === check.agent),
  );
  const ok = check.count === undefined ? matching.length > 0 : matching.length === check.count;
  if (ok) return undefined;
  const expected = check.count === undefined ? 'at least 1' : String(check.count);
  return `${matching.length} queue_log ${check.event} line(s), expected ${expected}`;
}
