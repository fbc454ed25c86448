import { PortalEmail } from './portal-email';

export interface PortalAdminProps {
  readonly id: number;
  readonly email: string;
  /** TokenGenerator.hash of the API token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly createdAt: Date;
}

export type NewPortalAdmin = Omit<PortalAdminProps, 'id'>;

/** Whoever may call /portal-api; identified by an API token. */
export class PortalAdmin {
  private constructor(private readonly props: PortalAdminProps) {}

  static create(email: string, tokenHash: string, now: Date): NewPortalAdmin {
    return { email: PortalEmail.create(email).value, tokenHash, createdAt: now };
  }

  static restore(props: PortalAdminProps): PortalAdmin {
    return new PortalAdmin({ ...props });
  }

  get id(): number { return this.props.id; }
  get email(): string { return this.props.email; }
  get tokenHash(): string { return this.props.tokenHash; }
  get createdAt(): Date { return this.props.createdAt; }

  toProps(): PortalAdminProps {
    return { ...this.props };
  }
}
