import pino, { Logger } from 'pino';
import SonicBoom from 'sonic-boom';

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

/** Lines kept while stdout does not take them (a stalled reader); past it new lines are dropped, not queued. */
const MAX_BUFFERED_LOG_BYTES = 8 * 1024 * 1024;
/** How long the exit may wait for stdout to take the last lines. */
const EXIT_FLUSH_MS = 1_000;

/**
 * The log's way to stdout. pino's default destination flushes at exit with a
 * loop that retries for as long as the pipe is full, so a reader that stopped
 * reading (`npm start | less`, a stuck log shipper) kept the process alive
 * after its shutdown had finished. Here the exit gives stdout one second,
 * then goes without the lines it did not take; a pipe that is gone (EPIPE)
 * ends logging instead of the process.
 */
export function stdoutDestination(fd = 1): SonicBoom {
  let giveUpAt = Number.POSITIVE_INFINITY;
  const stream = new SonicBoom({
    fd,
    sync: false,
    minLength: 0,
    maxLength: MAX_BUFFERED_LOG_BYTES,
    retryEAGAIN: () => Date.now() < giveUpAt,
  });
  let closed = false;
  stream.on('error', () => {
    // EPIPE (the reader is gone) or a failed write: nothing more reaches it; the service goes on without its log.
    closed = true;
    Object.assign(stream, { write: () => true, flush: () => undefined, flushSync: () => undefined });
  });
  process.once('exit', () => {
    if (closed) return;
    giveUpAt = Date.now() + EXIT_FLUSH_MS;
    try {
      stream.flushSync();
    } catch {
      // stdout still full after the wait, or gone: those lines are lost, the exit is not held.
    }
  });
  return stream;
}

export function createLogger(level: string, destination: NodeJS.WritableStream | SonicBoom = stdoutDestination()): Logger {
  return pino(
    { level, base: { service: 'integration-hub' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination as pino.DestinationStream,
  );
}
