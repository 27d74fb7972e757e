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

  // PIN short codes have their intent reserved (pin-login, pin-logout) but stay unknown until implemented.
  it.each(['813', '81', '8112', '90', '', '*35*1001*1234#', '*36', '811#'])(
    '%j → unknown',
    (code) => {
      expect(interpretFeatureCode(directory, code)).toEqual({ kind: 'unknown' });
    },
  );

  it('knows no global number on a site without one', () => {
    const site = { pbxId: 'pbx1', queues: defaultSite.queues, agents: defaultSite.agents };
    expect(interpretFeatureCode(parseDirectory(site), '900')).toEqual({ kind: 'unknown' });
  });
});
