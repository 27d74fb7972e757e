import { AmiMessage } from './ami-message';
import { AmiFrameParser } from './frame-parser';
import { mapAmiEvent } from './map-event';
import { deviceOfChannel } from './map-event-device';

/*
 * No capture in shared/ami-captures holds AgentLogin or AgentLogoff: app_agent_pool was not built
 * on the lab PBX. These frames follow the Asterisk 20 AMI event documentation field for field
 * (docs.asterisk.org, Asterisk_20_Documentation/API_Documentation/AMI_Events/AgentLogin and
 * AgentLogoff, class AGENT): the channel snapshot of the channel that ran AgentLogin() — Channel,
 * ChannelState, ChannelStateDesc, CallerIDNum, CallerIDName, ConnectedLineNum, ConnectedLineName,
 * Language, AccountCode, Context, Exten, Priority, Uniqueid, Linkedid — then `Agent`, and for
 * AgentLogoff `Logintime` ("the number of seconds the agent was logged in"). The Privilege header
 * is agent,all like the other agent-class events of the captures.
 */
const SNAPSHOT =
  'Channel: SIP/1002-00000007\r\nChannelState: 6\r\nChannelStateDesc: Up\r\nCallerIDNum: 1002\r\n' +
  'CallerIDName: Agent Two\r\nConnectedLineNum: <unknown>\r\nConnectedLineName: <unknown>\r\nLanguage: en\r\n' +
  'AccountCode: \r\nContext: from-agents\r\nExten: *38\r\nPriority: 3\r\nUniqueid: 1795336000.21\r\nLinkedid: 1795336000.21\r\n';
const LOGIN = `Event: AgentLogin\r\nPrivilege: agent,all\r\n${SNAPSHOT}Agent: 1001\r\n\r\n`;
const LOGOFF = `Event: AgentLogoff\r\nPrivilege: agent,all\r\n${SNAPSHOT}Agent: 1001\r\nLogintime: 754\r\n\r\n`;

function frame(raw: string): AmiMessage {
  const [f] = new AmiFrameParser({ expectBanner: false }).push(raw);
  if (f?.kind !== 'message') throw new Error('no message in the frame');
  return f.message;
}

const seated = {
  channel: 'SIP/1002-00000007',
  uniqueid: '1795336000.21',
  linkedid: '1795336000.21',
  callerIdNum: '1002',
  callerIdName: 'Agent Two',
  agentId: '1001',
  device: 'SIP/1002',
};

describe('app_agent_pool events (documented fields, no capture)', () => {
  it('AgentLogin: the agent from Agent, the channel from the snapshot, its device from the channel name', () => {
    expect(mapAmiEvent(frame(LOGIN))).toEqual({ type: 'AgentLogin', data: seated });
  });

  it('AgentLogoff: the same, and Logintime in seconds', () => {
    expect(mapAmiEvent(frame(LOGOFF))).toEqual({ type: 'AgentLogoff', data: { ...seated, logintimeSeconds: 754 } });
  });

  it('a frame missing fields maps with neutral defaults rather than throwing', () => {
    const bare = new AmiMessage([['Event', 'AgentLogoff']]);
    expect(mapAmiEvent(bare)).toEqual({
      type: 'AgentLogoff',
      data: { channel: '', uniqueid: '', linkedid: '', callerIdNum: '', callerIdName: '', agentId: '', device: '', logintimeSeconds: 0 },
    });
  });
});

describe('deviceOfChannel', () => {
  it.each([
    ['SIP/1001-00000003', 'SIP/1001'],
    ['PJSIP/1001-0000000a', 'PJSIP/1001'],
    ['PJSIP/desk-3-0000000a', 'PJSIP/desk-3'],
    ['Local/811@from-agents-00000000;2', 'Local/811@from-agents'],
    ['SIP/1001', 'SIP/1001'],
    ['', ''],
  ])('%s → %s (up to the last -<hex>, as Asterisk names devices)', (channel, device) => {
    expect(deviceOfChannel(channel)).toBe(device);
  });
});
