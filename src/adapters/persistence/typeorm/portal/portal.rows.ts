import { PageSlice } from '../../../../application/ports/page';
import type { CredentialRow } from './credential.rows';
import { Timestamp, toDate, toNullableDate } from './timestamps';
import { AccessRequest, AccessRequestSnapshot } from '../../../../domain/access-request/access-request';
import { PortalApp, PortalAppSnapshot } from '../../../../domain/portal-app/portal-app';
import { PortalUser, PortalUserSnapshot } from '../../../../domain/portal-user/portal-user';

/*
 * Rows as PostgreSQL returns them and the mappers to the domain (users,
 * apps, access requests; credentials, which carry encrypted secrets, are in
 * credential.rows.ts). Rows read through json_agg carry timestamps as
 * strings, hence `toDate`.
 */


/** LIMIT/OFFSET parameters of a page; pages count from 1. */
export function limitOffset(page: PageSlice): [number, number] {
  return [page.limit, page.offset];
}

export interface PortalUserRow {
  id: number;
  email: string;
  first: string;
  last: string;
  role: PortalUserSnapshot['role'];
  organisation_id: number | null;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  total_items?: string;
}

export function toPortalUser(row: PortalUserRow): PortalUser {
  return PortalUser.restore({
    id: row.id,
    email: row.email,
    first: row.first,
    last: row.last,
    role: row.role,
    organisationId: row.organisation_id,
    active: row.active,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

export interface PortalAppRow {
  id: number;
  name: string;
  description: string;
  redirect_urls: string;
  user_id: number;
  visibility: PortalAppSnapshot['visibility'];
  version: number;
  created_at: Date;
  updated_at: Date;
  total_items?: string;
}

/** An app's columns, named for the hot statements (see VIEW_COLUMNS of the configurations for why not `*`). */
export const PORTAL_APP_COLUMNS = ['id', 'name', 'description', 'redirect_urls', 'user_id', 'visibility', 'version', 'created_at', 'updated_at'] as const satisfies
  ReadonlyArray<keyof PortalAppRow>;

export function toPortalApp(row: PortalAppRow): PortalApp {
  return PortalApp.restore({
    id: row.id,
    name: row.name,
    description: row.description,
    redirectUrls: row.redirect_urls,
    userId: row.user_id,
    visibility: row.visibility,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

export interface AccessRequestRow {
  id: number;
  app_id: number;
  user_id: number;
  catalogue: string;
  plan: string;
  client: string;
  status: AccessRequestSnapshot['status'];
  auth_type: AccessRequestSnapshot['authType'];
  product_ids: number[];
  product_names: string[];
  dcr_enabled: boolean;
  provision_immediately: boolean;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  /** json_agg of the request's credential rows, oldest first. */
  credentials?: CredentialRow[];
  total_items?: string;
}

/** An access request's columns, named (see PORTAL_APP_COLUMNS). */
export const ACCESS_REQUEST_COLUMNS = [
  'id', 'app_id', 'user_id', 'catalogue', 'plan', 'client', 'status', 'auth_type', 'product_ids', 'product_names', 'dcr_enabled',
  'provision_immediately', 'version', 'created_at', 'updated_at', 'deleted_at',
] as const satisfies ReadonlyArray<keyof AccessRequestRow>;

export function toAccessRequest(row: AccessRequestRow): AccessRequest {
  return AccessRequest.restore({
    id: row.id,
    appId: row.app_id,
    userId: row.user_id,
    catalogue: row.catalogue,
    plan: row.plan,
    client: row.client,
    status: row.status,
    authType: row.auth_type,
    productIds: row.product_ids,
    productNames: row.product_names,
    dcrEnabled: row.dcr_enabled,
    provisionImmediately: row.provision_immediately,
    version: row.version,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    deletedAt: toNullableDate(row.deleted_at),
  });
}
