import { defaultSite } from '../testing/default-site';
import { DirectoryError } from './directory-error';
import { parseDirectory } from './parse-directory';

/** The default site with the first agent's `sip` replaced. */
const withSip = (sip: unknown) => ({ ...defaultSite, agents: [{ ...defaultSite.agents[0], sip }, ...defaultSite.agents.slice(1)] });

function refusal(raw: unknown): string {
  try {
    parseDirectory(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(DirectoryError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('an agent’s SIP voice settings', () => {
  it('are optional: an agent without them has none', () => {
    expect(parseDirectory(defaultSite).agents[0].sip).toBeUndefined();
  });

  it('keep every setting as given, lists in their order (the order is the preference)', () => {
    const sip = {
      transports: ['tls', 'udp'],
      nat: 'force_rport,comedia',
      codecs: ['g722', 'alaw', 'ulaw'],
      context: 'from-agents',
      callGroup: '1,3-5',
      pickupGroup: '1',
      chanspy: false,
      recordingFormat: 'wav49',
    };
    expect(parseDirectory(withSip(sip)).agents[0].sip).toEqual(sip);
  });

  it('take a YAML number as a group (callGroup: 2)', () => {
    expect(parseDirectory(withSip({ callGroup: 2 })).agents[0].sip).toEqual({ callGroup: '2' });
  });

  it.each<[string, unknown, string]>([
    ['a sip that is no mapping', 'udp', 'agents[0].sip: must be a mapping'],
    ['a misspelt setting', { codec: ['ulaw'] }, 'agents[0].sip.codec: unknown field'],
    ['an unknown transport', { transports: ['udp', 'sctp'] }, 'agents[0].sip.transports[1]: unknown transport "sctp" (one of udp, tcp, tls, ws, wss)'],
    ['a transport twice', { transports: ['udp', 'udp'] }, 'agents[0].sip.transports[1]: duplicate transport udp'],
    ['no transport at all', { transports: [] }, 'agents[0].sip.transports: needs at least one transport'],
    ['transports that are no list', { transports: 'udp' }, 'agents[0].sip.transports: must be a list'],
    ['an unknown NAT mode', { nat: 'yes' }, 'agents[0].sip.nat: unknown NAT mode "yes"'],
    ['an unknown codec', { codecs: ['ulaw', 'mp3'] }, 'agents[0].sip.codecs[1]: unknown codec "mp3"'],
    ['a codec twice', { codecs: ['alaw', 'alaw'] }, 'agents[0].sip.codecs[1]: duplicate codec alaw'],
    ['a context that could open a section', { context: 'agents]\n[evil' }, 'agents[0].sip.context: must not contain CR, LF or NUL'],
    ['a context with a bracket', { context: 'a]b' }, 'agents[0].sip.context: invalid value "a]b"'],
    ['a context with NUL', { context: 'from\0agents' }, 'agents[0].sip.context: must not contain CR, LF or NUL'],
    ['a group beyond 63', { callGroup: '64' }, 'agents[0].sip.callGroup: group 64 is out of range'],
    ['a group range upside down', { pickupGroup: '5-3' }, 'agents[0].sip.pickupGroup: group 5-3 is out of range'],
    ['a group with letters', { callGroup: '1,a' }, 'agents[0].sip.callGroup: invalid value "1,a"'],
    ['chanspy that is no flag', { chanspy: 'yes' }, 'agents[0].sip.chanspy: must be true or false'],
    ['an unknown recording format', { recordingFormat: 'mp3' }, 'agents[0].sip.recordingFormat: unknown recording format "mp3" (one of wav, wav49, gsm'],
  ])('refuse %s, naming the path', (_what, sip, message) => {
    expect(refusal(withSip(sip))).toContain(message);
  });
});

describe('directory text', () => {
  it.each([
    ['a CR in a name', { ...defaultSite, agents: [{ ...defaultSite.agents[0], name: 'One\rTwo' }] }, 'agents[0].name: must not contain CR, LF or NUL'],
    ['a LF in a phone name', { ...defaultSite, phones: [{ id: 'desk-1', line: 'SIP/1010', name: 'Desk\n1' }] }, 'phones[0].name: must not contain CR, LF or NUL'],
  ])('refuses %s, naming the path', (_what, raw, message) => {
    expect(refusal(raw)).toBe(message);
  });
});
