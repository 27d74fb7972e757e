import { Writable } from 'node:stream';
import pino from 'pino';
import { maskSecretsInText, pinoOptions } from './logger-options';

/** A pino logger with our options writing into an array of parsed JSON lines. */
function capture(): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino(pinoOptions('debug'), sink), lines };
}

describe('log redaction', () => {
  it('blanks secret fields at any of the first three levels', () => {
    const { logger, lines } = capture();
    logger.info({ secret: 's1', config: { natsPass: 's2', amiEndpoints: [{ host: 'pbx', secret: 's3' }] }, req: { body: { pin: '4711' } } }, 'start');
    logger.info({ agent: { id: '1001', pinHash: 'scrypt$x', passwordHash: 'scrypt$y' }, headers: { authorization: 'Bearer t' } });
    const text = JSON.stringify(lines);
    for (const secret of ['s1', 's2', 's3', '4711', 'scrypt$x', 'scrypt$y', 'Bearer t']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ secret: '[redacted]', config: { natsPass: '[redacted]' }, req: { body: { pin: '[redacted]' } } });
    expect(lines[1]).toMatchObject({ agent: { id: '1001' } });
  });

  it('masks passwords in URLs and AMI Secret headers inside message text', () => {
    const { logger, lines } = capture();
    logger.warn('cannot reach nats://switchboard:n4ts-pass@nats:4222, retrying');
    logger.debug({ msg: 'login frame Action: Login Username: gateway Secret: ami-s3cret', correlationId: 'c1' });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('n4ts-pass');
    expect(text).not.toContain('ami-s3cret');
    expect(lines[0]['msg']).toBe('cannot reach nats://switchboard:[redacted]@nats:4222, retrying');
    expect(lines[1]).toMatchObject({ correlationId: 'c1', msg: 'login frame Action: Login Username: gateway Secret: [redacted]' });
  });

  it('leaves text without credentials alone', () => {
    const plain = 'Owner of pbx1 (127.0.0.1:5038): connecting; see http://grafana:3000/d/x';
    expect(maskSecretsInText(plain)).toBe(plain);
  });
});
