import type { Params } from 'nestjs-pino';
import type { LoggerOptions } from 'pino';

/** Keys whose values never reach a log, wherever an object carries them (top level, or one or two
 *  levels down: `{ config: { natsPass } }`, `{ endpoint: { secret } }`, `{ req: { body: { pin } } }`). */
const SECRET_KEYS = ['secret', 'password', 'pass', 'pin', 'natsPass', 'pinHash', 'passwordHash', 'token', 'accessToken', 'authorization', 'cookie'];

/** Paths pino blanks out: AMI secrets, NATS credentials, PINs, passwords and tokens. */
export const REDACTED_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  // Arrays of credentials: the AMI endpoints in a logged configuration.
  'amiEndpoints[*].secret',
  '*.amiEndpoints[*].secret',
];

export const CENSOR = '[redacted]';

/**
 * Secrets that slip into message text rather than fields: the password in a URL
 * (nats://user:pass@host, ami://gateway:secret@pbx) and an AMI login frame's Secret/Key header.
 * Redaction by path cannot see inside strings, so these are masked before pino formats the line.
 */
const SECRET_IN_TEXT: ReadonlyArray<[RegExp, string]> = [
  [/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+):[^@\s]+@/gi, `$1:${CENSOR}@`],
  [/\b(Secret|Key)(\s*[:=]\s*)[^\s,;]+/gi, `$1$2${CENSOR}`],
];

export function maskSecretsInText(text: string): string {
  return SECRET_IN_TEXT.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

/** The pino options every service uses: JSON lines, redaction by path and in message text. */
export function pinoOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: CENSOR },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((arg) => (typeof arg === 'string' ? maskSecretsInText(arg) : arg));
        // `{ msg }` objects (structured lines with a correlationId) carry their text inside.
        const first = masked[0];
        if (first && typeof first === 'object' && typeof (first as { msg?: unknown }).msg === 'string') {
          masked[0] = { ...(first as object), msg: maskSecretsInText((first as { msg: string }).msg) };
        }
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
  };
}

export function loggerParams(level: string): Params {
  return {
    pinoHttp: {
      ...pinoOptions(level),
      // Request logs would drown the PBX flow at 5,000 events/s; errors are still logged.
      autoLogging: false,
    },
  };
}
