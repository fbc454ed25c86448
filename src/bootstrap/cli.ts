#!/usr/bin/env node
import './node-version-guard'; // first: refuses an unsupported Node before anything else loads
import 'reflect-metadata';
import { DomainError, ValidationError } from '../domain/shared/domain-error';
import { JobQueueRefusedError } from '../application/ports/job-queue-errors';
import { commandHelp, generalHelp, Invocation, parseCommandLine, UsageError } from './cli-args';
import { COMMANDS } from './cli-commands';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './database';
import { serviceContainer } from './service-container';
import { jsonForTerminal, linesForTerminal } from './terminal-text';

/**
 * The one way out to the terminal: messages echo arguments and stored data,
 * so each line's control characters are shown escaped (see terminal-text).
 */
function print(stream: NodeJS.WriteStream, lines: readonly string[]): void {
  stream.write(linesForTerminal(lines));
}

function describeFailure(error: unknown): string[] {
  if (error instanceof UsageError) {
    const help = error.command === undefined ? 'npm run cli -- help' : `npm run cli -- help ${error.command}`;
    return [error.message, `Run "${help}" for the usage.`];
  }
  if (error instanceof ValidationError) return error.violations.map((v) => `${v.field}: ${v.message}`);
  if (error instanceof DomainError) return [error.message];
  if (error instanceof ConfigError) return error.problems.map((p) => `configuration error: ${p}`);
  return [`unexpected failure: ${error instanceof Error ? error.message : String(error)}`];
}

/**
 * The command line shares the server's configuration and database; with the
 * embedded database it joins a running server's PostgreSQL or starts its own
 * for the duration of the command. Pending migrations are applied first, so
 * commands work on a fresh data directory.
 */
async function run(invocation: Invocation): Promise<number> {
  if (invocation.kind === 'help') {
    const help = invocation.command === undefined ? generalHelp(COMMANDS) : commandHelp(invocation.command, COMMANDS[invocation.command]!);
    print(process.stdout, help.trimEnd().split('\n'));
    return 0;
  }
  const command = COMMANDS[invocation.command]!;
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const appliedMigrations = await database.migrate();
    const container = await serviceContainer(config, database);
    const result = await command.run({ container, flags: invocation.flags, appliedMigrations, databaseUrl: database.url });
    if (invocation.json) process.stdout.write(jsonForTerminal(result.json));
    else print(process.stdout, result.lines);
    if (result.failure === undefined) return 0;
    print(process.stderr, [result.failure]);
    return 1;
  } finally {
    await database.close();
  }
}

Promise.resolve()
  .then(() => run(parseCommandLine(process.argv.slice(2), COMMANDS)))
  .then(
    (code) => process.exit(code),
    (error: unknown) => {
      print(process.stderr, describeFailure(error));
      // 2 for a mistake in the command or its input; a job queue the database refuses is not one.
      const inputMistake = error instanceof UsageError || (error instanceof DomainError && !(error instanceof JobQueueRefusedError));
      process.exit(inputMistake ? 2 : 1);
    },
  );
