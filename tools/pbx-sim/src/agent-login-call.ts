// An agent sits down in app_agent_pool: a phone dials the AgentLogin extension (*38 in the shipped
// dialplan, AgentLogin(<the line's extension>)) into from-agents. The call is answered, AgentLogin()
// plays agent-loginok, sends AgentLogin and holds the agent in the pool's holding bridge until the
// phone hangs up, or AMI Hangup / AgentLogoff hangs it up; then AgentLogoff. An agent agents.conf
// does not know, or one already logged in, ends with AGENT_STATUS set and the dialplan's Hangup().

import type { Call, CallEnv, CallInfo } from './call-env';
import type { AmiFields, Channel } from './channel';
import { channelCdr, dialplanStep, setVars } from './channel-ops';
import * as ev from './events';
import type { TimerHandle } from './scheduler';

/** The extension of [from-agents] that runs AgentLogin (infra/asterisk/extensions_switchboard.conf). */
export const AGENT_LOGIN_CODE = '*38';
const CONTEXT = 'from-agents';

type State = 'announcing' | 'seated' | 'ended';

export class AgentLoginCall implements Call {
  readonly id: string;
  readonly channel: Channel;
  private state: State = 'announcing';
  /** AgentLogin() took the agent (agent->logged): from here on the call ends with a logout. */
  private reserved = false;
  private timer: TimerHandle | undefined;
  private readonly startedAt = Date.now();

  constructor(
    private readonly env: CallEnv,
    private readonly ext: string,
    phoneName: string,
    readonly agentId: string,
  ) {
    this.channel = env.channels.createSip(ext, { state: 'Down', context: CONTEXT, exten: AGENT_LOGIN_CODE });
    this.channel.setCallerId(ext, phoneName);
    this.id = this.channel.uniqueid;
  }

  /** Off-hook, answered, AgentLogin(<agent>): the announcement, or AGENT_STATUS and Hangup(). */
  start(): void {
    const { env, channel: ch } = this;
    env.phones.setCallState(this.ext, ch.name, 'inuse');
    env.emit(ev.newchannel(ch));
    ch.state = 'Ring';
    env.emit(ev.newstate(ch));
    dialplanStep(env, ch, 1, 'NoOp', `Switchboard agent login from ${this.ext}`);
    dialplanStep(env, ch, 2, 'Answer', '');
    ch.state = 'Up';
    ch.answeredAt = Date.now();
    env.emit(ev.newstate(ch));
    // The line from the channel name: SIP/1002-00000007 → SIP/1002 → AgentLogin(1002).
    const line = ch.name.slice(0, ch.name.lastIndexOf('-'));
    dialplanStep(env, ch, 3, 'Set', `SBAGENTLINE=${ch.name}`);
    setVars(env, ch, [['SBAGENTLINE', ch.name]]);
    dialplanStep(env, ch, 4, 'Set', `SBAGENTLINE=${line}`);
    setVars(env, ch, [['SBAGENTLINE', line]]);
    dialplanStep(env, ch, 5, 'AgentLogin', this.agentId);
    const result = env.agentPool.reserve(this.agentId, ch, () => this.end('soft'));
    this.reserved = result === 'ok';
    if (result !== 'ok') {
      setVars(env, ch, [['AGENT_STATUS', result]]);
      dialplanStep(env, ch, 6, 'Hangup', '');
      this.end('dialplan');
      return;
    }
    // agent-loginok plays before AgentLogin is sent and the agent joins the holding bridge.
    this.timer = env.scheduler.after(env.timing.playbackMs, () => this.seat());
  }

  private seat(): void {
    if (this.state !== 'announcing') return;
    this.state = 'seated';
    this.env.agentPool.announce(this.agentId);
    this.timer = this.env.scheduler.after(this.env.timing.agentProbationMs, () => this.env.agentPool.ready(this.agentId));
  }

  channels(): readonly Channel[] {
    return [this.channel];
  }

  info(): CallInfo {
    return {
      id: this.id,
      kind: 'agent-login',
      state: this.state,
      linkedid: this.channel.linkedid,
      channels: [this.channel.name],
      caller: this.ext,
      code: AGENT_LOGIN_CODE,
      member: this.agentId,
    };
  }

  /** AgentLogin() is no dialplan a Redirect could move on from here. */
  redirect(): boolean {
    return false;
  }

  /** AMI Hangup of the channel: a soft hangup, like AgentLogoff's. */
  hangup(channel: Channel): void {
    if (channel === this.channel) this.end('soft');
  }

  /** The agent puts the phone down (BYE). */
  phoneHangsUp(): void {
    this.end('phone');
  }

  cancel(): void {
    this.timer?.cancel();
    this.state = 'ended';
  }

  get ended(): boolean {
    return this.state === 'ended';
  }

  /**
   * The call ends: the phone's BYE (HangupRequest) or a soft hangup (AMI Hangup, AgentLogoff), or
   * the dialplan's Hangup() after a refused login. A seated agent logs out of the pool first.
   */
  private end(how: 'phone' | 'soft' | 'dialplan'): void {
    if (this.state === 'ended') return;
    const announcing = this.state === 'announcing';
    this.state = 'ended';
    this.timer?.cancel();
    const { env, channel: ch } = this;
    // The phone's BYE is a HangupRequest; Hangup() and AMI's hangups are soft (feature-call.ts).
    if (how === 'phone') env.emit(ev.hangupRequest(ch, 16));
    else env.emit(ev.softHangupRequest(ch, 16));
    if (this.reserved) {
      // Hung up during agent-loginok: AgentLogin() still sends AgentLogin, then logs the agent out.
      if (announcing) env.agentPool.announce(this.agentId);
      env.agentPool.logout(this.agentId);
    }
    env.phones.setCallState(this.ext, ch.name, undefined);
    env.emit(this.cdr());
    env.emit(ev.hangup(ch, 16));
    env.finished(this);
  }

  private cdr(): AmiFields {
    return channelCdr(this.channel, undefined, this.startedAt, this.channel.answeredAt, Date.now(), 'ANSWERED');
  }
}
