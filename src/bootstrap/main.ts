#!/usr/bin/env node
import 'reflect-metadata';
import type { Server, ServerResponse } from 'node:http';
import { createHttpServer } from '../adapters/http/http-server';
import { ConfigError, CONFIG_VARIABLES, loadConfig } from './config';
import { openDatabase } from './database';
import { buildHttpApp, httpSettings } from './http-app.factory';
import { createLogger } from './logger';
import { serviceContainer } from './service-container';

const SHUTDOWN_GRACE_MS = 10_000;

function printHelp(): void {
  process.stdout.write('integration-hub server\n\nUsage: npm start [-- --help]\n\nEnvironment:\n');
  for (const [name, text] of Object.entries(CONFIG_VARIABLES)) process.stdout.write(`  ${name.padEnd(22)} ${text}\n`);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      done();
    });
    server.closeIdleConnections();
  });
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) return printHelp();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, (line) => logger.debug({ postgres: line }, 'embedded postgres'));
  const applied = await database.migrate();
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  if (database.superuser) {
    logger.warn('DATABASE_URL connects as a PostgreSQL superuser, which bypasses every grant: run the service as a role with only the grants in docs/database-role.md');
  }
  const container = await serviceContainer(config, database);
  const app = buildHttpApp(container, logger, database.dataSource, httpSettings(config));
  const server = createHttpServer(app.callback(), { maxConnections: config.maxConnections }).listen(config.port, config.host);
  await new Promise<void>((ready, fail) => server.once('listening', ready).once('error', fail));
  logger.info({ host: config.host, port: config.port, embeddedDatabase: database.embedded }, 'listening');

  let stopping = false;
  // Once stopping, every answer closes its connection: a keep-alive client
  // otherwise keeps sending on it and the drain lasts the whole grace period,
  // after which its in-flight requests are cut. Node reuses no socket before
  // the previous answer has ended, so nothing is already on the wire then.
  server.on('request', (_req, res: ServerResponse) => {
    if (stopping && !res.headersSent) res.setHeader('Connection', 'close');
  });
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: refusing new connections, finishing in-flight requests');
    await closeServer(server);
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    for (const line of error.problems) process.stderr.write(`configuration error: ${line}\n`);
  } else {
    process.stderr.write(`start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
