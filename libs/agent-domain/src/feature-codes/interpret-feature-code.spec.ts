import { parseDirectory } from '../directory/parse-directory';
import { defaultSite } from '../testing/default-site';
import { interpretFeatureCode } from './interpret-feature-code';

describe('interpretFeatureCode on the default site (helpdesk 811, sales 812, global 900)', () => {
  const directory = parseDirectory(defaultSite);

  it.each([
    ['811', { kind: 'queue-login', mode: 'toggle', queues: ['helpdesk'] }],
    ['8111', { kind: 'queue-login', mode: 'login', queues: ['helpdesk'] }],
    ['8110', { kind: 'queue-login', mode: 'logout', queues: ['helpdesk'] }],
    ['812', { kind: 'queue-login', mode: 'toggle', queues: ['sales'] }],
    ['8121', { kind: 'queue-login', mode: 'login', queues: ['sales'] }],
    ['8120', { kind: 'queue-login', mode: 'logout', queues: ['sales'] }],
    ['900', { kind: 'queue-login', mode: 'toggle', queues: 'all-of-agent' }],
    ['9001', { kind: 'queue-login', mode: 'login', queues: 'all-of-agent' }],
    ['9000', { kind: 'queue-login', mode: 'logout', queues: 'all-of-agent' }],
    [' 811 ', { kind: 'queue-login', mode: 'toggle', queues: ['helpdesk'] }],
  ])('%j → %j', (code, intent) => {
    expect(interpretFeatureCode(directory, code)).toEqual(intent);
  });

  it.each(['813', '81', '8112', '90', '', '811#', '*35*1001#', '*35**1234#', '*35*10a1*1234#', '#1001', '*361', '*37*1001*1234#', '*37*1001*1234*1#', '*37*1001*1234*6#', '*37*1001*1234*3*0612#'])(
    '%j → unknown',
    (code) => {
      expect(interpretFeatureCode(directory, code)).toEqual({ kind: 'unknown' });
    },
  );

  it.each([
    ['*35*1001*1234#', { kind: 'pin-login', agentId: '1001', pin: '1234' }],
    // Phones that use # as the send key never transmit it.
    ['*35*1001*98765', { kind: 'pin-login', agentId: '1001', pin: '98765' }],
    // #EXT: the dialplan collected the PIN and passes #EXT*PIN on.
    ['#1002*1234', { kind: 'pin-login', agentId: '1002', pin: '1234' }],
    ['#1002*1234#', { kind: 'pin-login', agentId: '1002', pin: '1234' }],
    ['*36', { kind: 'pin-logout' }],
    ['*36#', { kind: 'pin-logout' }],
  ])('PIN short code %j → %j', (code, intent) => {
    expect(interpretFeatureCode(directory, code)).toEqual(intent);
  });

  it.each([
    ['*37*1001*1234*1*0612345678#', { action: 'login-at-number', number: '0612345678' }],
    ['*37*1001*1234*1*+33612345678#', { action: 'login-at-number', number: '+33612345678' }],
    ['*37*1001*1234*2#', { action: 'login-own-line' }],
    ['*37*1001*1234*3#', { action: 'logout' }],
    ['*37*1001*1234*4#', { action: 'pause' }],
    ['*37*1001*1234*5', { action: 'unpause' }],
  ])('IVR code %j asks for %j', (code, request) => {
    expect(interpretFeatureCode(directory, code)).toEqual({ kind: 'ivr', agentId: '1001', pin: '1234', request });
  });

  it('knows no global number on a site without one', () => {
    const site = { pbxId: 'pbx1', queues: defaultSite.queues, agents: defaultSite.agents };
    expect(interpretFeatureCode(parseDirectory(site), '900')).toEqual({ kind: 'unknown' });
  });
});
