// app_agent_pool as AMI shows it: agents of agents.conf sit in AgentLogin() on a call from a
// phone, wait in the one holding bridge, and the `Agent:<id>` device state tells app_queue when
// they can take a call (apps/app_agent_pool.c): UNAVAILABLE while logged out, still UNAVAILABLE
// during the login probation, NOT_INUSE once ready, INUSE from the moment a call is presented
// (AgentRequest) until it ends. A logout changes the state to UNAVAILABLE, then sends AgentLogoff
// with Logintime. The calls themselves are agent-login-call.ts and agent-pool-leg.ts.

import type { AmiFields, Channel } from './channel';
import type { DeviceState } from './device-state';
import type { DeviceStates } from './devices';
import * as pool from './agent-pool-events';
import { musicOnHoldStart, musicOnHoldStop } from './events';
import type { Random } from './random';

export type SeatState = 'probation' | 'ready' | 'busy' | 'leaving';

export interface Seat {
  readonly agentId: string;
  /** The channel running AgentLogin(). */
  readonly channel: Channel;
  readonly loginStart: number;
  state: SeatState;
  /** When the agent joined its current call (agent->call_start): the Agents list's CallStarted. */
  callStart?: number;
  /** AgentLogoff Soft during a call: the agent leaves when the call ends. */
  deferredLogoff: boolean;
  /** Hangs the AgentLogin() call up (AMI AgentLogoff, not soft). */
  readonly hangUp: () => void;
}

export type LoginResult = 'ok' | 'INVALID' | 'ALREADY_LOGGED_IN';

export class AgentPool {
  private readonly seats = new Map<string, Seat>();
  private holding: { uniqueid: string; numChannels: number } | undefined;
  private readonly goneListeners: Array<(agentId: string) => void> = [];
  private readonly everSeated = new Set<string>();

  constructor(
    /** agents.conf ids; undefined: any id of digits. */
    private readonly agents: readonly string[] | undefined,
    private readonly devices: DeviceStates,
    private readonly emit: (fields: AmiFields) => void,
    private readonly random: Random,
  ) {
    // Defined agents start UNAVAILABLE (agent_pvt_new); anything else is INVALID.
    devices.addProvider('Agent', (device) => (this.isDefined(device.slice('Agent:'.length)) ? 'UNAVAILABLE' : 'INVALID'));
  }

  isDefined(agentId: string): boolean {
    return this.agents ? this.agents.includes(agentId) : /^[0-9]+$/.test(agentId);
  }

  seat(agentId: string): Seat | undefined {
    return this.seats.get(agentId);
  }

  /** Agents logged in to the pool now. */
  list(): readonly Seat[] {
    return [...this.seats.values()];
  }

  /**
   * The agents the Agents action lists: every agent of agents.conf, in id order (app_agent_pool's
   * container is sorted by id). Without a configured list every id of digits is an agent; the
   * simulator can only name those that ever sat down.
   */
  defined(): readonly string[] {
    return [...(this.agents ?? this.everSeated)].sort();
  }

  /** Runs when an agent leaves the pool (its calls must end), before its AgentLogoff. */
  onGone(listener: (agentId: string) => void): void {
    this.goneListeners.push(listener);
  }

  /** AgentLogin() takes the agent, or sets AGENT_STATUS to why not. */
  reserve(agentId: string, channel: Channel, hangUp: () => void): LoginResult {
    if (!this.isDefined(agentId)) return 'INVALID';
    if (this.seats.has(agentId)) return 'ALREADY_LOGGED_IN';
    this.seats.set(agentId, { agentId, channel, loginStart: Date.now(), state: 'probation', deferredLogoff: false, hangUp });
    this.everSeated.add(agentId);
    return 'ok';
  }

  /** After agent-loginok: the AgentLogin event, then the agent waits in the holding bridge. */
  announce(agentId: string): void {
    const seat = this.require(agentId);
    this.emit(pool.agentLogin(seat.channel, agentId));
    this.enterHolding(seat);
  }

  /** The login probation is over: Agent:<id> NOT_INUSE, calls may come. */
  ready(agentId: string): void {
    const seat = this.seats.get(agentId);
    if (!seat || seat.state !== 'probation') return;
    this.setState(seat, 'ready', 'NOT_INUSE');
  }

  /** AgentRequest found the agent ready: the call is presented (INUSE) and the agent moves to it. */
  callPresent(agentId: string): boolean {
    const seat = this.seats.get(agentId);
    if (!seat || seat.state !== 'ready') return false;
    this.setState(seat, 'busy', 'INUSE');
    return true;
  }

  /** The agent leaves the holding bridge for the caller's bridge. */
  leaveHolding(agentId: string): void {
    const seat = this.seats.get(agentId);
    if (!seat) return;
    seat.callStart = Date.now();
    if (this.holding) this.leave(seat);
  }

  /** The call is over (or was aborted): back in the holding bridge and ready, unless leaving. */
  callEnded(agentId: string): void {
    const seat = this.seats.get(agentId);
    if (!seat || seat.state === 'leaving') return;
    if (seat.channel.bridgeId !== this.holding?.uniqueid) this.enterHolding(seat);
    delete seat.callStart;
    if (seat.deferredLogoff) {
      seat.hangUp();
      return;
    }
    if (seat.state === 'busy') this.setState(seat, 'ready', 'NOT_INUSE');
  }

  /** AMI AgentLogoff: false for an agent agents.conf does not define ("No such agent"). */
  requestLogoff(agentId: string, soft: boolean): boolean {
    if (!this.isDefined(agentId)) return false;
    const seat = this.seats.get(agentId);
    if (!seat) return true;
    if (soft && seat.state === 'busy') seat.deferredLogoff = true;
    else seat.hangUp();
    return true;
  }

  /**
   * The AgentLogin() call is ending: calls of the agent end, Agent:<id> turns UNAVAILABLE, then
   * AgentLogoff with the seconds logged in. The channel's own hangup follows (the call's job).
   */
  logout(agentId: string): void {
    const seat = this.seats.get(agentId);
    if (!seat || seat.state === 'leaving') return;
    seat.state = 'leaving';
    for (const listener of this.goneListeners) listener(agentId);
    if (this.holding && seat.channel.bridgeId === this.holding.uniqueid) this.leave(seat);
    this.seats.delete(agentId);
    this.devices.publish(`Agent:${agentId}`, 'UNAVAILABLE');
    const logintime = Math.floor((Date.now() - seat.loginStart) / 1000);
    this.emit(pool.agentLogoff(seat.channel, agentId, logintime));
  }

  private setState(seat: Seat, state: SeatState, device: DeviceState): void {
    seat.state = state;
    this.devices.publish(`Agent:${seat.agentId}`, device);
  }

  /** The one holding bridge, created for the first agent (bridge_agent_hold_deferred_create). */
  private enterHolding(seat: Seat): void {
    if (!this.holding) {
      this.holding = { uniqueid: this.random.uuid(), numChannels: 0 };
      this.emit(pool.holdingBridgeCreate(this.holding));
    }
    this.holding.numChannels++;
    seat.channel.bridgeId = this.holding.uniqueid;
    this.emit(pool.holdingBridgeEnter(this.holding, seat.channel));
    // The holding bridge's idle mode is music on hold (agents.conf musiconhold).
    this.emit(musicOnHoldStart(seat.channel));
  }

  private leave(seat: Seat): void {
    const holding = this.holding as { uniqueid: string; numChannels: number };
    holding.numChannels = Math.max(0, holding.numChannels - 1);
    seat.channel.bridgeId = '';
    this.emit(musicOnHoldStop(seat.channel));
    this.emit(pool.holdingBridgeLeave(holding, seat.channel));
  }

  private require(agentId: string): Seat {
    const seat = this.seats.get(agentId);
    if (!seat) throw new Error(`pbx-sim: agent ${agentId} is not logged in to the pool`);
    return seat;
  }
}
