import { HttpLogger } from '../../src/adapters/http/shared/infrastructure-errors';

/** Keeps log lines as JSON text so tests can assert on what would have been written. */
export class RecordingLogger implements HttpLogger {
  readonly lines: string[] = [];

  info(fields: Record<string, unknown>, message: string): void {
    this.lines.push(JSON.stringify({ level: 'info', message, ...fields }));
  }

  warn(fields: Record<string, unknown>, message: string): void {
    this.lines.push(JSON.stringify({ level: 'warn', message, ...fields }));
  }

  error(fields: Record<string, unknown>, message: string): void {
    this.lines.push(JSON.stringify({ level: 'error', message, ...fields }));
  }

  text(): string {
    return this.lines.join('\n');
  }
}
