import 'reflect-metadata';
import { startTestDatabase, stopTestDatabase } from './test-database';

/** Mocha global fixtures: one migrated PostgreSQL for the whole run. */
export async function mochaGlobalSetup(): Promise<void> {
  await startTestDatabase();
}

export async function mochaGlobalTeardown(): Promise<void> {
  await stopTestDatabase();
}
