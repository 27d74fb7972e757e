import type { PbxActionReply } from '@switchboard/contracts';
import { agentsSnapshot } from './agents-snapshot';
import { ActionCorrelator } from './correlator';
import { encodePbxAction } from './encode';
import { AmiFrameParser } from './frame-parser';

/*
 * No capture has app_agent_pool (it was not built on the lab PBX): these frames are written the way
 * apps/app_agent_pool.c action_agents writes them (astman_send_listack "Agents will follow", one
 * `Event: Agents` per agent of agents.conf with the fields of the Asterisk 20 AMI event docs, then
 * astman_send_list_complete "AgentsComplete"). Its CallStarted line ends in a bare LF in the C
 * source; the parser tolerates that, and this reply keeps it.
 */
const SNAPSHOT_1002 =
  'Channel: SIP/1002-00000007\r\nChannelState: 6\r\nChannelStateDesc: Up\r\nCallerIDNum: 1002\r\nCallerIDName: Agent Two\r\n' +
  'ConnectedLineNum: <unknown>\r\nConnectedLineName: <unknown>\r\nLanguage: en\r\nAccountCode: \r\nContext: from-agents\r\n' +
  'Exten: *38\r\nPriority: 5\r\nUniqueid: 1763900000.14\r\nLinkedid: 1763900000.14\r\n';
const REPLY =
  'Response: Success\r\nActionID: agents-1\r\nEventList: start\r\nMessage: Agents will follow\r\n\r\n' +
  // An unrelated event between the list's frames stays an event.
  'Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 3\r\nLastReload: 3\r\nStatus: Fully Booted\r\n\r\n' +
  'Event: Agents\r\nAgent: 1001\r\nName: Agent One\r\nStatus: AGENT_LOGGEDOFF\r\nActionID: agents-1\r\n\r\n' +
  `Event: Agents\r\nAgent: 1002\r\nName: Agent Two\r\nStatus: AGENT_IDLE\r\nLoggedInTime: 1763900000\r\n${SNAPSHOT_1002}ActionID: agents-1\r\n\r\n` +
  'Event: Agents\r\nAgent: 1003\r\nName: \r\nStatus: AGENT_ONCALL\r\nTalkingToChan: Local/1003@agent-pool-00000002;2\r\n' +
  `CallStarted: 1763900100\nLoggedInTime: 1763900050\r\n${SNAPSHOT_1002.replace(/1002/g, '1003').replace('00000007', '00000009')}ActionID: agents-1\r\n\r\n` +
  'Event: Agents\r\nAgent: 1005\r\nName: \r\nStatus: AGENT_SOMETHING_NEW\r\nActionID: agents-1\r\n\r\n' +
  'Event: AgentsComplete\r\nActionID: agents-1\r\nEventList: Complete\r\nListItems: 4\r\n\r\n';

function replyOf(bytes: string): { reply: PbxActionReply; events: string[] } {
  const correlator = new ActionCorrelator();
  correlator.register('agents-1');
  const events: string[] = [];
  let reply: PbxActionReply | undefined;
  for (const frame of new AmiFrameParser({ expectBanner: false }).push(Buffer.from(bytes))) {
    if (frame.kind !== 'message') throw new Error(`bad frame: ${JSON.stringify(frame)}`);
    const outcome = correlator.accept(frame.message);
    if (!outcome.consumed) events.push(frame.message.get('Event') ?? '');
    if (outcome.completed) reply = outcome.completed.reply;
  }
  if (!reply) throw new Error('the list never completed');
  return { reply, events };
}

describe('the AMI Agents list', () => {
  it('is encoded as a bare action with its ActionID', () => {
    expect(encodePbxAction({ action: 'Agents' }, 'agents-1')).toBe('Action: Agents\r\nActionID: agents-1\r\n\r\n');
  });

  it('is one reply: the Agents events are its items, AgentsComplete ends it, other events stay events', () => {
    const { reply, events } = replyOf(REPLY);
    expect(events).toEqual(['FullyBooted']);
    expect(reply).toMatchObject({ ok: true, message: 'Agents will follow', fields: expect.objectContaining({ ListItems: '4' }) });
    expect(reply.items?.map((i) => i['Agent'])).toEqual(['1001', '1002', '1003', '1005']);
  });

  it('becomes a snapshot of where each agent sits', () => {
    const snapshot = agentsSnapshot(replyOf(REPLY).reply, 'connected', '2026-11-23T09:00:00.000Z');
    expect(snapshot).toEqual({
      reason: 'connected',
      askedAt: '2026-11-23T09:00:00.000Z',
      agents: [
        { agentId: '1001', name: 'Agent One', status: 'logged-off' },
        {
          agentId: '1002',
          name: 'Agent Two',
          status: 'idle',
          channel: 'SIP/1002-00000007',
          device: 'SIP/1002',
          loggedInAt: new Date(1763900000 * 1000).toISOString(),
        },
        {
          agentId: '1003',
          name: '',
          status: 'on-call',
          channel: 'SIP/1003-00000009',
          device: 'SIP/1003',
          loggedInAt: new Date(1763900050 * 1000).toISOString(),
          talkingTo: 'Local/1003@agent-pool-00000002;2',
        },
        // A status this mapping does not know says nothing about the seat.
        { agentId: '1005', name: '', status: 'unknown', raw: 'AGENT_SOMETHING_NEW' },
      ],
    });
  });

  it('an agent said to be logged in without its channel is unknown, not a seat', () => {
    const reply: PbxActionReply = {
      ok: true,
      response: 'Success',
      message: 'Agents will follow',
      fields: {},
      items: [{ Event: 'Agents', Agent: '1001', Name: '', Status: 'AGENT_IDLE', LoggedInTime: '1763900000' }],
    };
    expect(agentsSnapshot(reply, 'requested', '2026-11-23T09:00:00.000Z').agents).toEqual([
      { agentId: '1001', name: '', status: 'unknown', raw: 'AGENT_IDLE' },
    ]);
  });
});
