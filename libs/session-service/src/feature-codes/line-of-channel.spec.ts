import { lineOfChannel } from './line-of-channel';

describe('lineOfChannel', () => {
  it.each([
    ['SIP/1001-00000001', 'SIP/1001'],
    ['PJSIP/1002-0000002a', 'PJSIP/1002'],
    ['SIP/trunk-a-0000000f', 'SIP/trunk-a'],
    ['IAX2/1003-1234', 'IAX2/1003'],
  ])('%s belongs to %s', (channel, line) => {
    expect(lineOfChannel(channel)).toBe(line);
  });

  it.each(['Local/811@from-agents-00000000;2', 'Local/s@inbound-00000007;2', 'SIP/1001', ''])(
    '%s has no device of its own',
    (channel) => {
      expect(lineOfChannel(channel)).toBeUndefined();
    },
  );
});
