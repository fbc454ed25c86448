import { AccessRequestSnapshot } from '../../../../domain/access-request/access-request';
import { ApiProductSnapshot } from '../../../../domain/api-product/api-product';
import { CredentialSnapshot } from '../../../../domain/access-request/credential';
import { PortalAdminSnapshot } from '../../../../domain/portal-admin/portal-admin';
import { PortalAppSnapshot } from '../../../../domain/portal-app/portal-app';
import { PortalUserSnapshot } from '../../../../domain/portal-user/portal-user';
import { Page, PageSlice } from '../../../../application/ports/page';
import { pageOf } from '../../../../application/shared/paged-items';

interface Tables {
  users: Map<number, PortalUserSnapshot>;
  products: Map<number, ApiProductSnapshot>;
  apps: Map<number, PortalAppSnapshot>;
  accessRequests: Map<number, AccessRequestSnapshot>;
  credentials: Map<number, CredentialSnapshot>;
  admins: Map<number, PortalAdminSnapshot>;
  sequences: Record<keyof Omit<Tables, 'sequences'>, number>;
}

/**
 * The portal's tables in memory, shared by the in-memory repositories so that
 * writes spanning tables (cascades, credential sync) behave as one
 * transaction, as they do in Postgres.
 */
export class InMemoryPortalStore {
  private tables: Tables = emptyTables();

  /** Read-only view for queries; callers must not mutate what they get. */
  get read(): Readonly<Tables> {
    return this.tables;
  }

  /**
   * Runs `work` against a copy and keeps the copy only if `work` returns, so
   * a throwing domain rule or a broken constraint leaves nothing behind.
   */
  transaction<T>(work: (tables: Tables) => T): T {
    const draft = structuredClone(this.tables);
    const result = work(draft);
    this.tables = draft;
    return result;
  }

  static nextId(tables: Tables, table: keyof Tables['sequences']): number {
    tables.sequences[table] += 1;
    return tables.sequences[table];
  }

  static paginate<P, T>(rows: Map<number, P>, page: PageSlice, map: (row: P) => T): Page<T> {
    const sorted = [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
    return pageOf(sorted, page, map);
  }
}

function emptyTables(): Tables {
  return {
    users: new Map(),
    products: new Map(),
    apps: new Map(),
    accessRequests: new Map(),
    credentials: new Map(),
    admins: new Map(),
    sequences: { users: 0, products: 0, apps: 0, accessRequests: 0, credentials: 0, admins: 0 },
  };
}
