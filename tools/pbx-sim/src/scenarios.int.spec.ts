// The shipped scenarios (tools/pbx-sim/scenarios/*.yaml) run against a real simulator at ten
// times their written pace, with an AMI client logged in, as `npm run sim -- --scenario` would
// run them. Besides the scenario's own expectations, each is checked for the events its capture
// is about, so a scenario that passes without producing the flow would still fail here.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AmiMessage } from '@switchboard/ami';
import type { Scenario } from './scenario';
import { runScenario } from './scenario';
import { scenarioTiming, speedUpScenario } from './scenario-speed';
import { loadScenario } from './scenario-yaml';
import { PbxSimulator } from './simulator';
import { AmiTestClient } from './testing/ami-test-client';

const SCENARIO_DIR = join(__dirname, '..', 'scenarios');
const SPEED = 10;

function load(file: string): Scenario {
  return speedUpScenario(loadScenario(readFileSync(join(SCENARIO_DIR, file), 'utf8')), SPEED);
}

/** The named events a client received, as `Event Header=value ...` for the given headers. */
function events(client: AmiTestClient, name: string, headers: string[]): string[] {
  return client
    .events(0, name)
    .map((m: AmiMessage) => [name, ...headers.map((h) => `${h}=${m.get(h) ?? ''}`)].join(' '));
}

/** What each capture is about, as seen on the wire. */
const WIRE_CHECKS: Readonly<Record<string, (client: AmiTestClient) => void>> = {
  'feature-code-sip-phone.yaml': (c) => {
    expect(events(c, 'UserEvent', ['Channel', 'Code', 'Caller'])).toEqual([
      'UserEvent Channel=SIP/1001-00000000 Code=811 Caller=1001',
      'UserEvent Channel=SIP/1001-00000001 Code=8110 Caller=1001',
      'UserEvent Channel=SIP/2001-00000002 Code=811 Caller=2001',
    ]);
    expect(events(c, 'QueueMemberAdded', ['Interface', 'Status'])).toEqual([
      'QueueMemberAdded Interface=Local/1001@agent-phones/n Status=2',
    ]);
    expect(events(c, 'Hangup', ['Channel', 'Exten'])).toEqual([
      'Hangup Channel=SIP/1001-00000000 Exten=gw-loginok',
      'Hangup Channel=SIP/1001-00000001 Exten=gw-loggedoff',
      'Hangup Channel=SIP/2001-00000002 Exten=gw-refused',
    ]);
  },
  'queue-call-answered.yaml': (c) => {
    expect(events(c, 'AgentCalled', ['Interface'])).toEqual([
      'AgentCalled Interface=Local/1001@agent-phones/n',
    ]);
    expect(events(c, 'AgentConnect', ['CallerIDNum', 'Interface'])).toEqual([
      'AgentConnect CallerIDNum=0612345678 Interface=Local/1001@agent-phones/n',
    ]);
    expect(events(c, 'AgentComplete', ['Reason'])).toEqual(['AgentComplete Reason=agent']);
  },
  'queue-call-abandoned.yaml': (c) => {
    expect(events(c, 'AgentCalled', [])).toEqual([]);
    expect(events(c, 'QueueCallerAbandon', ['CallerIDNum', 'Position'])).toEqual([
      'QueueCallerAbandon CallerIDNum=0633000001 Position=1',
    ]);
  },
  'ring-no-answer.yaml': (c) => {
    // The queue timeout as written (15 s) at ten times the pace.
    expect(events(c, 'AgentRingNoAnswer', ['Interface', 'RingTime'])).toEqual([
      'AgentRingNoAnswer Interface=Local/1001@agent-phones/n RingTime=1500',
    ]);
    expect(events(c, 'AgentCalled', [])).toHaveLength(2);
    expect(events(c, 'QueueCallerAbandon', ['CallerIDNum'])).toEqual([
      'QueueCallerAbandon CallerIDNum=0644000001',
    ]);
  },
  'phone-unregister-while-member.yaml': (c) => {
    expect(events(c, 'PeerStatus', ['Peer', 'PeerStatus', 'Cause'])).toEqual([
      'PeerStatus Peer=SIP/1002 PeerStatus=Unregistered Cause=Expired',
      'PeerStatus Peer=SIP/1002 PeerStatus=Registered Cause=',
    ]);
    expect(events(c, 'QueueMemberStatus', ['Status'])).toEqual([
      'QueueMemberStatus Status=5',
      'QueueMemberStatus Status=1',
    ]);
    expect(events(c, 'AgentCalled', [])).toEqual([]);
  },
  'pause-unpause.yaml': (c) => {
    expect(events(c, 'QueueMemberPause', ['Queue', 'Paused', 'PausedReason'])).toEqual([
      'QueueMemberPause Queue=helpdesk Paused=1 PausedReason=Lunch',
      'QueueMemberPause Queue=helpdesk Paused=0 PausedReason=',
      'QueueMemberPause Queue=helpdesk Paused=1 PausedReason=Break',
      'QueueMemberPause Queue=sales Paused=1 PausedReason=Break',
      'QueueMemberPause Queue=helpdesk Paused=0 PausedReason=Break',
      'QueueMemberPause Queue=sales Paused=0 PausedReason=Break',
    ]);
  },
  'devstate-blf.yaml': (c) => {
    expect(
      events(c, 'DeviceStateChange', ['Device', 'State']).filter((e) => e.includes('Custom:')),
    ).toEqual([
      'DeviceStateChange Device=Custom:agent-1001-sales State=RINGING',
      'DeviceStateChange Device=Custom:agent-1001-sales State=NOT_INUSE',
      'DeviceStateChange Device=Custom:agent-1001-helpdesk State=INUSE',
      'DeviceStateChange Device=Custom:agent-1001-helpdesk State=NOT_INUSE',
    ]);
    expect(events(c, 'QueueMemberStatus', ['Status'])).toEqual([
      'QueueMemberStatus Status=2',
      'QueueMemberStatus Status=1',
    ]);
  },
};

/** Scenarios that need a gateway; tested with a fake one below. */
const NEEDS_GATEWAY = ['gateway-feature-codes.yaml'];

describe('shipped scenarios', () => {
  let sim: PbxSimulator | undefined;
  let client: AmiTestClient | undefined;

  afterEach(async () => {
    await client?.close();
    await sim?.stop();
    client = undefined;
    sim = undefined;
  });

  async function startFor(scenario: Scenario): Promise<AmiTestClient> {
    sim = new PbxSimulator({ seed: 7, timing: scenarioTiming(scenario, SPEED) });
    const { port } = await sim.start();
    client = await AmiTestClient.login(port);
    return client;
  }

  const files = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml'));

  it('has a wire check for every scenario that runs on its own', () => {
    expect(files.filter((f) => !NEEDS_GATEWAY.includes(f)).sort()).toEqual(
      Object.keys(WIRE_CHECKS).sort(),
    );
  });

  it.each(Object.keys(WIRE_CHECKS))(
    '%s passes and produces its capture flow',
    async (file) => {
      const scenario = load(file);
      const c = await startFor(scenario);
      await runScenario(sim as PbxSimulator, scenario);
      // The scenario checked the simulator's state; its last events may still be on the wire.
      // The Ping response is written after them, so once it is here, they are too.
      await c.action('Ping');
      (WIRE_CHECKS[file] as (client: AmiTestClient) => void)(c);
    },
    15_000,
  );

  describe('gateway-feature-codes.yaml', () => {
    /**
     * The gateway's side of the feature codes, as the real one does it: on UserEvent
     * AgentFeature, QueueAdd/QueueRemove, then Redirect of the caller's channel.
     */
    async function fakeGateway(gateway: AmiTestClient, calls: number): Promise<void> {
      let from = 0;
      for (let i = 0; i < calls; i++) {
        const feature = await gateway.waitFor(
          (m) => m.get('Event') === 'UserEvent' && m.get('UserEvent') === 'AgentFeature',
          { from },
        );
        from = gateway.messages.indexOf(feature) + 1;
        const caller = feature.get('Caller') ?? '';
        const code = feature.get('Code');
        const member = [
          ['Queue', 'helpdesk'],
          ['Interface', `Local/${caller}@agent-phones/n`],
        ] as Array<[string, string]>;
        let exten = 'gw-refused';
        if (caller === '1001' && code === '8111') {
          await gateway.action('QueueAdd', [...member, ['StateInterface', `SIP/${caller}`]]);
          exten = 'gw-loginok';
        } else if (caller === '1001' && code === '8110') {
          await gateway.action('QueueRemove', member);
          exten = 'gw-loggedoff';
        }
        await gateway.action('Redirect', [
          ['Channel', feature.get('Channel') ?? ''],
          ['Context', 'from-agents'],
          ['Exten', exten],
          ['Priority', '1'],
        ]);
      }
    }

    it('passes when a gateway logs the agent in and out and refuses the stranger', async () => {
      const scenario = load('gateway-feature-codes.yaml');
      const gateway = await startFor(scenario);
      const gatewayDone = fakeGateway(gateway, 3);
      await runScenario(sim as PbxSimulator, scenario);
      await gatewayDone;
      expect(sim?.redirects.map((r) => r.exten)).toEqual([
        'gw-loginok',
        'gw-loggedoff',
        'gw-refused',
      ]);
    }, 15_000);

    it('fails at the first expectation when no gateway reacts', async () => {
      const scenario = load('gateway-feature-codes.yaml');
      await startFor(scenario);
      await expect(runScenario(sim as PbxSimulator, scenario)).rejects.toThrow(
        'steps[1].expect: Local/1001@agent-phones/n is not in helpdesk; 0 redirect(s) of phone ' +
          '1001 to gw-loginok, expected at least 1 (seen: none) (waited 300 ms)',
      );
    }, 15_000);
  });
});
