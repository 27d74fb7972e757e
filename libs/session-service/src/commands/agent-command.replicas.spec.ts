import type { AgentCommand } from '@switchboard/contracts';
import { InMemoryEventStore, type EventStore } from '@switchboard/event-store';
import { Registry } from 'prom-client';
import { AgentCommandService } from './agent-command.service';

// AgentCommandService keeps each agent's folded stream between commands (a StreamStateCache), and
// its evolve changes the remembered commands IN PLACE. These replicas share one store, each with
// its own cache, as two agent-session processes do: every state must stay what a fresh fold says.

const AGENT = '1002';
const binding = {
  interface: `Local/${AGENT}@agent-phones/n`,
  stateInterface: `SIP/${AGENT}`,
  memberName: `Agent ${AGENT}`,
};

const toggle = (
  commandId: string,
  queues: readonly string[] = ['helpdesk', 'sales'],
): AgentCommand => ({
  type: 'ChangeQueueLogin',
  commandId,
  agentId: AGENT,
  at: '2026-11-23T09:00:00.000Z',
  via: 'feature-code',
  correlationId: commandId,
  pbxId: 'pbx1',
  mode: 'toggle',
  queues,
  binding,
});

const replica = (store: EventStore) => new AgentCommandService(store, new Registry());

describe('AgentCommandService replicas with their own state caches', () => {
  it('agree with a fresh fold after every command, whichever replica ran it', async () => {
    const store = new InMemoryEventStore();
    const [a, b] = [replica(store), replica(store)];
    const fresh = replica(store);
    for (let i = 0; i < 12; i++) {
      const result = await (i % 3 === 0 ? a : b).execute(
        toggle(`cmd-${i}`, i % 2 ? ['helpdesk'] : ['helpdesk', 'sales']),
      );
      expect(result.duplicate).toBe(false);
      expect(result.state).toEqual(await fresh.state(AGENT));
    }
  });

  it('recognise a command redelivered to the other replica, with exactly the events first recorded', async () => {
    const store = new InMemoryEventStore();
    const [a, b] = [replica(store), replica(store)];
    await b.execute(toggle('warm-up'));
    const first = await a.execute(toggle('cmd-x'));
    const again = await b.execute(toggle('cmd-x'));
    expect(again.duplicate).toBe(true);
    expect(again.events).toEqual(first.events);
    expect((await store.readStream(`agent-${AGENT}`)).events).toHaveLength(4);
  });

  it('never remember a decision whose append was refused, in place or otherwise', async () => {
    const store = new InMemoryEventStore();
    const other = replica(store);
    let interfere = false;
    // This replica's appends lose one race to the other replica when asked to.
    const racing: EventStore = {
      readStream: (s, o) => store.readStream(s, o),
      subscribeToAll: (o) => store.subscribeToAll(o),
      close: () => store.close(),
      append: async (stream, events, expected) => {
        if (interfere) {
          interfere = false;
          await other.execute(toggle('from-the-other-replica', ['sales']));
        }
        return store.append(stream, events, expected);
      },
    };
    const a = replica(racing);
    await a.execute(toggle('cmd-1', ['helpdesk']));
    interfere = true;
    const raced = await a.execute(toggle('cmd-2'));
    // Re-decided on the other replica's login to sales: toggling both queues logs both out.
    expect(raced.events.map((e) => [e.type, (e.data as { queue: string }).queue])).toEqual([
      ['AgentLoggedOut', 'helpdesk'],
      ['AgentLoggedOut', 'sales'],
    ]);
    expect(raced.state).toEqual(await replica(store).state(AGENT));
    // The refused first attempt (two logins) is not among the remembered events of cmd-2.
    const redelivered = await a.execute(toggle('cmd-2'));
    expect(redelivered).toMatchObject({ duplicate: true, events: raced.events });
    expect((await a.execute(toggle('cmd-3'))).state).toEqual(await replica(store).state(AGENT));
  });
});
