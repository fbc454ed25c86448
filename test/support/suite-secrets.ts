import { RecordingLogger } from './recording-logger';

/**
 * What a log of this test run must never contain: every secret the tests
 * created or were shown (client secrets, auth keys, admin tokens, issued
 * credentials), and every log line written (in-process loggers and the
 * output of child servers). The reliability suite checks one against the other.
 */
const secrets = new Set<string>();
const loggers: RecordingLogger[] = [];
const outputs: { name: string; text: () => string }[] = [];

export function rememberSecret(...values: (string | null | undefined)[]): void {
  for (const value of values) if (typeof value === 'string' && value.length >= 8) secrets.add(value);
}

export function rememberLogger(logger: RecordingLogger): RecordingLogger {
  loggers.push(logger);
  return logger;
}

export function rememberOutput(name: string, text: () => string): void {
  outputs.push({ name, text });
}

export function suiteSecrets(): readonly string[] {
  return [...secrets];
}

/** Every log written so far, by source. */
export function suiteLogs(): { name: string; text: string }[] {
  return [
    ...loggers.map((logger, i) => ({ name: `in-process logger ${i + 1}`, text: logger.text() })),
    ...outputs.map(({ name, text }) => ({ name, text: text() })),
  ];
}
