import { AuthTypeValue } from './auth-type';
import { ApiProduct, combinedScopes } from './api-product';
import { PortalApp } from './portal-app';
import { AccessRequestNotPendingError, NoProductsError, ProductsOfDifferentAuthTypesError } from './portal-errors';
import { optionalText } from './text-field';

export type AccessRequestStatus = 'pending' | 'approved' | 'rejected';

export interface AccessRequestProps {
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

export type NewAccessRequest = Omit<AccessRequestProps, 'id'>;

export interface AccessRequestOptions {
  plan?: string;
  catalogue?: string;
}

/** An app's request for access to products; approval issues a credential. */
export class AccessRequest {
  private constructor(private props: AccessRequestProps) {}

  /**
   * One credential serves every product of a request, so the products must
   * agree on how callers authenticate.
   */
  static request(app: PortalApp, products: readonly ApiProduct[], options: AccessRequestOptions, now: Date): NewAccessRequest {
    if (products.length === 0) throw new NoProductsError();
    const authTypes = [...new Set(products.map((p) => p.authType))];
    if (authTypes.length > 1) throw new ProductsOfDifferentAuthTypesError(authTypes);
    // Refused now rather than at approval: an oauth2 credential carries all of them.
    if (authTypes[0] === 'oauth2') combinedScopes(products);
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
      dcrEnabled: false,
      provisionImmediately: false,
      version: 1,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
  }

  static restore(props: AccessRequestProps): AccessRequest {
    return new AccessRequest({ ...props, productIds: [...props.productIds], productNames: [...props.productNames] });
  }

  approve(now: Date): void {
    this.decide('approved', now);
  }

  reject(now: Date): void {
    this.decide('rejected', now);
  }

  private decide(status: AccessRequestStatus, now: Date): void {
    if (this.props.status !== 'pending') throw new AccessRequestNotPendingError(this.props.id, this.props.status);
    this.props = { ...this.props, status, updatedAt: now, version: this.props.version + 1 };
  }

  get id(): number { return this.props.id; }
  get appId(): number { return this.props.appId; }
  get userId(): number { return this.props.userId; }
  get catalogue(): string { return this.props.catalogue; }
  get plan(): string { return this.props.plan; }
  get client(): string { return this.props.client; }
  get status(): AccessRequestStatus { return this.props.status; }
  get authType(): AuthTypeValue { return this.props.authType; }
  get productIds(): readonly number[] { return this.props.productIds; }
  get productNames(): readonly string[] { return this.props.productNames; }
  get dcrEnabled(): boolean { return this.props.dcrEnabled; }
  get provisionImmediately(): boolean { return this.props.provisionImmediately; }
  get version(): number { return this.props.version; }
  get createdAt(): Date { return this.props.createdAt; }
  get updatedAt(): Date { return this.props.updatedAt; }
  get deletedAt(): Date | null { return this.props.deletedAt; }

  toProps(): AccessRequestProps {
    return AccessRequest.restore(this.props).props;
  }
}
