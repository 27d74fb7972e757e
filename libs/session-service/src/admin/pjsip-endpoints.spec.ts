import { bindingForTarget, parseDirectory } from '@switchboard/agent-domain';
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
        context: 'desk-agents',
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
    const blocks = conf
      .split('\n\n')
      .filter((b) => b.includes(`[${name}]`) && b.includes(`type=${type}`));
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
      'context=desk-agents',
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
    expect(section('1001', 'aor')).toEqual([
      '[1001]',
      'type=aor',
      'max_contacts=1',
      'remove_existing=yes',
    ]);
  });

  it('renders only what an agent sets', () => {
    expect(section('1002', 'endpoint')).toEqual([
      '[1002]',
      'type=endpoint',
      'aors=1002',
      'force_rport=no',
      'rewrite_contact=no',
      'rtp_symmetric=no',
    ]);
  });

  it('leaves out agents without settings, and says why a hot-desk agent has no endpoint', () => {
    expect(conf).not.toContain('[1003]');
    expect(conf).toContain('; agent 1004: no own line (hot desk), no endpoint');
  });

  describe('browser softphones (ring target internal)', () => {
    it('renders a WebRTC endpoint named like the queue member, with the agent’s codecs, context and agent-wide settings', () => {
      expect(bindingForTarget(site.agents[0], { kind: 'internal' })?.interface).toBe(
        'PJSIP/webrtc-1001',
      );
      expect(section('webrtc-1001', 'endpoint')).toEqual([
        '[webrtc-1001]',
        'type=endpoint',
        'aors=webrtc-1001',
        'transport=transport-wss',
        'webrtc=yes',
        'context=desk-agents',
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
      // One browser at a time: a second tab's registration replaces the first.
      expect(section('webrtc-1001', 'aor')).toEqual([
        '[webrtc-1001]',
        'type=aor',
        'max_contacts=1',
        'remove_existing=yes',
      ]);
    });

    it('gives every agent one, with opus and ulaw and the shipped context by default, a desk phone’s NAT mode left out', () => {
      const plain = [
        'type=endpoint',
        'transport=transport-wss',
        'webrtc=yes',
        'context=from-agents',
        'disallow=all',
        'allow=opus,ulaw',
        'rtp_symmetric=yes',
        'direct_media=no',
      ];
      for (const id of ['1002', '1003']) {
        const lines = section(`webrtc-${id}`, 'endpoint');
        expect(lines).toEqual(
          expect.arrayContaining([`[webrtc-${id}]`, `aors=webrtc-${id}`, ...plain]),
        );
        expect(lines).not.toContain('force_rport=no');
        section(`webrtc-${id}`, 'aor');
      }
      // A hot-desk agent has no line of its own, but a browser: its codecs apply.
      expect(section('webrtc-1004', 'endpoint')).toContain('allow=ulaw');
    });

    it('leaves no secret in them, and says how to add auth', () => {
      expect(
        section('webrtc-1002', 'endpoint').filter((l) => /^auth=|password|secret/.test(l)),
      ).toEqual([]);
      expect(conf).toContain(
        '; No auth: add it in the PBX, e.g. [webrtc-1002](+) with auth=webrtc-1002-auth, an auth section kept in the PBX.',
      );
    });

    const edge = parseDirectory({
      queues: [{ name: 'helpdesk' }],
      agents: [
        { id: '2001', name: 'Pool', line: 'SIP/2001', membership: 'agent-pool' },
        { id: 'a'.repeat(58), name: 'Long Id', hotDesk: true },
        { id: 'x1', name: 'Clash', line: 'PJSIP/webrtc-y1', sip: { nat: 'no' } },
        { id: 'y1', name: 'Clashed', hotDesk: true },
        { id: 'g729', name: 'Old Codecs', hotDesk: true, sip: { codecs: ['g729'] } },
      ],
    });
    const edgeConf = renderPjsipEndpoints(edge, 1);
    const sections = edgeConf.split('\n').filter((l) => l.startsWith('['));

    it('renders none for an agent-pool agent, which rings where it sits in AgentLogin()', () => {
      expect(bindingForTarget(edge.agents[0], { kind: 'internal' })).toBeUndefined();
      expect(sections).not.toContain('[webrtc-2001]');
      expect(edgeConf).toContain(
        '; agent 2001: rings where it sits in AgentLogin() (agent-pool), no browser endpoint',
      );
    });

    it('renders none for an id too long to name a section', () => {
      expect(sections.filter((l) => l.includes('aaaa'))).toEqual([]);
      expect(edgeConf).toContain(
        `; agent ${'a'.repeat(58)}: its id cannot name a browser endpoint (webrtc-<id>, at most 64 characters)`,
      );
    });

    it('never merges a browser endpoint into an agent’s line of the same name', () => {
      expect(sections.filter((l) => l === '[webrtc-y1]')).toEqual(['[webrtc-y1]', '[webrtc-y1]']); // x1's own endpoint and aor
      expect(edgeConf).toContain(
        "; agent y1: [webrtc-y1] is already an agent's line, no browser endpoint",
      );
    });

    it('warns when none of the agent’s codecs is one a browser speaks', () => {
      expect(edgeConf).toContain(
        '; none of g729 is a codec browsers speak (opus, g722, ulaw, alaw): calls to it will fail',
      );
      expect(sections).toContain('[webrtc-g729]');
    });
  });

  it('has no auth section and no secret', () => {
    const settings = conf.split('\n').filter((l) => !l.startsWith(';'));
    expect(settings.filter((l) => /type=auth|^auth=|password|secret/.test(l))).toEqual([]);
    expect(conf).not.toContain('scrypt');
    expect(conf).toContain('directory version 7 of pbx1');
  });
});
