#!/usr/bin/env node
import 'reflect-metadata';
import { DomainError, ValidationError } from '../domain/shared/domain-error';
import { parseArgs, UsageError } from './cli-args';
import { COMMANDS } from './cli-commands';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './database';
import { serviceContainer } from './service-container';

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage} [--json]`);
  return `Usage: npm run cli -- <command> [--json]\n\nCommands:\n${lines.join('\n')}\n`;
}

function describeFailure(error: unknown): string {
  if (error instanceof ValidationError) return error.violations.map((v) => `${v.field}: ${v.message}`).join('\n');
  if (error instanceof DomainError || error instanceof UsageError) return error.message;
  if (error instanceof ConfigError) return error.problems.map((p) => `configuration error: ${p}`).join('\n');
  return `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The command line shares the server's configuration and database; with the
 * embedded database it joins a running server's PostgreSQL or starts its own
 * for the duration of the command. Pending migrations are applied first, so
 * commands work on a fresh data directory.
 */
async function run(argv: readonly string[]): Promise<number> {
  const { command, flags } = parseArgs(argv);
  if (command === undefined || flags.help === true || COMMANDS[command] === undefined) {
    (command === undefined || flags.help === true ? process.stdout : process.stderr).write(usage());
    return command === undefined || flags.help === true ? 0 : 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const appliedMigrations = await database.migrate();
    const container = await serviceContainer(config, database);
    const result = await COMMANDS[command].run({ container, flags, appliedMigrations, databaseUrl: database.url });
    process.stdout.write(flags.json === true ? `${JSON.stringify(result.json)}\n` : `${result.text}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${describeFailure(error)}\n`);
    process.exit(error instanceof UsageError || error instanceof DomainError ? 2 : 1);
  },
);
