import { Container } from 'inversify';
import { CreateAppIntegration, CreateAppIntegrationCommand } from '../../src/application/app-integration/create-app-integration.use-case';
import { TEST_CHANGE } from './change';

let sequence = 0;

/** A word no other catalog entry contains: filtering by it scopes a list to one test's entries. */
export function aUniqueWord(): string {
  sequence += 1;
  return `zq${process.pid.toString(36)}${Date.now().toString(36)}x${sequence}`;
}

/** A valid catalog entry whose name carries `word`. */
export function anAppIntegrationCommand(word: string, overrides: Partial<CreateAppIntegrationCommand> = {}): CreateAppIntegrationCommand {
  sequence += 1;
  return {
    type: 'SMS',
    name: `Entry ${word} ${String(sequence).padStart(4, '0')}`,
    domain: 'https://sms.example.com',
    description: 'An SMS gateway',
    logoURL: null,
    change: TEST_CHANGE,
    ...overrides,
  };
}

/** Adds catalog entries through the use case the CLI uses; returns them in creation order. */
export async function addAppIntegrations(container: Container, commands: CreateAppIntegrationCommand[]) {
  const create = container.get(CreateAppIntegration);
  const entries = [];
  for (const command of commands) entries.push(await create.execute(command));
  return entries;
}
