import {
  IntegrationAuthenticationFilter,
  IntegrationAuthenticationRepository,
  IntegrationAuthenticationView,
  SettingsReplacement,
} from '../../../../application/ports/integration-authentication.repository';
import { Page } from '../../../../application/ports/page';
import { AppIntegrationNotFoundError } from '../../../../domain/app-integration/app-integration-errors';
import { IntegrationAuthentication, StoredSettings } from '../../../../domain/integration-authentication/integration-authentication';
import {
  IntegrationAuthenticationCodeTakenError,
  IntegrationAuthenticationNotFoundError,
} from '../../../../domain/integration-authentication/integration-authentication-errors';
import { VersionMismatchError } from '../../../../domain/shared/domain-error';
import { versionSatisfies } from '../../../../domain/shared/version-precondition';
import { ChangeContext } from '../../../../domain/audit/change-context';
import { InMemoryAuditTrail } from '../in-memory-audit-trail';
import { compare, InMemoryAppIntegrationCatalog } from './in-memory-app-integration.catalog';
import { authenticationChanges, authenticationEventData } from './integration-authentication-audit';
import { pageOf } from '../../../../application/shared/paged-items';

type StoredReplacement = Omit<SettingsReplacement, 'settings'> & { readonly settings: StoredSettings };

/**
 * A faithful fake of the PostgreSQL store: same scoping, same errors, same
 * single-default rule. Writes validate everything before touching the map,
 * so a failed write leaves it as it was.
 */
export class InMemoryIntegrationAuthenticationRepository implements IntegrationAuthenticationRepository {
  private readonly rows = new Map<string, IntegrationAuthentication>();

  constructor(
    private readonly catalog: InMemoryAppIntegrationCatalog,
    private readonly audit: InMemoryAuditTrail = new InMemoryAuditTrail(),
  ) {}

  async insert(entity: IntegrationAuthentication, change: ChangeContext): Promise<IntegrationAuthenticationView> {
    this.checkWrite(entity);
    const view = this.store(entity);
    this.record(change, 'created', null, view);
    return view;
  }

  async replace(replacement: SettingsReplacement): Promise<IntegrationAuthenticationView> {
    return this.write(replacement);
  }

  /** A replacement, or the result of an update (whose settings the entity validated). */
  private write({ brandId, id, settings, at, expectedVersions, change }: StoredReplacement): IntegrationAuthenticationView {
    const current = this.current(brandId, id, expectedVersions);
    const before = this.view(current);
    const next = IntegrationAuthentication.restore({
      ...settings,
      id,
      brandId,
      version: current.version + 1,
      createdDate: current.snapshot().createdDate,
      updatedDate: at,
    });
    this.checkWrite(next);
    const after = this.store(next);
    this.record(change, 'updated', before, after);
    return after;
  }

  async update(
    brandId: string,
    id: string,
    derive: (current: IntegrationAuthentication) => IntegrationAuthentication,
    change: ChangeContext,
    expectedVersions?: readonly number[],
  ): Promise<IntegrationAuthenticationView> {
    const current = this.current(brandId, id, expectedVersions);
    const next = derive(current);
    if (next === current) return this.view(current); // nothing changed: no write, so no version, entry or event
    return this.write({ brandId, id, settings: next.settings, at: next.snapshot().updatedDate, expectedVersions: [current.version], change });
  }

  async findById(brandId: string, id: string): Promise<IntegrationAuthenticationView | null> {
    const row = this.rows.get(id);
    return row && row.brandId === brandId ? this.view(row) : null;
  }

  async list(
    brandId: string,
    filter: IntegrationAuthenticationFilter,
    page: { offset: number; limit: number },
  ): Promise<Page<IntegrationAuthenticationView>> {
    const keywords = filter.keywords?.toLowerCase();
    const matching = this.ofBrand(brandId)
      .filter((r) => filter.appIntegrationId === undefined || r.appIntegrationId === filter.appIntegrationId)
      .filter((r) => filter.status === undefined || r.settings.status === filter.status)
      .filter((r) => {
        const s = r.settings;
        return keywords === undefined || `${s.code} ${s.name} ${s.description ?? ''} ${s.tags ?? ''}`.toLowerCase().includes(keywords);
      });
    return pageOf(matching, page, (r) => this.view(r));
  }

  async findForIntegration(brandId: string, appIntegrationId: string): Promise<IntegrationAuthenticationView[]> {
    return this.ofBrand(brandId)
      .filter((r) => r.appIntegrationId === appIntegrationId)
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault))
      .slice(0, 2)
      .map((r) => this.view(r));
  }

  async delete(brandId: string, id: string, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void> {
    const before = this.view(this.current(brandId, id, expectedVersions));
    this.rows.delete(id);
    this.record(change, 'deleted', before, null, at);
  }

  /** One entry and one event per write, as the audited SQL functions record them. */
  private record(
    change: ChangeContext,
    action: 'created' | 'updated' | 'deleted',
    before: IntegrationAuthenticationView | null,
    after: IntegrationAuthenticationView | null,
    at: Date = after!.authentication.snapshot().updatedDate,
  ): void {
    const subject = (after ?? before)!;
    const becameDefault = action === 'updated' && after!.authentication.isDefault && !before!.authentication.isDefault;
    const type = becameDefault ? 'integration-authentication.default-changed' : `integration-authentication.${action}`;
    this.audit.record(change, {
      at, surface: 'jfw', brandId: subject.authentication.brandId, action,
      resource: { type: 'integration-authentication', id: subject.authentication.id },
      changes: authenticationChanges(before, after),
      events: [{ type, data: authenticationEventData(subject) }],
    });
  }

  private ofBrand(brandId: string): IntegrationAuthentication[] {
    return [...this.rows.values()]
      .filter((r) => r.brandId === brandId)
      .sort((a, b) => a.snapshot().createdDate.getTime() - b.snapshot().createdDate.getTime() || compare(a.id, b.id));
  }

  private current(brandId: string, id: string, expectedVersions?: readonly number[]): IntegrationAuthentication {
    const row = this.rows.get(id);
    if (!row || row.brandId !== brandId) throw new IntegrationAuthenticationNotFoundError();
    if (!versionSatisfies(row.version, expectedVersions)) throw new VersionMismatchError();
    return row;
  }

  private checkWrite(entity: IntegrationAuthentication): void {
    if (!this.catalog.get(entity.appIntegrationId)) throw new AppIntegrationNotFoundError(entity.appIntegrationId);
    const clash = this.ofBrand(entity.brandId).find((r) => r.id !== entity.id && r.settings.code === entity.settings.code);
    if (clash) throw new IntegrationAuthenticationCodeTakenError(entity.settings.code);
  }

  private store(entity: IntegrationAuthentication): IntegrationAuthenticationView {
    if (entity.isDefault) {
      const now = entity.snapshot().updatedDate;
      for (const other of this.ofBrand(entity.brandId)) {
        if (other.id !== entity.id && other.appIntegrationId === entity.appIntegrationId && other.isDefault) {
          this.rows.set(other.id, other.clearDefault(now));
        }
      }
    }
    this.rows.set(entity.id, entity);
    return this.view(entity);
  }

  private view(entity: IntegrationAuthentication): IntegrationAuthenticationView {
    const entry = this.catalog.get(entity.appIntegrationId);
    if (!entry) throw new AppIntegrationNotFoundError(entity.appIntegrationId);
    return { authentication: entity, appIntegration: entry.snapshot() };
  }
}
