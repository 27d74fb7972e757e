import AmiClient from 'asterisk-ami-client';
import { captureEventFrames, captureQueueStatusList } from './ami-corpus';
import { AmiTestServer, LOGIN_LATER_WRITE, LOGIN_SAME_WRITE } from './ami-test-server';
import { OurAmiClient } from './our-ami-client';

// Re-checks, on this machine, what we say about asterisk-ami-client 1.1.5 (the reasons we wrote
// our own AMI layer), against a local AMI server fed with real captured frames. Each figure is
// counted, not asserted: the report shows what happened, whichever way it went.

export interface LoginBurstResult {
  readonly logins: number;
  readonly eventsPerLogin: number;
  readonly sent: number;
  /** Bytes of one login's events (the login response, ~90 bytes, comes before them in the write). */
  readonly eventBytes: number;
  /** Of `sent`, the events that our client read in the same socket read as the login response. */
  readonly inLoginRead: number;
  readonly peerReceived: number;
  readonly peerMinPerLogin: number;
  readonly peerMaxPerLogin: number;
  readonly oursReceived: number;
  /** Socket reads our client needed for the login response + events, over all logins. */
  readonly oursReads: number;
  /** Control: the same events in a second write 50 ms after the login response. */
  readonly control: {
    readonly logins: number;
    readonly sent: number;
    readonly peerReceived: number;
  };
}

export interface ActionIdResult {
  /** Pairs of Getvar actions, both sent in the same tick. */
  readonly pairs: number;
  readonly actions: number;
  readonly peerPairsWithSameId: number;
  readonly peerOwnAnswer: number;
  readonly peerOtherAnswer: number;
  readonly peerNoAnswer: number;
  readonly oursOwnAnswer: number;
  readonly oursOtherAnswer: number;
}

export interface EventListResult {
  /** Item events in the recorded QueueStatus list (QueueParams/QueueMember/QueueEntry). */
  readonly listItems: number;
  /** What asterisk-ami-client's action promise resolved with. */
  readonly peerResolvedWith: Record<string, string | undefined>;
  /** The list's events (items and Complete) emitted as ordinary 'event's by the client. */
  readonly peerListEventsEmitted: number;
  /** Items seen by a listener added once the action's promise has resolved. */
  readonly peerItemsSeenAfterAwait: number;
  readonly oursOk: boolean;
  readonly oursItemsInReply: number;
  readonly oursListItemsLeakedAsEvents: number;
  readonly oursListItemsField: string | undefined;
}

export interface AmiClientCheckResult {
  readonly loginBurst: LoginBurstResult;
  readonly actionIds: ActionIdResult;
  readonly eventList: EventListResult;
}

async function peerLogin(port: number, username: string): Promise<AmiClient> {
  const client = new AmiClient({ reconnect: false, keepAlive: false });
  await client.connect(username, 'bench', { host: '127.0.0.1', port });
  return client;
}

/** A Ping round trip: the server writes in order, so every frame sent before it has been read. */
async function peerFlush(client: AmiClient): Promise<void> {
  await client.action({ Action: 'Ping' }, true);
}

async function peerEventsAfterLogin(
  port: number,
  username: string,
  logins: number,
): Promise<number[]> {
  const perLogin: number[] = [];
  for (let i = 0; i < logins; i++) {
    const client = new AmiClient({ reconnect: false, keepAlive: false });
    let events = 0;
    // Subscribed before connect(): the client re-emits its connection's events from the start.
    client.on('event', () => events++);
    await client.connect(username, 'bench', { host: '127.0.0.1', port });
    await peerFlush(client);
    perLogin.push(events);
    client.disconnect();
  }
  return perLogin;
}

/** (i) Events written in the same socket write as the login response. */
async function checkLoginBurst(
  port: number,
  logins: number,
  events: readonly string[],
  controlLogins: number,
): Promise<LoginBurstResult> {
  const eventsPerLogin = events.length;
  const peer = await peerEventsAfterLogin(port, LOGIN_SAME_WRITE, logins);
  const control = await peerEventsAfterLogin(port, LOGIN_LATER_WRITE, controlLogins);
  let oursReceived = 0;
  let oursReads = 0;
  let inLoginRead = 0;
  for (let i = 0; i < logins; i++) {
    const client = await OurAmiClient.login(port, LOGIN_SAME_WRITE);
    await client.action([['Action', 'Ping']]);
    oursReceived += client.events.length;
    oursReads += client.reads;
    inLoginRead += client.eventsInLoginRead;
    await client.close();
  }
  return {
    logins,
    eventsPerLogin,
    sent: logins * eventsPerLogin,
    eventBytes: Buffer.byteLength(events.join('')),
    inLoginRead,
    peerReceived: peer.reduce((a, b) => a + b, 0),
    peerMinPerLogin: Math.min(...peer),
    peerMaxPerLogin: Math.max(...peer),
    oursReceived,
    oursReads,
    control: {
      logins: controlLogins,
      sent: controlLogins * eventsPerLogin,
      peerReceived: control.reduce((a, b) => a + b, 0),
    },
  };
}

/** (ii) Two actions without an ActionID of the caller's, sent in the same tick. */
async function checkActionIds(port: number, pairs: number): Promise<ActionIdResult> {
  const peer = await peerLogin(port, 'quiet');
  let peerPairsWithSameId = 0;
  let peerOwnAnswer = 0;
  let peerOtherAnswer = 0;
  let peerNoAnswer = 0;
  for (let p = 0; p < pairs; p++) {
    const messages = [0, 1].map(
      (k): Record<string, string> => ({ Action: 'Getvar', Variable: `probe-${2 * p + k}` }),
    );
    // Same tick: the client fills in ActionID = `--spec_${Date.now()}` on each message.
    const replies = await Promise.allSettled(messages.map((m) => peer.action(m, true)));
    if (messages[0]?.['ActionID'] === messages[1]?.['ActionID']) peerPairsWithSameId++;
    replies.forEach((r, k) => {
      if (r.status === 'rejected') peerNoAnswer++;
      else if (r.value['Value'] === `value of ${messages[k]?.Variable}`) peerOwnAnswer++;
      else peerOtherAnswer++;
    });
  }
  peer.disconnect();

  const ours = await OurAmiClient.login(port, 'quiet');
  let oursOwnAnswer = 0;
  let oursOtherAnswer = 0;
  for (let p = 0; p < pairs; p++) {
    const variables = [`probe-${2 * p}`, `probe-${2 * p + 1}`];
    const replies = await Promise.all(
      variables.map((v) =>
        ours.action([
          ['Action', 'Getvar'],
          ['Variable', v],
        ]),
      ),
    );
    replies.forEach((r, k) =>
      r.fields['Value'] === `value of ${variables[k]}` ? oursOwnAnswer++ : oursOtherAnswer++,
    );
  }
  await ours.close();
  return {
    pairs,
    actions: 2 * pairs,
    peerPairsWithSameId,
    peerOwnAnswer,
    peerOtherAnswer,
    peerNoAnswer,
    oursOwnAnswer,
    oursOtherAnswer,
  };
}

/** (iii) A list action (QueueStatus): Response with EventList: start, items, a Complete event. */
async function checkEventList(port: number, listItems: number): Promise<EventListResult> {
  const peer = await peerLogin(port, 'quiet');
  const message: Record<string, string> = { Action: 'QueueStatus' };
  let listEvents = 0;
  peer.on('event', (e: AmiClient.Message) => {
    if (e['ActionID'] === message['ActionID']) listEvents++;
  });
  const resolved = await peer.action(message, true);
  // What a caller sees if it subscribes once its action is answered (the usual await-then-use).
  let itemsAfterAwait = 0;
  peer.on('event', (e: AmiClient.Message) => {
    if (e['ActionID'] === message['ActionID'] && e['EventList'] === undefined) itemsAfterAwait++;
  });
  await peerFlush(peer);
  peer.disconnect();

  const ours = await OurAmiClient.login(port, 'quiet');
  const reply = await ours.action([['Action', 'QueueStatus']]);
  await ours.action([['Action', 'Ping']]);
  const leaked = ours.events.filter((e) => e.actionId !== undefined).length;
  await ours.close();
  return {
    listItems,
    peerResolvedWith: { ...resolved },
    peerListEventsEmitted: listEvents,
    peerItemsSeenAfterAwait: itemsAfterAwait,
    oursOk: reply.ok,
    oursItemsInReply: reply.items?.length ?? 0,
    oursListItemsLeakedAsEvents: leaked,
    oursListItemsField: reply.fields['ListItems'],
  };
}

export async function runAmiClientCheck(
  options: { logins?: number; eventsPerLogin?: number; pairs?: number } = {},
): Promise<AmiClientCheckResult> {
  const { logins = 100, eventsPerLogin = 200, pairs = 1000 } = options;
  const queueStatusList = captureQueueStatusList();
  const loginEvents = captureEventFrames(eventsPerLogin);
  const server = new AmiTestServer({ loginEvents, queueStatusList });
  const port = await server.start();
  try {
    const loginBurst = await checkLoginBurst(port, logins, loginEvents, Math.min(10, logins));
    const actionIds = await checkActionIds(port, pairs);
    // Items: every frame of the recorded list except the Response and the Complete event.
    const eventList = await checkEventList(port, queueStatusList.frames.length - 2);
    return { loginBurst, actionIds, eventList };
  } finally {
    await server.stop();
  }
}
