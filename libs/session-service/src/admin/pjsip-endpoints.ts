import { extensionOf, type AgentEntry, type AgentSipSettings, type Directory, type SipNatMode } from '@switchboard/agent-domain';
import { assertNever } from '@switchboard/contracts';

/** A section name: the line's extension, when it can be one without breaking the file. */
const ENDPOINT = /^[A-Za-z0-9_.+-]{1,64}$/;

/**
 * The agents' SIP voice settings as a pjsip.conf snippet: one endpoint and one aor per agent with
 * settings and an own line, named after the line's extension (SIP/1001 → [1001]). It has no auth
 * section and no `auth=`: Switchboard holds no SIP passwords, the operator adds them in the PBX
 * (`[1001](+)` with `auth=`…, or realtime). Every value comes from a closed list or a narrow
 * pattern checked by parseDirectory, so nothing here can open a section or add an option.
 */
export function renderPjsipEndpoints(directory: Directory, version: number): string {
  const out = [
    `; Switchboard: the PJSIP endpoints of the agents' own lines, directory version ${version} of ${directory.pbxId}.`,
    '; #include this file from pjsip.conf (or load the same settings through realtime), then reload.',
    '; No auth sections, no passwords: add them in the PBX, e.g. [1001](+) with auth=1001-auth.',
    '; Transports are the sections transport-udp, transport-tcp, transport-tls, transport-ws, transport-wss.',
    '; For the dialplan: SWITCHBOARD_CHANSPY (yes/no) and SWITCHBOARD_RECORDING_FORMAT on every channel.',
    '',
  ];
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
    out.push(...endpoint(agent, name, agent.sip), '', ...aor(name), '');
  }
  return out.join('\n');
}

function endpoint(agent: AgentEntry, name: string, sip: AgentSipSettings): string[] {
  const [transport, ...others] = sip.transports ?? [];
  return [
    `; agent ${agent.id} (${agent.line ?? ''})`,
    `[${name}]`,
    'type=endpoint',
    `aors=${name}`,
    ...(transport ? [`transport=transport-${transport}`] : []),
    ...(others.length > 0 ? [`; also over ${others.join(', ')} (PJSIP answers on any transport; the first is used to reach the phone)`] : []),
    ...((sip.transports ?? []).some((t) => t === 'ws' || t === 'wss') ? ['webrtc=yes'] : []),
    ...(sip.context ? [`context=${sip.context}`] : []),
    ...(sip.codecs ? ['disallow=all', `allow=${sip.codecs.join(',')}`] : []),
    ...(sip.nat ? natOptions(sip.nat) : []),
    ...(sip.callGroup ? [`call_group=${sip.callGroup}`] : []),
    ...(sip.pickupGroup ? [`pickup_group=${sip.pickupGroup}`] : []),
    ...(sip.chanspy !== undefined ? [`set_var=SWITCHBOARD_CHANSPY=${sip.chanspy ? 'yes' : 'no'}`] : []),
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
