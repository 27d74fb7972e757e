// PbxSimulator: an AMI server (node:net) in front of the simulated PBX. It owns the client
// sessions, routes actions, fans events out to every logged-in client, and offers the test and
// demo controls (phones, feature codes, inbound calls, introspection).
//
// Node events (typed in SimEventMap). 'error' is never emitted: internal errors go to
// 'sim-error' (or stderr without a listener), so a failing call flow cannot crash a test run.

import { EventEmitter } from 'node:events';
import type { Server, Socket } from 'node:net';
import { createServer } from 'node:net';
import type { AmiMessage } from '@switchboard/ami';
import type { ActionContext } from './actions';
import { dispatchAction } from './actions';
import type { CallInfo } from './call-env';
import type { AmiFields } from './channel';
import { DemoDriver } from './demo';
import type { DeviceState } from './device-state';
import { isDeviceState } from './device-state';
import type { InboundCallOptions } from './inbound-call';
import type { LoadOptions, LoadStats } from './load';
import { LoadDriver } from './load';
import type { DemoOptions, ResolvedOptions, SimOptions } from './options';
import { resolveOptions } from './options';
import type { InboundCallHandle, RedirectRecord } from './pbx';
import { Pbx } from './pbx';
import type { PhoneView } from './phones';
import type { QueueMemberView } from './events';
import type { AddResult, RemoveResult } from './queues';
import { RateMeter } from './rate-meter';
import type { MemberInput, ScenarioHost } from './scenario';
import type { SessionHost } from './session';
import { AmiSession } from './session';

/** One line of what a client asked for; never contains the Secret. */
export interface ActionLog {
  readonly session: number;
  readonly remote: string;
  readonly action: string;
  readonly actionId: string | undefined;
  /** `Key=Value` pairs of the other headers (Secret/Key replaced by ***). */
  readonly summary: string;
}

export interface SimStats {
  readonly clients: number;
  readonly authenticatedClients: number;
  /** Events the PBX produced. */
  readonly eventsEmitted: number;
  /** Event frames written to clients (one event to three clients counts three). */
  readonly eventsSent: number;
  /** Events the PBX produced during the last second. */
  readonly eventsPerSecond: number;
  /** Event frames written to clients during the last second. */
  readonly eventsSentPerSecond: number;
  readonly responsesSent: number;
  readonly actionsReceived: number;
  readonly actionsByName: Readonly<Record<string, number>>;
  readonly activeCalls: number;
  readonly redirects: number;
  readonly uptimeSeconds: number;
  /** Load mode, once startLoad() was called. */
  readonly load: LoadStats | undefined;
}

export interface ClientLog {
  readonly id: number;
  readonly remote: string;
  readonly connected: boolean;
}

export interface SimEventMap {
  /** A Redirect action moved a channel. */
  redirect: [RedirectRecord];
  /** A client sent an action (for logs; the Secret is masked). */
  action: [ActionLog];
  /** The PBX produced an event (before delivery to the clients). */
  'ami-event': [AmiFields];
  /** A client connected or disconnected. */
  client: [ClientLog];
  /** Something went wrong inside the simulator. */
  'sim-error': [unknown];
}

const HIDDEN_HEADERS = new Set(['secret', 'key']);

export class PbxSimulator extends EventEmitter<SimEventMap> implements ScenarioHost {
  readonly options: ResolvedOptions;
  private readonly pbx: Pbx;
  private readonly sessions = new Set<AmiSession>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private demo: DemoDriver | undefined;
  private load: LoadDriver | undefined;
  private state: 'new' | 'listening' | 'stopped' = 'new';
  private holdDepth = 0;
  private held: AmiFields[] = [];
  private counters = {
    eventsEmitted: 0,
    eventsSent: 0,
    responsesSent: 0,
    actionsReceived: 0,
  };
  private readonly actionsByName: Record<string, number> = {};
  /** cutNetwork(): connections are refused until restoreNetwork(). */
  private networkCut = false;
  private readonly emittedRate = new RateMeter();
  private readonly sentRate = new RateMeter();
  private readonly host: SessionHost = {
    handleAction: (session, message) => this.handleAction(session, message),
    sessionClosed: (session) => this.sessionClosed(session),
    countSent: (kind) => {
      if (kind === 'event') {
        this.counters.eventsSent++;
        this.sentRate.mark();
      } else this.counters.responsesSent++;
    },
    reportError: (error) => this.reportError(error),
  };

  constructor(options: SimOptions = {}) {
    super();
    this.options = resolveOptions(options);
    this.pbx = new Pbx(this.options, (fields) => this.publish(fields), {
      onRedirect: (record) => this.emit('redirect', record),
      onError: (error) => this.reportError(error),
    });
  }

  /** Listen (port 0 = any free port). Starts demo traffic if the `demo` option is set. */
  async start(): Promise<{ port: number; host: string }> {
    if (this.state !== 'new') throw new Error('pbx-sim: start() can only be called once');
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => this.reportError(error));
    this.state = 'listening';
    if (this.options.demo) this.startDemo(this.options.demo);
    return { port: this.port, host: this.options.host };
  }

  get port(): number {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : 0;
  }

  /** Close every client, cancel every timer and call, stop listening. Idempotent. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.demo?.stop();
    this.load?.stop();
    this.pbx.stop();
    for (const session of this.sessions) session.destroy();
    for (const socket of this.sockets) socket.destroy();
    this.sessions.clear();
    this.sockets.clear();
    const server = this.server;
    if (server) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /**
   * A network outage between the PBX and its AMI clients: every connection is cut and new ones are
   * refused until restoreNetwork(); the PBX itself goes on (calls, logins and logouts happen, and
   * their events reach nobody), as when the gateway's host or the link goes away.
   */
  cutNetwork(): void {
    this.networkCut = true;
    for (const session of this.sessions) session.destroy();
    for (const socket of this.sockets) socket.destroy();
  }

  /** The outage is over: clients can connect again. */
  restoreNetwork(): void {
    this.networkCut = false;
  }

  // --- phones --------------------------------------------------------------------------------

  registerPhone(ext: string): void {
    this.pbx.phones.register(ext);
  }

  unregisterPhone(ext: string): void {
    this.pbx.phones.unregister(ext);
  }

  phones(): PhoneView[] {
    return this.pbx.phones.list();
  }

  /** Set a device state directly (what `Setvar DEVICE_STATE(Custom:...)` does). */
  setDeviceState(device: string, state: DeviceState): void {
    if (!isDeviceState(state)) throw new Error(`pbx-sim: invalid device state ${String(state)}`);
    this.pbx.devices.publish(device, state);
  }

  /** The state of a device as Getvar DEVICE_STATE(<device>) would answer it. */
  deviceState(device: string): DeviceState {
    return this.pbx.devices.get(device);
  }

  // --- queue members (what the Asterisk CLI or a gateway's QueueAdd/Remove/Pause do) ---------

  /** Add a queue member with the same events as QueueAdd; 'exists' / 'nosuchqueue' otherwise. */
  addMember(input: MemberInput): AddResult {
    return this.pbx.queues.add(input);
  }

  removeMember(queue: string, iface: string): RemoveResult {
    return this.pbx.queues.remove(queue, iface);
  }

  /** Pause or unpause in one queue or (no queue) in all of them. False: not a member there. */
  pauseMember(
    iface: string,
    paused: boolean,
    options: { queue?: string; reason?: string } = {},
  ): boolean {
    return this.pbx.queues.pause(iface, paused, options.reason ?? '', options.queue);
  }

  // --- calls ---------------------------------------------------------------------------------

  /**
   * A SIP phone dials a feature code. Resolves once the UserEvent has been sent; the channel
   * then waits featureHoldMs for a Redirect.
   */
  async dialFeatureCode(ext: string, code: string): Promise<{ channel: string; uniqueid: string }> {
    return this.pbx.dialFeatureCode(ext, code);
  }

  /**
   * A phone runs AgentLogin(<agentId>) (app_agent_pool), by default its own extension as the
   * shipped *38 does. Resolves once the call is answered; AgentLogin follows the announcement
   * (playbackMs), and the pool offers the agent calls after the probation (agentProbationMs).
   */
  async agentLogin(ext: string, agentId = ext): Promise<{ channel: string; uniqueid: string }> {
    return this.pbx.agentLogin(ext, agentId);
  }

  /** The agent hangs up its AgentLogin() call (AgentLogoff follows). False: not logged in. */
  endAgentLogin(agentId: string): boolean {
    return this.pbx.endAgentLogin(agentId);
  }

  /** Agents sitting in AgentLogin() now, with their channel and state. */
  agentPool(): Array<{ agentId: string; channel: string; state: string }> {
    return this.pbx.agentPool.list().map((s) => ({ agentId: s.agentId, channel: s.channel.name, state: s.state }));
  }

  /**
   * A customer calls a queue. Resolves once the caller has joined the queue; `outcome` settles
   * when the call is over.
   */
  async startInboundCall(queue: string, options: InboundCallOptions): Promise<InboundCallHandle> {
    return this.pbx.startInboundCall(queue, options);
  }

  /** Redirect a channel as the AMI Redirect action does. False when the channel is gone. */
  redirect(channel: string, context: string, exten: string, priority = 1): boolean {
    return this.pbx.redirect(channel, context, exten, priority);
  }

  /** Redirects received so far, oldest first. */
  get redirects(): readonly RedirectRecord[] {
    return this.pbx.redirects;
  }

  // --- introspection -------------------------------------------------------------------------

  members(queue: string): QueueMemberView[] {
    return this.pbx.queues.members(queue).map((m) => this.pbx.queues.view(m));
  }

  calls(): CallInfo[] {
    return this.pbx.callInfos();
  }

  /** queue_log lines written so far (`epoch|callid|queue|agent|EVENT|data`). */
  queueLog(): readonly string[] {
    return this.pbx.queues.queueLogLines();
  }

  stats(): SimStats {
    let authenticated = 0;
    for (const s of this.sessions) if (s.authenticated && s.isOpen) authenticated++;
    return {
      clients: this.sessions.size,
      authenticatedClients: authenticated,
      ...this.counters,
      eventsPerSecond: this.emittedRate.perSecond(),
      eventsSentPerSecond: this.sentRate.perSecond(),
      actionsByName: { ...this.actionsByName },
      activeCalls: this.pbx.callInfos().length,
      redirects: this.pbx.redirects.length,
      uptimeSeconds: Math.floor((Date.now() - this.pbx.bootedAt) / 1000),
      load: this.load?.stats(),
    };
  }

  // --- demo ----------------------------------------------------------------------------------

  startDemo(options: DemoOptions = {}): void {
    this.demo?.stop();
    this.demo = new DemoDriver(this.pbx, options);
    this.demo.start();
  }

  stopDemo(): void {
    this.demo?.stop();
    this.demo = undefined;
  }

  // --- load ----------------------------------------------------------------------------------

  /**
   * Register `agents` phones as members of the queues and start inbound calls at `rate` per
   * second (see load.ts). Replaces a load already running.
   */
  startLoad(options: LoadOptions = {}): LoadStats {
    if (this.state === 'stopped') throw new Error('pbx-sim: the simulator is stopped');
    // Built first: options it rejects leave a running load alone.
    const load = new LoadDriver(this.pbx, options);
    this.load?.stop();
    this.load = load;
    load.start();
    return load.stats();
  }

  /** No new load calls; those in progress finish normally. */
  stopLoad(): void {
    this.load?.stop();
  }

  // --- internals -----------------------------------------------------------------------------

  private accept(socket: Socket): void {
    if (this.state !== 'listening' || this.networkCut) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    const session = new AmiSession(socket, this.host);
    this.sessions.add(session);
    this.emit('client', { id: session.id, remote: session.remote, connected: true });
    session.greet();
  }

  private sessionClosed(session: AmiSession): void {
    if (this.sessions.delete(session)) {
      this.emit('client', { id: session.id, remote: session.remote, connected: false });
    }
  }

  private handleAction(session: AmiSession, message: AmiMessage): void | Promise<void> {
    const action = message.get('Action')?.trim();
    const actionId = message.get('ActionID');
    if (!action) {
      session.send([
        ['Response', 'Error'],
        ...(actionId === undefined ? [] : ([['ActionID', actionId]] as AmiFields)),
        ['Message', 'Missing action in request'],
      ]);
      return undefined;
    }
    this.counters.actionsReceived++;
    const key = action.toLowerCase();
    this.actionsByName[key] = (this.actionsByName[key] ?? 0) + 1;
    this.emit('action', this.describe(session, action, actionId, message));
    const ctx: ActionContext = {
      session,
      message,
      action,
      actionId,
      pbx: this.pbx,
      auth: {
        username: this.options.username,
        secret: this.options.secret,
        failureDelayMs: this.options.timing.authFailureDelayMs,
      },
      uptime: () => Math.floor((Date.now() - this.pbx.bootedAt) / 1000),
      reply: (fields) => session.send(fields),
      broadcast: (fields) => this.publish(fields),
    };
    // Events raised while the action runs wait until its Response has been written.
    this.holdDepth++;
    try {
      return dispatchAction(ctx);
    } finally {
      this.holdDepth--;
      if (this.holdDepth === 0) this.flushHeld();
    }
  }

  private publish(fields: AmiFields): void {
    this.counters.eventsEmitted++;
    this.emittedRate.mark();
    this.emit('ami-event', fields);
    if (this.holdDepth > 0) {
      this.held.push(fields);
      return;
    }
    this.deliver(fields);
  }

  private flushHeld(): void {
    const held = this.held;
    this.held = [];
    for (const fields of held) this.deliver(fields);
  }

  private deliver(fields: AmiFields): void {
    for (const session of this.sessions) session.deliver(fields);
  }

  private describe(
    session: AmiSession,
    action: string,
    actionId: string | undefined,
    message: AmiMessage,
  ): ActionLog {
    const summary = message.fields
      .filter(([k]) => !['action', 'actionid'].includes(k.toLowerCase()))
      .map(([k, v]) => `${k}=${HIDDEN_HEADERS.has(k.toLowerCase()) ? '***' : v}`)
      .join(' ');
    return { session: session.id, remote: session.remote, action, actionId, summary };
  }

  private reportError(error: unknown): void {
    // Listeners decide what to do; without one, errors are written to stderr, never thrown.
    if (this.listenerCount('sim-error') > 0) this.emit('sim-error', error);
    else console.error('[pbx-sim]', error);
  }
}
