import { FieldViolations } from '../shared/field-violations';
import { PortalEmail } from './portal-email';
import { definedOnly, positiveId, requirePresent, requiredText } from './text-field';
import { UserRole, UserRoleValue } from './user-role';

export interface PortalUserProps {
  readonly id: number;
  readonly email: string;
  readonly first: string;
  readonly last: string;
  readonly role: UserRoleValue;
  readonly organisationId: number | null;
  readonly active: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

/** A user not yet stored; the store assigns the id. */
export type NewPortalUser = Omit<PortalUserProps, 'id'>;

export interface PortalUserInput {
  email: string;
  first: string;
  last: string;
  role: string;
  organisationId?: number | null;
  active?: boolean;
}

export type PortalUserChanges = Partial<PortalUserInput>;

/** A developer or admin of the portal; may own apps. */
export class PortalUser {
  private constructor(private props: PortalUserProps) {}

  static create(input: PortalUserInput, now: Date): NewPortalUser {
    const fields = validate(input, true);
    return {
      email: fields.email!,
      first: fields.first!,
      last: fields.last!,
      role: fields.role!,
      organisationId: fields.organisationId ?? null,
      active: input.active ?? true,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  }

  static restore(props: PortalUserProps): PortalUser {
    return new PortalUser({ ...props });
  }

  /** Applies only the fields given; a field left out keeps its value. */
  update(changes: PortalUserChanges, now: Date): void {
    const fields = validate(changes, false);
    this.props = {
      ...this.props,
      ...definedOnly(fields),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      updatedAt: now,
      version: this.props.version + 1,
    };
  }

  get id(): number { return this.props.id; }
  get email(): string { return this.props.email; }
  get first(): string { return this.props.first; }
  get last(): string { return this.props.last; }
  get role(): UserRoleValue { return this.props.role; }
  get organisationId(): number | null { return this.props.organisationId; }
  get active(): boolean { return this.props.active; }
  get createdAt(): Date { return this.props.createdAt; }
  get updatedAt(): Date { return this.props.updatedAt; }
  get version(): number { return this.props.version; }

  toProps(): PortalUserProps {
    return { ...this.props };
  }
}

interface ValidFields {
  email?: string;
  first?: string;
  last?: string;
  role?: UserRoleValue;
  organisationId?: number | null;
}

function validate(input: PortalUserChanges, creating: boolean): ValidFields {
  const v = new FieldViolations();
  const out: ValidFields = {};
  if (creating) requirePresent(v, input, ['email', 'first', 'last', 'role']);
  if (input.email !== undefined) out.email = v.capture('email', () => PortalEmail.create(input.email!).value);
  if (input.first !== undefined) out.first = v.capture('first', () => requiredText(input.first!, 'first'));
  if (input.last !== undefined) out.last = v.capture('last', () => requiredText(input.last!, 'last'));
  if (input.role !== undefined) out.role = v.capture('role', () => UserRole.create(input.role!).value);
  if (input.organisationId !== undefined) {
    const org = input.organisationId;
    out.organisationId = org === null ? null : v.capture('organisationId', () => positiveId(org, 'organisationId'));
  }
  v.throwIfAny();
  return out;
}
