import { AppIntegration } from '../../domain/app-integration/app-integration';
import { ChangeContext } from '../../domain/audit/change-context';
import { AppIntegrationCatalog, APP_INTEGRATION_CATALOG } from '../ports/app-integration-catalog';
import { IdGenerator, ID_GENERATOR } from '../ports/id-generator';

export interface CreateAppIntegrationCommand {
  readonly type: string;
  readonly name: string;
  readonly domain: string;
  readonly description?: string | null;
  readonly logoURL?: string | null;
  readonly change: ChangeContext;
}

/** `cli app-integrations:create`: adds an entry to the shared catalog. */
export class CreateAppIntegration {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [APP_INTEGRATION_CATALOG, ID_GENERATOR] as const;
  }

  constructor(
    private readonly catalog: AppIntegrationCatalog,
    private readonly ids: IdGenerator,
  ) {}

  async execute(command: CreateAppIntegrationCommand): Promise<AppIntegration> {
    const { change, ...props } = command;
    const entry = AppIntegration.create({ id: this.ids.next(), ...props });
    await this.catalog.add(entry, change);
    return entry;
  }
}
