#!/usr/bin/env node
import './node-version-guard'; // first: refuses an unsupported Node before anything else loads
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Server, ServerResponse } from 'node:http';
import { createHttpServer } from '../adapters/http/http-server';
import { PgAuthChangeListener } from '../adapters/persistence/typeorm/pg-auth-change-listener';
import { ConfigError, CONFIG_VARIABLES, loadConfig } from './config';
import { openDatabase } from './database';
import { buildHttpApp, httpSettings } from './http-app.factory';
import { helpTable } from './help-table';
import { startJobRunner } from './job-runner';
import { createLogger } from './logger';
import { serviceContainer } from './service-container';

const SHUTDOWN_GRACE_MS = 10_000;
/** After the grace period: time left to close the pool and stop the embedded PostgreSQL before the exit is forced. */
const STOP_AFTER_GRACE_MS = 5_000;

function printHelp(): void {
  const lines = ['integration-hub server', '', 'Usage: npm start [-- --help]', '', 'Environment:', ...helpTable(Object.entries(CONFIG_VARIABLES)), ''];
  process.stdout.write(lines.join('\n'));
}

/** Stops listening at once (synchronously), then resolves when the requests in flight are answered. */
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

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((ready, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ready();
    });
  });
}

/** A stop signal that arrived while the service was still starting. */
class StartInterrupted extends Error {
  constructor(readonly signal: string) {
    super(`${signal} during start-up`);
  }
}

/**
 * Start-up brings things up one by one (PostgreSQL, the pool, the job
 * runner, the listening socket) and registers how to stop each. Whatever
 * ends the process — a signal, a failed step, a signal during start-up —
 * stops them in reverse order, so no embedded PostgreSQL outlives the
 * service, and the runner stops after the HTTP drain and before the pool.
 */
async function main(): Promise<number | 'running'> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    printHelp();
    return 0;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of [...stoppers].reverse()) {
      await stop().catch((error: unknown) => logger.error({ err: error }, 'stopping a part of the service failed'));
    }
  };

  let server: Server | undefined;
  /** At a forced exit: what cannot wait (the embedded PostgreSQL this process started). */
  let abandon = (): void => undefined;
  let signalled: string | undefined;
  let stopping = false;
  /** Answers not yet sent: told to close their connection when a stop begins. */
  const unanswered = new Set<ServerResponse>();
  const onSignal = (signal: string): void => {
    if (signalled !== undefined) return;
    signalled = signal;
    if (server === undefined) {
      logger.info({ signal }, 'stop requested during start-up: stopping what has started');
      return; // start-up notices at its next step and unwinds
    }
    void shutdown(server, signal);
  };
  const shutdown = async (running: Server, signal: string): Promise<void> => {
    stopping = true;
    // Whatever the stop of a running server waits on (a stuck pool, a database that does not answer), it ends here.
    // Not armed during start-up: that stop waits for the step in progress (initdb alone can take long on a loaded machine).
    setTimeout(() => {
      abandon();
      process.stderr.write(`shutdown did not finish within ${(SHUTDOWN_GRACE_MS + STOP_AFTER_GRACE_MS) / 1000} s of ${signal}: exiting now\n`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS + STOP_AFTER_GRACE_MS).unref();
    for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
    const drained = closeServer(running);
    // Logged once the listening socket is closed: from here a new connection is refused.
    logger.info({ signal }, 'shutting down: refusing new connections, finishing in-flight requests');
    await drained;
    await stopAll();
    logger.info('stopped');
    process.exit(0);
  };
  // From the first moment: a default SIGTERM mid-start would kill Node and orphan the embedded PostgreSQL.
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  const step = <T>(value: T): T => {
    if (signalled !== undefined) throw new StartInterrupted(signalled);
    return value;
  };

  let embeddedDatabase = false;
  let listening: Server | undefined;
  try {
    const database = await openDatabase(config, (line) => logger.debug({ postgres: line }, 'embedded postgres'));
    stoppers.push(() => database.close());
    abandon = () => database.abandon();
    embeddedDatabase = step(database.embedded);
    const applied = step(await database.migrate());
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    if (database.superuser) {
      logger.warn('DATABASE_URL connects as a PostgreSQL superuser, which bypasses every grant: run the service as a role with only the grants in docs/database-role.md');
    }
    // Other instances' and the command line's key and admin-token changes reach the auth cache through NOTIFY.
    const authChanges = config.authCacheTtlMs > 0
      ? await PgAuthChangeListener.start({ url: database.url, log: (level, msg, fields) => logger[level](fields ?? {}, msg) })
      : undefined;
    if (authChanges !== undefined) stoppers.push(() => authChanges.close());
    const container = step(await serviceContainer(config, database, authChanges, (fields, msg) => logger.warn({ outbound: fields }, msg)));
    // Stopped after the HTTP drain (stoppers run in reverse) and before the pool closes: a delivery in flight finishes.
    const runner = await startJobRunner(container, database.dataSource, {
      log: (level, msg, fields) => logger[level === 'warning' ? 'warn' : level]({ job: fields }, msg),
    });
    stoppers.push(() => runner.stop());
    step(runner);
    const app = buildHttpApp(container, logger, database.dataSource, { ...httpSettings(config), jobQueueState: () => runner.state, jobQueueProblem: () => runner.problem });
    listening = createHttpServer(app.callback(), { maxConnections: config.maxConnections, maxConnectionsPerAddress: config.maxConnectionsPerAddress });
    await listen(listening, config.port, config.host);
    server = step(listening);
  } catch (error) {
    if (listening?.listening) await closeServer(listening);
    await stopAll();
    if (error instanceof StartInterrupted) {
      logger.info({ signal: error.signal }, 'stopped');
      return 0;
    }
    throw error;
  }

  // Once stopping, every answer closes its connection, those in flight at the
  // stop included: a keep-alive client otherwise keeps sending on it, or holds
  // it idle, and the drain lasts until the grace period or the keep-alive
  // timeout ends. Node reuses no socket before the previous answer has ended,
  // so nothing is already on the wire then.
  server.on('request', (_req, res: ServerResponse) => {
    if (stopping) return void res.setHeader('Connection', 'close');
    unanswered.add(res);
    res.once('close', () => unanswered.delete(res));
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ host: config.host, port, embeddedDatabase }, 'listening');
  return 'running';
}

main().then(
  (outcome) => {
    if (outcome !== 'running') process.exit(outcome);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      for (const line of error.problems) process.stderr.write(`configuration error: ${line}\n`);
    } else {
      process.stderr.write(`start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exit(1);
  },
);
