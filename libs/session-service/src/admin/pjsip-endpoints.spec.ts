import { parseDirectory } from '@switchboard/agent-domain';
import { renderPjsipEndpoints } from './pjsip-endpoints';

const HASH = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';
const site = parseDirectory({
  pbxId: 'pbx1',
  queues: [{ name: 'helpdesk' }],
  agents: [
    {
      id: '1001',
      name: 'Agent One',
      line: 'PJSIP/1001',
      pinHash: HASH,
      sip: {
        transports: ['tls', 'wss'],
        nat: 'force_rport,comedia',
        codecs: ['opus', 'g722', 'alaw'],
        context: 'from-agents',
        callGroup: '1,3-5',
        pickupGroup: '1',
        chanspy: true,
        recordingFormat: 'wav49',
      },
    },
    { id: '1002', name: 'Agent Two', line: 'PJSIP/1002', sip: { nat: 'no' } },
    { id: '1003', name: 'Agent Three', line: 'PJSIP/1003' },
    { id: '1004', name: 'Hot Desk', hotDesk: true, sip: { codecs: ['ulaw'] } },
  ],
});

describe('the agents’ SIP settings as a pjsip.conf snippet', () => {
  const conf = renderPjsipEndpoints(site, 7);
  const section = (name: string, type: string) => {
    const blocks = conf.split('\n\n').filter((b) => b.includes(`[${name}]`) && b.includes(`type=${type}`));
    expect(blocks).toHaveLength(1);
    return blocks[0].split('\n').filter((l) => !l.startsWith(';'));
  };

  it('renders an endpoint with every setting, in PJSIP’s words', () => {
    expect(section('1001', 'endpoint')).toEqual([
      '[1001]',
      'type=endpoint',
      'aors=1001',
      'transport=transport-tls',
      'webrtc=yes',
      'context=from-agents',
      'disallow=all',
      'allow=opus,g722,alaw',
      'force_rport=yes',
      'rewrite_contact=yes',
      'rtp_symmetric=yes',
      'direct_media=no',
      'call_group=1,3-5',
      'pickup_group=1',
      'set_var=SWITCHBOARD_CHANSPY=yes',
      'set_var=SWITCHBOARD_RECORDING_FORMAT=wav49',
    ]);
    expect(section('1001', 'aor')).toEqual(['[1001]', 'type=aor', 'max_contacts=1', 'remove_existing=yes']);
  });

  it('renders only what an agent sets', () => {
    expect(section('1002', 'endpoint')).toEqual(['[1002]', 'type=endpoint', 'aors=1002', 'force_rport=no', 'rewrite_contact=no', 'rtp_symmetric=no']);
  });

  it('leaves out agents without settings, and says why a hot-desk agent has no endpoint', () => {
    expect(conf).not.toContain('[1003]');
    expect(conf).toContain('; agent 1004: no own line (hot desk), no endpoint');
  });

  it('has no auth section and no secret', () => {
    const settings = conf.split('\n').filter((l) => !l.startsWith(';'));
    expect(settings.filter((l) => /type=auth|^auth=|password|secret/.test(l))).toEqual([]);
    expect(conf).not.toContain('scrypt');
    expect(conf).toContain('directory version 7 of pbx1');
  });
});
