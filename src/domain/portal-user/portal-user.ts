import { FieldViolations } from '../shared/field-violations';
import { PortalEmail } from './portal-email';
import { definedOnly, positiveId, requirePresent, requiredText } from '../shared/text-field';
import { UserRole, UserRoleValue } from './user-role';

export interface PortalUserSnapshot {
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
export type NewPortalUser = Omit<PortalUserSnapshot, 'id'>;

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
  private constructor(private readonly state: PortalUserSnapshot) {}

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

  static restore(props: PortalUserSnapshot): PortalUser {
    return new PortalUser({ ...props });
  }

  /** Applies only the fields given; a field left out keeps its value. */
  update(changes: PortalUserChanges, now: Date): PortalUser {
    const fields = validate(changes, false);
    return new PortalUser({
      ...this.state,
      ...definedOnly(fields),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      updatedAt: now,
      version: this.state.version + 1,
    });
  }

  get id(): number { return this.state.id; }
  get email(): string { return this.state.email; }
  get first(): string { return this.state.first; }
  get last(): string { return this.state.last; }
  get role(): UserRoleValue { return this.state.role; }
  get organisationId(): number | null { return this.state.organisationId; }
  get active(): boolean { return this.state.active; }
  get createdAt(): Date { return this.state.createdAt; }
  get updatedAt(): Date { return this.state.updatedAt; }
  get version(): number { return this.state.version; }

  snapshot(): PortalUserSnapshot {
    return this.state;
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
