// A feature-code call: a phone dials e.g. 811 into context from-agents. The shipped dialplan
// answers, raises UserEvent(AgentFeature,Code: <code>,Caller: <num>) and holds the caller with
// Wait(3). The gateway then Redirects the channel to an announcement (gw-loginok, ...); without a
// Redirect the dialplan plays a beep and hangs up. Captures: feature-code-sip-phone (a SIP phone,
// one channel) and agent-feature-code (Originate of Local/<code>@from-agents, two channels).

import type { Call, CallEnv, CallInfo } from './call-env';
import type { AmiFields, Channel } from './channel';
import { channelCdr, dialplanStep } from './channel-ops';
import * as ev from './events';
import { rtpQosVars } from './rtp-qos';
import type { TimerHandle } from './scheduler';

export const FEATURE_CONTEXT = 'from-agents';

/** Announcement extensions of the shipped dialplan: the NoOp text and the sound they play. */
const ANNOUNCEMENTS: Readonly<Record<string, { noop: (ext: string) => string; sound: string }>> = {
  'gw-loginok': { noop: (ext) => `Gateway: login ok for ${ext}`, sound: 'agent-loginok' },
  'gw-loggedoff': { noop: (ext) => `Gateway: logged off ${ext}`, sound: 'agent-loggedoff' },
  'gw-refused': { noop: (ext) => `Gateway: refused ${ext}`, sound: 'pbx-invalid' },
  'gw-paused': { noop: (ext) => `Gateway: paused ${ext}`, sound: 'agent-paused' },
  'gw-unpaused': { noop: (ext) => `Gateway: unpaused ${ext}`, sound: 'agent-unpaused' },
  'gw-alreadyloggedin': {
    noop: (ext) => `Gateway: already logged in ${ext}`,
    sound: 'switchboard/agent-already-logged-in',
  },
  'gw-alreadyloggedoff': {
    noop: (ext) => `Gateway: already logged off ${ext}`,
    sound: 'switchboard/agent-already-logged-out',
  },
  'gw-logoutdeferred': {
    noop: (ext) => `Gateway: logout deferred for ${ext}`,
    sound: 'switchboard/agent-logout-deferred',
  },
  'gw-pausedeferred': {
    noop: (ext) => `Gateway: pause deferred for ${ext}`,
    sound: 'switchboard/agent-pause-deferred',
  },
  'feature-done': { noop: (ext) => `Feature done for ${ext}`, sound: 'beep' },
};

export type FeatureCallVia =
  | { readonly kind: 'sip'; readonly ext: string; readonly name: string; readonly address: string }
  | {
      readonly kind: 'local';
      readonly callerNum: string;
      readonly callerName: string;
      /** Originate's Application/Data for the ;1 half (Wait 20 in the capture). */
      readonly application: string;
      readonly data: string;
      readonly onAnswered: (channel: Channel) => void;
    };

type State = 'holding' | 'playing' | 'ended';

export class FeatureCall implements Call {
  readonly id: string;
  /** The channel running the from-agents dialplan (SIP/<ext>-n, or Local ...;2). */
  readonly channel: Channel;
  /** Originate's ;1 half (Local flavour only). */
  private readonly outer: Channel | undefined;
  private state: State = 'holding';
  private timer: TimerHandle | undefined;
  private readonly startedAt = Date.now();
  private readonly callerNum: string;

  constructor(
    private readonly env: CallEnv,
    readonly code: string,
    private readonly via: FeatureCallVia,
  ) {
    if (via.kind === 'sip') {
      this.callerNum = via.ext;
      this.channel = env.channels.createSip(via.ext, {
        state: 'Down',
        context: FEATURE_CONTEXT,
        exten: code,
      });
      this.channel.setCallerId(via.ext, via.name);
      this.outer = undefined;
    } else {
      this.callerNum = via.callerNum;
      const [one, two] = env.channels.createLocalPair(code, FEATURE_CONTEXT);
      for (const ch of [one, two]) {
        ch.setCallerId(via.callerNum, via.callerName);
        ch.setConnected(via.callerNum, via.callerName);
      }
      one.application = via.application;
      one.applicationData = via.data;
      this.outer = one;
      this.channel = two;
    }
    this.id = this.channel.uniqueid;
  }

  /** Emits everything up to the UserEvent and the Wait, then holds the caller. */
  start(): void {
    if (this.via.kind === 'sip') this.startSip(this.via);
    else this.startLocal(this.via);
    const ch = this.channel;
    this.step(3, 'UserEvent', `AgentFeature,Code: ${this.code},Caller: ${this.callerNum}`);
    this.env.emit(
      ev.userEvent(ch, 'AgentFeature', [
        ['Code', this.code],
        ['Caller', this.callerNum],
      ]),
    );
    const holdSeconds = Math.max(1, Math.round(this.env.timing.featureHoldMs / 1000));
    this.step(4, 'Wait', String(holdSeconds));
    this.timer = this.env.scheduler.after(this.env.timing.featureHoldMs, () => this.holdExpired());
  }

  private startSip(via: Extract<FeatureCallVia, { kind: 'sip' }>): void {
    const ch = this.channel;
    // The phone goes off-hook: its hint, device and queue members see it in use first.
    this.env.phones.setCallState(via.ext, ch.name, 'inuse');
    this.env.emit(ev.newchannel(ch));
    this.env.emit(ev.varSet(ch, 'SIPURI', `sip:${via.ext}@${via.address}`));
    this.env.emit(ev.varSet(ch, 'SIPDOMAIN', '127.0.0.1'));
    this.env.emit(ev.varSet(ch, 'SIPCALLID', `${this.env.random.hex(16)}@127.0.0.1`));
    ch.state = 'Ring';
    this.env.emit(ev.newstate(ch));
    this.dialplanHead();
  }

  private startLocal(via: Extract<FeatureCallVia, { kind: 'local' }>): void {
    const one = this.outer as Channel;
    const two = this.channel;
    this.env.emit(ev.newchannel(one));
    this.env.emit(ev.newchannel(two));
    this.env.emit(ev.localBridge(one, two, true));
    this.env.emit(ev.dialBegin(undefined, one, `${this.code}@${FEATURE_CONTEXT}`));
    this.dialplanHead();
    one.state = 'Up';
    one.answeredAt = Date.now();
    this.env.emit(ev.newstate(one));
    this.env.emit(ev.dialEnd(undefined, one, 'ANSWER'));
    via.onAnswered(one);
    const device = `Local/${this.code}@${FEATURE_CONTEXT}`;
    this.env.devices.publish(device, 'INUSE', { force: true });
    this.env.devices.publish(device, 'INUSE', { force: true });
  }

  /** Priorities 1-2 of the feature extension: NoOp, Answer. */
  private dialplanHead(): void {
    const ch = this.channel;
    this.step(1, 'NoOp', `Agent feature code ${this.code} from ${this.callerNum}`);
    this.step(2, 'Answer', '');
    ch.state = 'Up';
    ch.answeredAt = Date.now();
    this.env.emit(ev.newstate(ch));
  }

  private step(priority: number, application: string, data: string): void {
    dialplanStep(this.env, this.channel, priority, application, data);
  }

  channels(): readonly Channel[] {
    return this.outer ? [this.outer, this.channel] : [this.channel];
  }

  info(): CallInfo {
    return {
      id: this.id,
      kind: 'feature',
      state: this.state,
      linkedid: this.channel.linkedid,
      channels: this.channels().map((c) => c.name),
      caller: this.callerNum,
      code: this.code,
    };
  }

  /** Redirect to <context>,<exten>: the announcement plays, then the dialplan hangs up. */
  redirect(channel: Channel, context: string, exten: string, priority: number): boolean {
    if (this.state === 'ended' || channel !== this.channel) return false;
    this.timer?.cancel();
    this.state = 'playing';
    const ch = this.channel;
    ch.context = context;
    ch.exten = exten;
    const announcement = ANNOUNCEMENTS[exten] ?? {
      noop: (ext: string) => `Gateway: ${exten} for ${ext}`,
      sound: exten,
    };
    const first = Math.max(1, priority);
    this.step(first, 'NoOp', announcement.noop(this.callerNum));
    this.step(first + 1, 'Playback', announcement.sound);
    this.timer = this.env.scheduler.after(this.env.timing.playbackMs, () =>
      this.playbackDone(first + 2),
    );
    return true;
  }

  hangup(channel: Channel): void {
    if (this.state === 'ended' || !this.channels().includes(channel)) return;
    this.timer?.cancel();
    this.end();
  }

  cancel(): void {
    this.timer?.cancel();
    this.state = 'ended';
  }

  /** No Redirect came: Wait(3) ends, the dialplan plays a beep and hangs up. */
  private holdExpired(): void {
    if (this.state !== 'holding') return;
    this.state = 'playing';
    this.step(5, 'Playback', 'beep');
    this.timer = this.env.scheduler.after(this.env.timing.playbackMs, () => this.playbackDone(6));
  }

  private playbackDone(hangupPriority: number): void {
    if (this.state !== 'playing') return;
    this.env.emit(ev.varSet(this.channel, 'PLAYBACKSTATUS', 'SUCCESS'));
    this.step(hangupPriority, 'Hangup', '');
    this.end();
  }

  /** Dialplan Hangup(): SoftHangupRequest, the phone back to idle, Cdr, Hangup. */
  private end(): void {
    this.state = 'ended';
    const ch = this.channel;
    const now = Date.now();
    this.env.emit(ev.softHangupRequest(ch, 16));
    if (this.via.kind === 'sip') {
      const qos = rtpQosVars(
        this.env.random.int(1, 2 ** 31),
        Math.floor((now - this.startedAt) / 20),
      );
      for (const [name, value] of [...qos, qos[0] as [string, string]]) {
        this.env.emit(ev.varSet(ch, name, value));
      }
      this.env.phones.setCallState(this.via.ext, ch.name, undefined);
      this.env.emit(this.cdrOf(ch, now));
      this.env.emit(ev.hangup(ch, 16));
    } else {
      const one = this.outer as Channel;
      this.env.emit(ev.hangupRequest(one, 16));
      this.env.emit(ev.hangup(ch, 16));
      this.env.emit(this.cdrOf(ch, now));
      this.env.emit(this.cdrOf(one, now));
      this.env.emit(ev.hangup(one, 16));
      const device = `Local/${this.code}@${FEATURE_CONTEXT}`;
      this.env.devices.publish(device, 'NOT_INUSE', { force: true });
      this.env.devices.publish(device, 'NOT_INUSE', { force: true });
    }
    this.env.finished(this);
  }

  private cdrOf(ch: Channel, now: number): AmiFields {
    return channelCdr(
      ch,
      undefined,
      this.startedAt,
      ch.answeredAt ?? this.startedAt,
      now,
      'ANSWERED',
    );
  }
}
