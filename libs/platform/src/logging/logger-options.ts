import type { Params } from 'nestjs-pino';

/** Paths pino blanks out: AMI secrets, NATS credentials, PINs and passwords never reach a log. */
export const REDACTED_PATHS = [
  'secret',
  '*.secret',
  'password',
  '*.password',
  'pin',
  '*.pin',
  'pass',
  '*.pass',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function loggerParams(level: string): Params {
  return {
    pinoHttp: {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Request logs would drown the PBX flow at 5,000 events/s; errors are still logged.
      autoLogging: false,
    },
  };
}
