import { describeEndpoint, parseAmiUrls } from './ami-url';

describe('parseAmiUrls', () => {
  it('parses one PBX with the default id and port', () => {
    expect(parseAmiUrls('ami://gateway:s3cret@pbx.example:5038')).toEqual([
      { pbxId: 'pbx1', host: 'pbx.example', port: 5038, username: 'gateway', secret: 's3cret' },
    ]);
    expect(parseAmiUrls('ami://gateway:s3cret@pbx.example')[0].port).toBe(5038);
  });

  it('parses several PBXs, with ids from ?id= or by position', () => {
    const endpoints = parseAmiUrls('ami://a:x@h1:5038?id=paris, ami://b:y@h2:5039');
    expect(endpoints.map((e) => [e.pbxId, e.host, e.port])).toEqual([
      ['paris', 'h1', 5038],
      ['pbx2', 'h2', 5039],
    ]);
  });

  it('decodes percent-encoded secrets', () => {
    expect(parseAmiUrls('ami://gw:p%40ss%3Aword@h')[0].secret).toBe('p@ss:word');
  });

  it.each([
    ['http://gw:x@h', /scheme must be ami/],
    ['ami://h:5038', /user and secret are required/],
    ['not a url', /is not a URL/],
    ['ami://a:x@h?id=bad.id', /may only hold/],
    ['ami://a:x@h?id=p,ami://b:y@h?id=p', /used twice/],
  ])('refuses %s', (url, message) => {
    expect(() => parseAmiUrls(url)).toThrow(message);
  });

  it('never puts the secret in an error or a description', () => {
    const secret = 'TopSecret123';
    expect(() => parseAmiUrls(`http://gw:${secret}@h`)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
    expect(describeEndpoint(parseAmiUrls(`ami://gw:${secret}@h`)[0])).not.toContain(secret);
  });
});
