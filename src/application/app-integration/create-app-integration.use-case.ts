import { AppIntegration } from '../../domain/app-integration/app-integration';
import { AppIntegrationCatalog } from '../ports/app-integration-catalog';
import { IdGenerator } from '../ports/id-generator';

export interface CreateAppIntegrationCommand {
  readonly type: string;
  readonly name: string;
  readonly domain: string;
  readonly description?: string | null;
  readonly logoURL?: string | null;
}

/** `cli app-integrations:create`: adds an entry to the shared catalog. */
export class CreateAppIntegration {
  constructor(
    private readonly catalog: AppIntegrationCatalog,
    private readonly ids: IdGenerator,
  ) {}

  async execute(command: CreateAppIntegrationCommand): Promise<AppIntegration> {
    const entry = AppIntegration.create({ id: this.ids.next(), ...command });
    await this.catalog.add(entry);
    return entry;
  }
}
