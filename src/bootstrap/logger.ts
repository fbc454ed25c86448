import pino, { Logger } from 'pino';

/**
 * Paths pino censors in every line. Secrets never go to a log on purpose; this
 * is the net under that rule for anything that carries a request or body.
 */
export const REDACTED_PATHS = [
  'req.headers["auth-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.clientSecret',
  '*.authKey',
  '*.token',
  '*.password',
  '*.Credential',
  '*.OAuthClientSecret',
  'body',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { service: 'integration-hub' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination as pino.DestinationStream | undefined,
  );
}
