import { AuthTypeValue } from '../api-product/auth-type';
import { ApiProduct, combinedScopes, dcrSettingsOf } from '../api-product/api-product';
import { PortalApp } from '../portal-app/portal-app';
import { AccessRequestNotPendingError } from './access-request-errors';
import { NoProductsError, ProductsOfDifferentAuthTypesError } from '../portal-app/portal-app-errors';
import { optionalText } from '../shared/text-field';

export type AccessRequestStatus = 'pending' | 'approved' | 'rejected';

export interface AccessRequestSnapshot {
  readonly id: number;
  readonly appId: number;
  readonly userId: number;
  readonly catalogue: string;
  readonly plan: string;
  /** The app's name when access was requested, as Tyk records it. */
  readonly client: string;
  readonly status: AccessRequestStatus;
  readonly authType: AuthTypeValue;
  readonly productIds: readonly number[];
  readonly productNames: readonly string[];
  readonly dcrEnabled: boolean;
  readonly provisionImmediately: boolean;
  /**
   * The version of the whole aggregate: it moves with every change to the
   * request or to one of its credentials (a rotation, a redirect URL that
   * followed the app), so it can stand for the request as answers show it.
   */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Always null here: deleting a request removes it (see the repository port). */
  readonly deletedAt: Date | null;
}

export type NewAccessRequest = Omit<AccessRequestSnapshot, 'id'>;

export interface AccessRequestOptions {
  plan?: string;
  catalogue?: string;
}

/** An app's request for access to products; approval issues a credential. */
export class AccessRequest {
  private constructor(private readonly state: AccessRequestSnapshot) {}

  /**
   * One credential serves every product of a request, so the products must
   * agree on how callers authenticate.
   */
  static request(app: PortalApp, products: readonly ApiProduct[], options: AccessRequestOptions, now: Date): NewAccessRequest {
    if (products.length === 0) throw new NoProductsError();
    const authTypes = [...new Set(products.map((p) => p.authType))];
    if (authTypes.length > 1) throw new ProductsOfDifferentAuthTypesError(authTypes);
    // Refused now rather than at approval: an oauth2 credential carries all of them, and is registered
    // at one identity provider with one set of settings when they use DCR.
    if (authTypes[0] === 'oauth2') combinedScopes(products);
    const dcrEnabled = dcrSettingsOf(products) !== null;
    return {
      appId: app.id,
      userId: app.userId,
      catalogue: optionalText(options.catalogue ?? '', 'catalogue', 255),
      plan: optionalText(options.plan ?? '', 'plan', 255),
      client: app.name,
      status: 'pending',
      authType: authTypes[0],
      productIds: products.map((p) => p.id),
      productNames: products.map((p) => p.name),
      dcrEnabled,
      provisionImmediately: false,
      version: 1,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
  }

  static restore(props: AccessRequestSnapshot): AccessRequest {
    // Frozen copies: snapshot() hands out the state itself, so a cast cannot reach into it.
    return new AccessRequest({ ...props, productIds: Object.freeze([...props.productIds]), productNames: Object.freeze([...props.productNames]) });
  }

  approve(now: Date): AccessRequest {
    return this.decide('approved', now);
  }

  reject(now: Date): AccessRequest {
    return this.decide('rejected', now);
  }

  private decide(status: AccessRequestStatus, now: Date): AccessRequest {
    if (this.state.status !== 'pending') throw new AccessRequestNotPendingError(this.state.id, this.state.status);
    return new AccessRequest({ ...this.state, status, updatedAt: now, version: this.state.version + 1 });
  }

  get id(): number { return this.state.id; }
  get appId(): number { return this.state.appId; }
  get userId(): number { return this.state.userId; }
  get catalogue(): string { return this.state.catalogue; }
  get plan(): string { return this.state.plan; }
  get client(): string { return this.state.client; }
  get status(): AccessRequestStatus { return this.state.status; }
  get authType(): AuthTypeValue { return this.state.authType; }
  get productIds(): readonly number[] { return this.state.productIds; }
  get productNames(): readonly string[] { return this.state.productNames; }
  get dcrEnabled(): boolean { return this.state.dcrEnabled; }
  get provisionImmediately(): boolean { return this.state.provisionImmediately; }
  get version(): number { return this.state.version; }
  get createdAt(): Date { return this.state.createdAt; }
  get updatedAt(): Date { return this.state.updatedAt; }
  get deletedAt(): Date | null { return this.state.deletedAt; }

  snapshot(): AccessRequestSnapshot {
    return this.state;
  }
}
