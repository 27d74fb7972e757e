import path from 'node:path';
import { AmiReplayServer, loadCapture } from '@switchboard/ami-replay';
import { InProcessBus } from '@switchboard/bus';
import { subjects, type PbxEvent } from '@switchboard/contracts';
import { PbxGateway } from './pbx-gateway';

const CAPTURES = process.env['AMI_CAPTURES_DIR'] ?? path.resolve(__dirname, '../../../../shared/ami-captures');
const NAMES = ['agent-feature-code', 'queue-call-answered', 'queue-call-transfer', 'queue-call-attended-transfer', 'queue-status', 'sip-registration'];

/**
 * Order: every recorded event arrives in ONE socket write together with the login response, and
 * the gateway must publish all of them, in AMI order, with gap-free sequence numbers.
 */
describe('PbxGateway publishes in AMI order, even for a whole capture in one read', () => {
  it.each(NAMES)('%s', async (name) => {
    const frames = loadCapture(path.join(CAPTURES, `${name}.jsonl`));
    const server = new AmiReplayServer({ frames, oneChunk: true });
    const { port } = await server.start();
    const bus = new InProcessBus();
    const published: PbxEvent[] = [];
    await bus.consume<PbxEvent>({ durable: 'order', filterSubject: subjects.pbxEventsOf('pbx1'), handler: async (m) => void published.push(m.data) });
    const gateway = new PbxGateway(
      { pbxId: 'pbx1', host: '127.0.0.1', port, username: 'gw', secret: 'x' },
      bus,
      { actionTimeoutMs: 2000, snapshotDelayMs: 60_000 },
    );
    await gateway.start();
    const deadline = Date.now() + 10_000;
    while (published.filter((e) => e.type !== 'AmiConnected' && e.type !== 'QueueStatusSnapshot').length < frames.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await gateway.stop();
    await server.stop();
    await bus.close();

    const events = published.filter((e) => e.type !== 'AmiConnected' && e.type !== 'AmiDisconnected' && e.type !== 'QueueStatusSnapshot');
    const recordedNames = frames.map((f) => /^Event: (.*)\r\n/.exec(f.raw)?.[1]);
    const publishedNames = events.map((e) =>
      e.type === 'Unmapped' ? e.data.event : e.type === 'CallTransferred' ? TRANSFER_NAME[e.data.kind] : AMI_NAME[e.type],
    );
    expect(publishedNames).toEqual(recordedNames);
    // The transfers are published typed, never as Unmapped (the reporting projection reads them).
    const transfers = events.flatMap((e) => (e.type === 'CallTransferred' ? [[e.data.kind, e.data.result, e.data.transferer.channel]] : []));
    expect(transfers).toEqual(TRANSFERS[name] ?? []);
    const seqs = published.map((e) => e.metadata.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});

/** The transfers of the captures that hold some (their README): kind, Result, transferer. */
const TRANSFERS: Record<string, string[][]> = {
  'queue-call-transfer': [
    ['blind', 'Success', 'Local/1001@agent-phones-00000001;1'],
    ['blind', 'Success', 'SIP/1001-00000006'],
  ],
  'queue-call-attended-transfer': [['attended', 'Success', 'Local/1001@agent-phones-00000046;1']],
};

/** CallTransferred comes from either AMI event, as its kind says. */
const TRANSFER_NAME = { blind: 'BlindTransfer', attended: 'AttendedTransfer' } as const;

/** The AMI event each typed PBX event comes from. */
const AMI_NAME: Record<string, string> = {
  FeatureCodeDialed: 'UserEvent',
  QueueMemberAdded: 'QueueMemberAdded',
  QueueMemberRemoved: 'QueueMemberRemoved',
  QueueMemberPaused: 'QueueMemberPause',
  QueueMemberStatusChanged: 'QueueMemberStatus',
  QueueCallerJoined: 'QueueCallerJoin',
  QueueCallerLeft: 'QueueCallerLeave',
  QueueCallerAbandoned: 'QueueCallerAbandon',
  AgentCalled: 'AgentCalled',
  AgentConnected: 'AgentConnect',
  AgentCompleted: 'AgentComplete',
  AgentRingNoAnswer: 'AgentRingNoAnswer',
  Hangup: 'Hangup',
  PeerStatusChanged: 'PeerStatus',
  DeviceStateChanged: 'DeviceStateChange',
  FullyBooted: 'FullyBooted',
};
