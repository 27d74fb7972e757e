import {
  bindingForTarget,
  extensionOf,
  type AgentEntry,
  type AgentSipSettings,
  type Directory,
  type SipCodec,
  type SipNatMode,
} from '@switchboard/agent-domain';
import { assertNever } from '@switchboard/contracts';

/** A section name: the line's extension, when it can be one without breaking the file. */
const ENDPOINT = /^[A-Za-z0-9_.+-]{1,64}$/;

/** What a browser's WebRTC stack speaks (Opus, G.722, G.711 µ-law and A-law); the default is opus then ulaw. */
const BROWSER_AUDIO: readonly SipCodec[] = ['opus', 'g722', 'ulaw', 'alaw'];
const BROWSER_DEFAULT_CODECS: readonly SipCodec[] = ['opus', 'ulaw'];
/** Where the browser's own calls start when the agent's settings name no context: the shipped dialplan's. */
const BROWSER_DEFAULT_CONTEXT = 'from-agents';

/**
 * The agents' SIP voice settings as a pjsip.conf snippet: one endpoint and one aor per agent with
 * settings and an own line, named after the line's extension (SIP/1001 → [1001]); and for every
 * agent that may ring in the browser (ring target "internal", queue member PJSIP/webrtc-<id>) a
 * WebRTC endpoint and aor of that name. It has no auth section and no `auth=`: Switchboard holds no
 * SIP passwords, the operator adds them in the PBX (`[1001](+)` with `auth=`…, or realtime). Every
 * value comes from a closed list or a narrow pattern checked by parseDirectory, so nothing here can
 * open a section or add an option.
 */
export function renderPjsipEndpoints(directory: Directory, version: number): string {
  const out = [
    `; Switchboard: the PJSIP endpoints of the agents' own lines and browser softphones, directory version ${version} of ${directory.pbxId}.`,
    '; #include this file from pjsip.conf (or load the same settings through realtime), then reload.',
    '; No auth sections, no passwords: add them in the PBX, e.g. [1001](+) with auth=1001-auth.',
    '; Transports are the sections transport-udp, transport-tcp, transport-tls, transport-ws, transport-wss.',
    '; For the dialplan: SWITCHBOARD_CHANSPY (yes/no) and SWITCHBOARD_RECORDING_FORMAT on every channel.',
    '',
  ];
  // An own line named like another agent's browser endpoint (or the reverse) would merge two
  // sections into one endpoint: the second is left out, and the file says so.
  const named = new Set<string>();
  for (const agent of directory.agents) {
    if (!agent.sip) continue;
    if (agent.line === undefined) {
      out.push(`; agent ${agent.id}: no own line (hot desk), no endpoint`, '');
      continue;
    }
    const name = extensionOf(agent.line);
    if (!ENDPOINT.test(name)) {
      out.push(`; agent ${agent.id}: the line's extension cannot name an endpoint`, '');
      continue;
    }
    named.add(name);
    out.push(...endpoint(agent, name, agent.sip), '', ...aor(name), '');
  }
  for (const agent of directory.agents) out.push(...browserEndpoint(agent, named), '');
  return out.join('\n');
}

/**
 * The browser softphone of the desktop: a WebRTC endpoint named like the queue member that the
 * ring target "internal" adds (PJSIP/webrtc-<id>, from bindingForTarget, so the two cannot drift).
 * The agent's codecs, context, groups and dialplan variables apply; its transports and NAT mode
 * describe its desk phone, not a browser, which always comes over WSS from behind NAT.
 */
function browserEndpoint(agent: AgentEntry, named: Set<string>): string[] {
  const member = bindingForTarget(agent, { kind: 'internal' });
  if (!member)
    return [
      `; agent ${agent.id}: rings where it sits in AgentLogin() (agent-pool), no browser endpoint`,
    ];
  const name = member.interface.startsWith('PJSIP/') ? member.interface.slice('PJSIP/'.length) : '';
  if (!ENDPOINT.test(name))
    return [
      `; agent ${agent.id}: its id cannot name a browser endpoint (webrtc-<id>, at most 64 characters)`,
    ];
  if (named.has(name))
    return [`; agent ${agent.id}: [${name}] is already an agent's line, no browser endpoint`];
  named.add(name);
  const sip = agent.sip ?? {};
  const codecs = sip.codecs ?? BROWSER_DEFAULT_CODECS;
  return [
    `; agent ${agent.id}: the browser softphone (ring target internal, queue member ${member.interface}).`,
    `; No auth: add it in the PBX, e.g. [${name}](+) with auth=${name}-auth, an auth section kept in the PBX.`,
    ...(codecs.some((c) => BROWSER_AUDIO.includes(c))
      ? []
      : [
          `; none of ${codecs.join(', ')} is a codec browsers speak (${BROWSER_AUDIO.join(', ')}): calls to it will fail`,
        ]),
    `[${name}]`,
    'type=endpoint',
    `aors=${name}`,
    'transport=transport-wss',
    // Asterisk 20 derives from this: use_avpf, media_encryption=dtls with dtls_verify=fingerprint and
    // dtls_setup=actpass (and a generated certificate unless dtls_cert_file is set), ice_support,
    // media_use_received_transport, rtcp_mux and bundle. It leaves the NAT options and direct media alone.
    'webrtc=yes',
    `context=${sip.context ?? BROWSER_DEFAULT_CONTEXT}`,
    'disallow=all',
    `allow=${codecs.join(',')}`,
    // A browser sits behind NAT and cannot take media from a desk phone directly.
    'force_rport=yes',
    'rewrite_contact=yes',
    'rtp_symmetric=yes',
    'direct_media=no',
    ...agentWide(sip),
    '',
    ...aor(name),
  ];
}

function endpoint(agent: AgentEntry, name: string, sip: AgentSipSettings): string[] {
  const [transport, ...others] = sip.transports ?? [];
  return [
    `; agent ${agent.id} (${agent.line ?? ''})`,
    `[${name}]`,
    'type=endpoint',
    `aors=${name}`,
    ...(transport ? [`transport=transport-${transport}`] : []),
    ...(others.length > 0
      ? [
          `; also over ${others.join(', ')} (PJSIP answers on any transport; the first is used to reach the phone)`,
        ]
      : []),
    ...((sip.transports ?? []).some((t) => t === 'ws' || t === 'wss') ? ['webrtc=yes'] : []),
    ...(sip.context ? [`context=${sip.context}`] : []),
    ...(sip.codecs ? ['disallow=all', `allow=${sip.codecs.join(',')}`] : []),
    ...(sip.nat ? natOptions(sip.nat) : []),
    ...agentWide(sip),
  ];
}

/** Settings of the agent rather than of a device: the same on its desk phone and in its browser. */
function agentWide(sip: AgentSipSettings): string[] {
  return [
    ...(sip.callGroup ? [`call_group=${sip.callGroup}`] : []),
    ...(sip.pickupGroup ? [`pickup_group=${sip.pickupGroup}`] : []),
    ...(sip.chanspy !== undefined
      ? [`set_var=SWITCHBOARD_CHANSPY=${sip.chanspy ? 'yes' : 'no'}`]
      : []),
    ...(sip.recordingFormat ? [`set_var=SWITCHBOARD_RECORDING_FORMAT=${sip.recordingFormat}`] : []),
  ];
}

function aor(name: string): string[] {
  return [`[${name}]`, 'type=aor', 'max_contacts=1', 'remove_existing=yes'];
}

/** chan_sip's nat= modes in PJSIP's words. */
function natOptions(mode: SipNatMode): string[] {
  switch (mode) {
    case 'no':
      return ['force_rport=no', 'rewrite_contact=no', 'rtp_symmetric=no'];
    case 'force_rport':
      return ['force_rport=yes', 'rewrite_contact=yes', 'rtp_symmetric=no'];
    case 'comedia':
      return ['force_rport=no', 'rewrite_contact=no', 'rtp_symmetric=yes'];
    case 'force_rport,comedia':
      return ['force_rport=yes', 'rewrite_contact=yes', 'rtp_symmetric=yes', 'direct_media=no'];
    default:
      return assertNever(mode, 'NAT mode');
  }
}
