import { PortalEmail } from '../portal-user/portal-email';

export interface PortalAdminSnapshot {
  readonly id: number;
  readonly email: string;
  /** TokenGenerator.hash of the API token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly createdAt: Date;
}

export type NewPortalAdmin = Omit<PortalAdminSnapshot, 'id'>;

/** Whoever may call /portal-api; identified by an API token. */
export class PortalAdmin {
  private constructor(private readonly state: PortalAdminSnapshot) {}

  static create(email: string, tokenHash: string, now: Date): NewPortalAdmin {
    return { email: PortalEmail.create(email).value, tokenHash, createdAt: now };
  }

  static restore(props: PortalAdminSnapshot): PortalAdmin {
    return new PortalAdmin({ ...props });
  }

  get id(): number { return this.state.id; }
  get email(): string { return this.state.email; }
  get tokenHash(): string { return this.state.tokenHash; }
  get createdAt(): Date { return this.state.createdAt; }

  snapshot(): PortalAdminSnapshot {
    return this.state;
  }
}
