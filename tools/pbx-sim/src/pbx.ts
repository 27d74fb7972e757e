// The simulated PBX without any networking: phones, device states, queues, the calls in progress
// and the few dialplan behaviours the AMI actions reach (Redirect, Hangup, Getvar/Setvar,
// Originate). Everything it does is reported through one emit() callback, in order.

import { AGENT_LOGIN_CODE, AgentLoginCall } from './agent-login-call';
import { AgentPool } from './agent-pool';
import type { Call, CallEnv, CallInfo } from './call-env';
import type { AmiFields, Channel } from './channel';
import { ChannelRegistry } from './channel';
import { isDeviceState } from './device-state';
import { DeviceStates } from './devices';
import * as ev from './events';
import { FEATURE_CONTEXT, FeatureCall } from './feature-call';
import type { InboundCallOptions, InboundOutcome } from './inbound-call';
import { InboundCall } from './inbound-call';
import type { ResolvedOptions, SimTiming } from './options';
import { PhoneBook } from './phones';
import { QueueManager } from './queues';
import type { Random } from './random';
import { createRandom } from './random';
import { Scheduler } from './scheduler';

export interface RedirectRecord {
  readonly channel: string;
  readonly context: string;
  readonly exten: string;
  readonly priority: number;
  readonly at: number;
}

export interface InboundCallHandle {
  readonly linkedid: string;
  /** The channel that sits in the queue (Local/s@inbound-n;2). */
  readonly channel: string;
  readonly uniqueid: string;
  /** Settles when the call is over (never rejects). */
  readonly outcome: Promise<InboundOutcome>;
}

export interface OriginateRequest {
  readonly channel: string;
  readonly context?: string;
  readonly exten?: string;
  readonly priority?: string;
  readonly application?: string;
  readonly data?: string;
  readonly callerId?: string;
  readonly actionId?: string;
  readonly async: boolean;
}

export type VarLookup = { readonly ok: true; readonly value: string } | { readonly ok: false };

const DEVICE_STATE_FN = /^DEVICE_STATE\((.+)\)$/i;

export class Pbx {
  readonly channels = new ChannelRegistry();
  readonly devices: DeviceStates;
  readonly phones: PhoneBook;
  readonly queues: QueueManager;
  readonly agentPool: AgentPool;
  readonly scheduler: Scheduler;
  readonly random: Random;
  readonly timing: SimTiming;
  readonly redirects: RedirectRecord[] = [];
  private readonly globals = new Map<string, string>();
  private readonly calls = new Set<Call>();
  /** Inbound calls by the channel that sits in the queue: distribute() looks them up per entry. */
  private readonly inboundByCaller = new Map<Channel, InboundCall>();
  private readonly env: CallEnv;
  readonly bootedAt = Date.now();

  constructor(
    options: ResolvedOptions,
    private readonly emit: (fields: AmiFields) => void,
    private readonly hooks: {
      readonly onRedirect?: (record: RedirectRecord) => void;
      readonly onError?: (error: unknown) => void;
    } = {},
  ) {
    this.timing = options.timing;
    this.random = createRandom(options.seed);
    this.scheduler = new Scheduler((error) => hooks.onError?.(error));
    this.devices = new DeviceStates(emit);
    for (const hint of options.hints) {
      this.devices.addHint(hint);
    }
    this.phones = new PhoneBook(options.phones, this.devices, emit);
    this.queues = new QueueManager(options.queues, this.devices, emit);
    this.agentPool = new AgentPool(options.agents, this.devices, emit, this.random);
    // An agent leaving the pool (hung up, AgentLogoff) ends the queue calls it rings or talks on.
    this.agentPool.onGone((agentId) => this.endPoolCalls(agentId));
    this.queues.onAvailability((queue) =>
      this.scheduler.after(this.timing.recheckMs, () => this.distribute(queue)),
    );
    this.env = {
      channels: this.channels,
      devices: this.devices,
      phones: this.phones,
      queues: this.queues,
      agentPool: this.agentPool,
      scheduler: this.scheduler,
      random: this.random,
      timing: this.timing,
      emit,
      engagedInterfaces: () => this.engagedInterfaces(),
      finished: (call) => this.finished(call),
    };
  }

  // --- calls ---------------------------------------------------------------------------------

  /**
   * A registered phone dials a feature code (one SIP channel into from-agents). The AgentLogin
   * extension (*38) is no feature code: it logs the line's agent in to app_agent_pool.
   */
  dialFeatureCode(ext: string, code: string): { channel: string; uniqueid: string } {
    if (code === AGENT_LOGIN_CODE) return this.agentLogin(ext, ext);
    const phone = this.phones.require(ext);
    if (!phone.registered) throw new Error(`pbx-sim: phone ${ext} is not registered`);
    const call = new FeatureCall(this.env, code, {
      kind: 'sip',
      ext: phone.ext,
      name: phone.name,
      address: phone.address,
    });
    this.calls.add(call);
    call.start();
    return { channel: call.channel.name, uniqueid: call.channel.uniqueid };
  }

  /**
   * A registered phone runs AgentLogin(<agentId>): the shipped *38 passes the line's own
   * extension; a site's dialplan may seat an agent from another desk.
   */
  agentLogin(ext: string, agentId: string): { channel: string; uniqueid: string } {
    const phone = this.phones.require(ext);
    if (!phone.registered) throw new Error(`pbx-sim: phone ${ext} is not registered`);
    const call = new AgentLoginCall(this.env, phone.ext, phone.name, agentId);
    this.calls.add(call);
    call.start();
    return { channel: call.channel.name, uniqueid: call.channel.uniqueid };
  }

  /** The agent puts down the phone it sits in AgentLogin() on. False: it sits nowhere. */
  endAgentLogin(agentId: string): boolean {
    for (const call of this.calls) {
      if (call instanceof AgentLoginCall && call.agentId === agentId && !call.ended) {
        call.phoneHangsUp();
        return true;
      }
    }
    return false;
  }

  /** A customer calls into a queue. */
  startInboundCall(queue: string, options: InboundCallOptions): InboundCallHandle {
    if (!this.queues.has(queue)) throw new Error(`pbx-sim: no queue named ${queue}`);
    const call = new InboundCall(this.env, queue, options);
    this.calls.add(call);
    this.inboundByCaller.set(call.caller, call);
    call.start();
    return {
      linkedid: call.linkedid,
      channel: call.caller.name,
      uniqueid: call.caller.uniqueid,
      outcome: call.outcome,
    };
  }

  /**
   * Originate of `Local/<code>@from-agents` (a feature code, as in agent-feature-code) or of
   * `Local/<exten>@inbound` (a customer call into a queue: exten s = the first queue, or a queue
   * name). Anything else fails like an unknown technology or context does.
   * Resolves with the answered channel, or undefined when the originate failed.
   */
  originate(req: OriginateRequest): Promise<Channel | undefined> | undefined {
    const match = /^Local\/([^@]+)@([^/]+)(?:\/n)?$/.exec(req.channel);
    if (!match) return undefined;
    const exten = match[1] as string;
    const context = match[2] as string;
    const callerId = parseCallerId(req.callerId);
    const target: AmiFields =
      req.application !== undefined
        ? [
            ['Application', req.application],
            ['Data', req.data ?? ''],
          ]
        : [
            ['Context', req.context ?? ''],
            ['Exten', req.exten ?? ''],
          ];
    return new Promise((resolve) => {
      const onAnswered = (channel: Channel): void => {
        if (req.async) {
          this.emit(
            ev.originateResponse(
              req.actionId,
              true,
              channel,
              req.channel,
              target,
              channel.callerIdNum,
              channel.callerIdName,
            ),
          );
        }
        resolve(channel);
      };
      if (context === FEATURE_CONTEXT) {
        const call = new FeatureCall(this.env, exten, {
          kind: 'local',
          callerNum: callerId.num,
          callerName: callerId.name,
          application: req.application ?? '',
          data: req.data ?? '',
          onAnswered,
        });
        this.calls.add(call);
        call.start();
        return;
      }
      const queue =
        context === 'inbound' ? (exten === 's' ? this.queues.names()[0] : exten) : undefined;
      if (queue !== undefined && this.queues.has(queue)) {
        const num = callerId.num === '<unknown>' ? 'anonymous' : callerId.num;
        this.startInboundCall(queue, {
          callerNumber: num,
          callerName: callerId.name === '<unknown>' ? undefined : callerId.name,
          onAnswered,
        });
        return;
      }
      // Unknown context: Asterisk creates the Local pair, fails and hangs it up.
      const [one, two] = this.channels.createLocalPair(exten, context);
      this.emit(ev.newchannel(one));
      this.emit(ev.newchannel(two));
      this.emit(ev.hangup(two, 0));
      this.emit(ev.hangup(one, 0));
      this.channels.remove(one);
      this.channels.remove(two);
      if (req.async) {
        this.emit(
          ev.originateResponse(
            req.actionId,
            false,
            undefined,
            req.channel,
            target,
            callerId.num,
            callerId.name,
          ),
        );
      }
      resolve(undefined);
    });
  }

  callInfos(): CallInfo[] {
    return [...this.calls].map((c) => c.info());
  }

  /** The call a channel belongs to. */
  callOf(channel: Channel): Call | undefined {
    for (const call of this.calls) if (call.channels().includes(channel)) return call;
    return undefined;
  }

  /** AMI Redirect. False when the channel does not exist. */
  redirect(channelName: string, context: string, exten: string, priority: number): boolean {
    const channel = this.channels.get(channelName);
    if (!channel) return false;
    const record: RedirectRecord = {
      channel: channelName,
      context,
      exten,
      priority,
      at: Date.now(),
    };
    this.redirects.push(record);
    this.hooks.onRedirect?.(record);
    this.callOf(channel)?.redirect(channel, context, exten, priority);
    return true;
  }

  /** AMI Hangup. False when the channel does not exist. */
  hangup(channelName: string): boolean {
    const channel = this.channels.get(channelName);
    if (!channel) return false;
    this.callOf(channel)?.hangup(channel);
    return true;
  }

  // --- variables -----------------------------------------------------------------------------

  /** Getvar: a channel variable, a global, or DEVICE_STATE(<device>). */
  getVar(channelName: string | undefined, variable: string): VarLookup {
    const fn = DEVICE_STATE_FN.exec(variable);
    if (fn) return { ok: true, value: this.devices.get(fn[1] as string) };
    if (channelName) {
      const channel = this.channels.get(channelName);
      if (!channel) return { ok: false };
      return {
        ok: true,
        value: channel.variables.get(variable) ?? this.globals.get(variable) ?? '',
      };
    }
    return { ok: true, value: this.globals.get(variable) ?? '' };
  }

  /**
   * Setvar. DEVICE_STATE(Custom:...) sets a custom device state: ExtensionStatus for its hints,
   * DeviceStateChange, queue members on it — and no VarSet. Returns an error text or undefined.
   */
  setVar(channelName: string | undefined, variable: string, value: string): string | undefined {
    const fn = DEVICE_STATE_FN.exec(variable);
    if (fn) {
      const device = fn[1] as string;
      if (!device.startsWith('Custom:')) return 'Failed to set variable';
      const state = value.toUpperCase();
      if (!isDeviceState(state)) return 'Failed to set variable';
      this.devices.publish(device, state);
      return undefined;
    }
    if (channelName) {
      const channel = this.channels.get(channelName);
      if (!channel) return 'No such channel';
      channel.variables.set(variable, value);
      this.emit(ev.varSet(channel, variable, value));
      return undefined;
    }
    this.globals.set(variable, value);
    this.emit(ev.globalVarSet(variable, value));
    return undefined;
  }

  // --- internals -----------------------------------------------------------------------------

  private engagedInterfaces(): Set<string> {
    const engaged = new Set<string>();
    for (const call of this.inboundByCaller.values()) {
      for (const iface of call.engagedInterfaces()) engaged.add(iface);
    }
    return engaged;
  }

  /** The queue calls ringing or talking to a pool agent's member end as if it hung up. */
  private endPoolCalls(agentId: string): void {
    const iface = `Local/${agentId}@agent-pool/n`;
    for (const call of [...this.inboundByCaller.values()]) {
      const dest = call.destOf(iface);
      if (dest) call.hangup(dest);
    }
  }

  /** Offer waiting callers of a queue, oldest first, to members that became free. */
  private distribute(queue: string): void {
    for (const entry of [...this.queues.entries(queue)]) {
      const call = this.inboundByCaller.get(entry.channel);
      if (call?.waiting) call.tryRing();
    }
  }

  private finished(call: Call): void {
    this.calls.delete(call);
    if (call instanceof InboundCall) this.inboundByCaller.delete(call.caller);
    for (const channel of call.channels()) this.channels.remove(channel);
  }

  /** Drop every call and timer without events (the simulator stops). */
  stop(): void {
    for (const call of this.calls) call.cancel();
    this.calls.clear();
    this.inboundByCaller.clear();
    this.channels.clear();
    this.scheduler.stop();
  }
}

/** `"Agent One" <1001>` → { name: 'Agent One', num: '1001' }; a bare number is both. */
export function parseCallerId(raw: string | undefined): { num: string; name: string } {
  if (!raw) return { num: '<unknown>', name: '<unknown>' };
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(raw);
  if (m) {
    const name = (m[1] as string).trim();
    const num = (m[2] as string).trim();
    return { num: num || '<unknown>', name: name || '<unknown>' };
  }
  return { num: raw.trim(), name: '<unknown>' };
}
