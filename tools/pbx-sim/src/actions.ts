// AMI actions: validation, the exact Response texts of Asterisk 20 (see errors-after-login and
// the other captures), and the call into the simulated PBX. Events the PBX emits while an action
// runs are held back by the server until the Response is written, so a QueueAdd's Response
// precedes its QueueMemberAdded just like on the real thing.

import type { AmiMessage } from '@switchboard/ami';
import type { AmiFields } from './channel';
import * as poolEvents from './agent-pool-events';
import * as ev from './events';
import type { Pbx } from './pbx';
import type { AmiSession } from './session';
import { eventTv, pingTimestamp } from './time-format';

export interface ActionContext {
  readonly session: AmiSession;
  readonly message: AmiMessage;
  readonly action: string;
  readonly actionId: string | undefined;
  readonly pbx: Pbx;
  readonly auth: {
    readonly username: string;
    readonly secret: string;
    readonly failureDelayMs: number;
  };
  /** Seconds since the simulator started (FullyBooted Uptime). */
  uptime(): number;
  /** A frame for this client only (responses, list items). */
  reply(fields: AmiFields): void;
  /** An event for every logged-in client. */
  broadcast(fields: AmiFields): void;
}

type Handler = (ctx: ActionContext) => void | Promise<void>;

/** Actions allowed before Login (everything else gets `Permission denied`). */
const PRE_AUTH = new Set(['login', 'logoff', 'challenge']);

/** Asterisk's ast_true(): yes/true/y/t/1/on. */
export function isTrue(value: string | undefined): boolean {
  return ['yes', 'true', 'y', 't', '1', 'on'].includes((value ?? '').trim().toLowerCase());
}

function header(ctx: ActionContext, name: string): string | undefined {
  const value = ctx.message.get(name);
  return value === undefined ? undefined : value.trim();
}

function ok(ctx: ActionContext, message: string): void {
  ctx.reply(ev.messageResponse('Success', ctx.actionId, message));
}

function fail(ctx: ActionContext, message: string): void {
  ctx.reply(ev.messageResponse('Error', ctx.actionId, message));
}

export function dispatchAction(ctx: ActionContext): void | Promise<void> {
  const name = ctx.action.toLowerCase();
  if (!ctx.session.authenticated && !PRE_AUTH.has(name)) {
    fail(ctx, 'Permission denied');
    return;
  }
  const handler = HANDLERS[name];
  if (!handler) {
    fail(
      ctx,
      `Invalid/unknown command: ${ctx.action}. Use Action: ListCommands to show available commands.`,
    );
    ctx.broadcast(
      ev.requestBadFormat(ctx.session.info, ctx.session.username ?? '', ctx.action, eventTv()),
    );
    return;
  }
  return handler(ctx);
}

const HANDLERS: Readonly<Record<string, Handler>> = {
  login: (ctx) => {
    const username = header(ctx, 'Username') ?? '';
    const secret = ctx.message.get('Secret') ?? '';
    if (username !== ctx.auth.username || secret !== ctx.auth.secret) {
      // Asterisk answers a failed login after a short delay, then drops the connection.
      return new Promise<void>((resolve) => {
        ctx.pbx.scheduler.after(ctx.auth.failureDelayMs, () => {
          fail(ctx, 'Authentication failed');
          ctx.session.end();
          resolve();
        });
      });
    }
    ctx.session.authenticated = true;
    ctx.session.username = username;
    ctx.session.setEventMask(header(ctx, 'Events'));
    ok(ctx, 'Authentication accepted');
    ctx.session.deliver(ev.fullyBooted(ctx.uptime()));
    ctx.broadcast(ev.successfulAuth(ctx.session.info, username, eventTv()));
    return undefined;
  },

  logoff: (ctx) => {
    ctx.reply(ev.messageResponse('Goodbye', ctx.actionId, 'Thanks for all the fish.'));
    ctx.session.end();
  },

  ping: (ctx) => {
    ctx.reply(
      ev.response('Success', ctx.actionId, [
        ['Ping', 'Pong'],
        ['Timestamp', pingTimestamp()],
      ]),
    );
  },

  events: (ctx) => {
    const state = ctx.session.setEventMask(header(ctx, 'EventMask'));
    ctx.reply(ev.response('Success', ctx.actionId, [['Events', state === 'on' ? 'On' : 'Off']]));
  },

  queueadd: (ctx) => {
    const queue = header(ctx, 'Queue');
    const iface = header(ctx, 'Interface');
    if (!queue) return fail(ctx, "'Queue' not specified.");
    if (!iface) return fail(ctx, "'Interface' not specified.");
    const penaltyText = header(ctx, 'Penalty');
    const penalty = penaltyText ? Number.parseInt(penaltyText, 10) : 0;
    if (Number.isNaN(penalty) || penalty < 0) return fail(ctx, 'Invalid penalty');
    const result = ctx.pbx.queues.add({
      queue,
      interface: iface,
      memberName: header(ctx, 'MemberName'),
      stateInterface: header(ctx, 'StateInterface'),
      penalty,
      paused: isTrue(header(ctx, 'Paused')),
      reason: header(ctx, 'Reason'),
    });
    switch (result) {
      case 'ok':
        return ok(ctx, 'Added interface to queue');
      case 'exists':
        return fail(ctx, 'Unable to add interface: Already there');
      case 'nosuchqueue':
        return fail(ctx, 'Unable to add interface to queue: No such queue');
      default: {
        const never: never = result;
        throw new Error(`unexpected QueueAdd result ${String(never)}`);
      }
    }
  },

  queueremove: (ctx) => {
    const queue = header(ctx, 'Queue');
    const iface = header(ctx, 'Interface');
    if (!queue || !iface) return fail(ctx, "Need 'Queue' and 'Interface' parameters.");
    const result = ctx.pbx.queues.remove(queue, iface);
    switch (result) {
      case 'ok':
        return ok(ctx, 'Removed interface from queue');
      case 'notthere':
        return fail(ctx, 'Unable to remove interface: Not there');
      case 'nosuchqueue':
        return fail(ctx, 'Unable to remove interface from queue: No such queue');
      default: {
        const never: never = result;
        throw new Error(`unexpected QueueRemove result ${String(never)}`);
      }
    }
  },

  queuepause: (ctx) => {
    const iface = header(ctx, 'Interface');
    const pausedText = header(ctx, 'Paused');
    if (!iface || !pausedText) return fail(ctx, "Need 'Interface' and 'Paused' parameters.");
    const paused = isTrue(pausedText);
    // Without a Queue header the member is paused in every queue it belongs to.
    const found = ctx.pbx.queues.pause(
      iface,
      paused,
      header(ctx, 'Reason') ?? '',
      header(ctx, 'Queue') || undefined,
    );
    if (!found) return fail(ctx, 'Interface not found');
    return ok(ctx, paused ? 'Interface paused successfully' : 'Interface unpaused successfully');
  },

  queuepenalty: (ctx) => {
    const iface = header(ctx, 'Interface');
    const penaltyText = header(ctx, 'Penalty');
    if (!iface || !penaltyText) return fail(ctx, "Need 'Interface' and 'Penalty' parameters.");
    const penalty = Number.parseInt(penaltyText, 10);
    if (Number.isNaN(penalty) || penalty < 0) return fail(ctx, 'Invalid penalty');
    if (!ctx.pbx.queues.setPenalty(iface, penalty, header(ctx, 'Queue') || undefined)) {
      return fail(ctx, 'Invalid interface, queuename or penalty');
    }
    return ok(ctx, 'Interface penalty set successfully');
  },

  queuestatus: (ctx) => {
    const queueFilter = header(ctx, 'Queue') || undefined;
    const memberFilter = header(ctx, 'Member') || undefined;
    ctx.reply(ev.listStart(ctx.actionId, 'Queue status will follow'));
    let items = 0;
    const queues = ctx.pbx.queues;
    const now = Date.now();
    for (const name of queues.names()) {
      if (queueFilter && name !== queueFilter) continue;
      const params = queues.params(name);
      if (!params) continue;
      ctx.reply(ev.queueParamsItem(ctx.actionId, params));
      items++;
      for (const member of queues.members(name)) {
        if (memberFilter && member.interface !== memberFilter) continue;
        ctx.reply(ev.queueMemberItem(ctx.actionId, queues.view(member)));
        items++;
      }
      queues.entries(name).forEach((entry, index) => {
        const wait = Math.floor((now - entry.joinedAt) / 1000);
        ctx.reply(ev.queueEntryItem(ctx.actionId, name, index + 1, entry.channel, wait));
        items++;
      });
    }
    ctx.reply(ev.listComplete('QueueStatusComplete', ctx.actionId, items));
  },

  queuesummary: (ctx) => {
    const queueFilter = header(ctx, 'Queue') || undefined;
    ctx.reply(ev.listStart(ctx.actionId, 'Queue summary will follow'));
    let items = 0;
    for (const name of ctx.pbx.queues.names()) {
      if (queueFilter && name !== queueFilter) continue;
      const summary = ctx.pbx.queues.summary(name);
      if (!summary) continue;
      ctx.reply(ev.queueSummaryItem(ctx.actionId, summary));
      items++;
    }
    ctx.reply(ev.listComplete('QueueSummaryComplete', ctx.actionId, items));
  },

  queuelog: (ctx) => {
    const queue = header(ctx, 'Queue');
    const eventName = header(ctx, 'Event');
    if (!queue || !eventName) return fail(ctx, "Need 'Queue' and 'Event' parameters.");
    ctx.pbx.queues.queueLog(
      queue,
      header(ctx, 'UniqueId') || 'NONE',
      header(ctx, 'Interface') ?? '',
      eventName,
      header(ctx, 'Message') ?? '',
    );
    return ok(ctx, 'Event added successfully');
  },

  // app_agent_pool's AgentLogoff (action_agent_logoff): "Agent logged out" for any agent of
  // agents.conf, logged in or not; not Soft, the AgentLogin() call is hung up. No capture has it.
  agentlogoff: (ctx) => {
    const agent = header(ctx, 'Agent');
    if (!agent) return fail(ctx, 'No agent specified');
    if (!ctx.pbx.agentPool.requestLogoff(agent, isTrue(header(ctx, 'Soft')))) return fail(ctx, 'No such agent');
    return ok(ctx, 'Agent logged out');
  },

  // app_agent_pool's Agents (action_agents): "Agents will follow", one Agents item per agent of
  // agents.conf, then AgentsComplete with ListItems. No capture has it: the Asterisk 20 docs and
  // the C source give the fields (agent-pool-events.ts).
  agents: (ctx) => {
    ctx.reply(ev.listStart(ctx.actionId, 'Agents will follow'));
    const pool = ctx.pbx.agentPool;
    const ids = pool.defined();
    for (const agentId of ids) {
      const seat = pool.seat(agentId);
      const talkingTo = seat ? (seat.channel.variables.get('BRIDGEPEER') ?? '') : '';
      ctx.reply(
        poolEvents.agentsItem(
          ctx.actionId,
          agentId,
          seat && { channel: seat.channel, loginStartMs: seat.loginStart, talkingTo, callStartMs: seat.callStart },
        ),
      );
    }
    ctx.reply(ev.listComplete('AgentsComplete', ctx.actionId, ids.length));
  },

  redirect: (ctx) => {
    const channel = header(ctx, 'Channel');
    const context = header(ctx, 'Context');
    const exten = header(ctx, 'Exten');
    if (!channel) return fail(ctx, 'Channel not specified');
    if (!context || !exten) return fail(ctx, 'Context and Exten not specified');
    const priorityText = header(ctx, 'Priority') ?? '1';
    const priority = Number.parseInt(priorityText, 10);
    if (Number.isNaN(priority) || priority < 1) return fail(ctx, `Invalid priority`);
    if (!ctx.pbx.channels.get(channel)) return fail(ctx, `Channel does not exist: ${channel}`);
    ok(ctx, 'Redirect successful');
    ctx.pbx.redirect(channel, context, exten, priority);
    return undefined;
  },

  hangup: (ctx) => {
    const channel = header(ctx, 'Channel');
    if (!channel) return fail(ctx, 'No channel specified');
    if (!ctx.pbx.channels.get(channel)) return fail(ctx, 'No such channel');
    ok(ctx, 'Channel Hungup');
    ctx.pbx.hangup(channel);
    return undefined;
  },

  getvar: (ctx) => {
    const variable = header(ctx, 'Variable');
    if (!variable) return fail(ctx, 'No variable specified');
    const result = ctx.pbx.getVar(header(ctx, 'Channel') || undefined, variable);
    if (!result.ok) return fail(ctx, 'No such channel');
    ctx.reply(
      ev.response('Success', ctx.actionId, [
        ['Variable', variable],
        ['Value', result.value],
      ]),
    );
    return undefined;
  },

  setvar: (ctx) => {
    const variable = header(ctx, 'Variable');
    if (!variable) return fail(ctx, 'No variable specified');
    const channel = header(ctx, 'Channel') || undefined;
    if (channel && !ctx.pbx.channels.get(channel)) return fail(ctx, 'No such channel');
    const error = ctx.pbx.setVar(channel, variable, ctx.message.get('Value') ?? '');
    if (error) return fail(ctx, error);
    return ok(ctx, 'Variable Set');
  },

  originate: async (ctx) => {
    const channel = header(ctx, 'Channel');
    if (!channel) return fail(ctx, 'Channel not specified');
    const async = isTrue(header(ctx, 'Async'));
    const request = {
      channel,
      context: header(ctx, 'Context'),
      exten: header(ctx, 'Exten'),
      priority: header(ctx, 'Priority'),
      application: header(ctx, 'Application'),
      data: header(ctx, 'Data'),
      callerId: header(ctx, 'CallerID'),
      actionId: ctx.actionId,
      async,
    };
    if (async) {
      // The Response goes out first; the call and its OriginateResponse follow.
      ok(ctx, 'Originate successfully queued');
      const started = ctx.pbx.originate(request);
      if (!started) {
        ctx.broadcast(
          ev.originateResponse(
            ctx.actionId,
            false,
            undefined,
            channel,
            [],
            '<unknown>',
            '<unknown>',
          ),
        );
      }
      return;
    }
    const answered = await ctx.pbx.originate(request);
    if (answered) ok(ctx, 'Originate successfully queued');
    else fail(ctx, 'Originate failed');
  },

  coreshowchannels: (ctx) => {
    ctx.reply(ev.listStart(ctx.actionId, 'Channels will follow'));
    const channels = ctx.pbx.channels.all();
    const now = Date.now();
    for (const ch of channels) {
      ctx.reply(ev.coreShowChannelItem(ctx.actionId, ch, Math.floor((now - ch.createdAt) / 1000)));
    }
    ctx.reply(ev.listComplete('CoreShowChannelsComplete', ctx.actionId, channels.length));
  },

  devicestatelist: (ctx) => {
    ctx.reply(ev.listStart(ctx.actionId, 'Device State Changes will follow'));
    const devices = ctx.pbx.devices.list();
    for (const [device, state] of devices) {
      ctx.reply(ev.deviceStateItem(ctx.actionId, device, state));
    }
    ctx.reply(ev.listComplete('DeviceStateListComplete', ctx.actionId, devices.length));
  },

  extensionstatelist: (ctx) => {
    ctx.reply(ev.listStart(ctx.actionId, 'Extension Statuses will follow'));
    const hints = ctx.pbx.devices.hints();
    for (const hint of hints) {
      ctx.reply(ev.extensionStatusItem(ctx.actionId, hint, ctx.pbx.devices.get(hint.device)));
    }
    ctx.reply(ev.listComplete('ExtensionStateListComplete', ctx.actionId, hints.length));
  },

  extensionstate: (ctx) => {
    const exten = header(ctx, 'Exten');
    if (!exten) return fail(ctx, 'Extension not specified');
    const context = header(ctx, 'Context') || 'default';
    const hint = ctx.pbx.devices.findHint(exten, context);
    if (!hint) {
      ctx.reply(
        ev.response('Success', ctx.actionId, [
          ['Message', 'Extension Status'],
          ['Exten', exten],
          ['Context', context],
          ['Hint', ''],
          ['Status', '-1'],
          ['StatusText', 'Unknown'],
        ]),
      );
      return undefined;
    }
    ctx.reply(ev.extensionStateResponse(ctx.actionId, hint, ctx.pbx.devices.get(hint.device)));
    return undefined;
  },

  command: (ctx) => {
    const command = (header(ctx, 'Command') ?? '').replace(/\s+/g, ' ');
    const output =
      command === 'core show version'
        ? ['Asterisk 20.20.1 (pbx-sim) built by switchboard on a simulator']
        : [
            `No such command '${command}' (type 'core show help ${command}' for other possible commands)`,
          ];
    ctx.reply(
      ev.response('Success', ctx.actionId, [
        ['Message', 'Command output follows'],
        ...output.map((line): [string, string] => ['Output', line]),
      ]),
    );
  },
};
