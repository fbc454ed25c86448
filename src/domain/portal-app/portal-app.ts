import type { Credential } from '../access-request/credential';
import { FieldViolations } from '../shared/field-violations';
import { RedirectUrlsInUseError } from './portal-app-errors';
import { RedirectUrlList } from './redirect-url-list';
import { definedOnly, optionalText, positiveId, requirePresent, requiredText } from '../shared/text-field';
import { Visibility, VisibilityValue } from './visibility';

export interface PortalAppSnapshot {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  /** Canonical comma-separated form, see RedirectUrlList. */
  readonly redirectUrls: string;
  readonly userId: number;
  readonly visibility: VisibilityValue;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export type NewPortalApp = Omit<PortalAppSnapshot, 'id'>;

export interface PortalAppInput {
  name: string;
  description?: string;
  redirectUrls?: string;
  userId: number;
  visibility?: string;
}

export type PortalAppChanges = Partial<PortalAppInput>;

/** Changes that passed PortalApp.checkChanges: only the fields given, normalised. */
export type ValidPortalAppChanges = Readonly<Partial<Pick<PortalAppSnapshot, 'name' | 'description' | 'redirectUrls' | 'userId' | 'visibility'>>> & {
  readonly __checked: unique symbol;
};

/** A developer app; owns access requests and, through them, credentials. */
export class PortalApp {
  private constructor(private readonly state: PortalAppSnapshot) {}

  static create(input: PortalAppInput, now: Date): NewPortalApp {
    const fields = validate(input, true);
    return {
      name: fields.name!,
      description: fields.description ?? '',
      redirectUrls: fields.redirectUrls ?? RedirectUrlList.EMPTY.value,
      userId: fields.userId!,
      visibility: fields.visibility ?? Visibility.DEFAULT.value,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  }

  static restore(props: PortalAppSnapshot): PortalApp {
    return new PortalApp({ ...props });
  }

  /**
   * Partial update (seed 003): a field left out keeps its value. Every call
   * is a write, so the version moves even when nothing differs.
   */
  update(changes: PortalAppChanges, now: Date): PortalApp {
    const fields = PortalApp.checkChanges(changes);
    return new PortalApp({ ...this.state, ...fields, updatedAt: now, version: this.state.version + 1 });
  }

  /**
   * The rules of a partial update, which need nothing of the current state:
   * the given fields normalised, or one ValidationError naming every bad
   * field. Lets a repository apply the change in one statement without
   * reading the app first; `update` applies the same check.
   */
  static checkChanges(changes: PortalAppChanges): ValidPortalAppChanges {
    return definedOnly(validate(changes, false)) as ValidPortalAppChanges;
  }

  /**
   * The rule of a change that needs the app's credentials: its redirect URLs
   * may change but not be emptied while a credential is registered at an
   * identity provider for a flow that redirects (as approval refuses to
   * register one for an app without them, Credential.issueRegistered).
   * @throws RedirectUrlsInUseError
   */
  static checkRedirectUrlsKept(changes: ValidPortalAppChanges, credentials: readonly Pick<Credential, 'id' | 'redirectingGrants'>[]): void {
    if (changes.redirectUrls !== RedirectUrlList.EMPTY.value) return;
    const holder = credentials.find((c) => c.redirectingGrants.length > 0);
    if (holder !== undefined) throw new RedirectUrlsInUseError(holder.id, holder.redirectingGrants);
  }

  get id(): number { return this.state.id; }
  get name(): string { return this.state.name; }
  get description(): string { return this.state.description; }
  get redirectUrls(): string { return this.state.redirectUrls; }
  get userId(): number { return this.state.userId; }
  get visibility(): VisibilityValue { return this.state.visibility; }
  get createdAt(): Date { return this.state.createdAt; }
  get updatedAt(): Date { return this.state.updatedAt; }
  get version(): number { return this.state.version; }

  snapshot(): PortalAppSnapshot {
    return this.state;
  }
}

interface ValidFields {
  name?: string;
  description?: string;
  redirectUrls?: string;
  userId?: number;
  visibility?: VisibilityValue;
}

function validate(input: PortalAppChanges, creating: boolean): ValidFields {
  const v = new FieldViolations();
  if (creating) requirePresent(v, input, ['name', 'userId']);
  const out: ValidFields = {};
  if (input.name !== undefined) out.name = v.capture('name', () => requiredText(input.name!, 'name'));
  if (input.description !== undefined) out.description = v.capture('description', () => optionalText(input.description!, 'description'));
  if (input.redirectUrls !== undefined) out.redirectUrls = v.capture('redirectUrls', () => RedirectUrlList.create(input.redirectUrls!).value);
  if (input.userId !== undefined) out.userId = v.capture('userId', () => positiveId(input.userId!, 'userId'));
  if (input.visibility !== undefined) out.visibility = v.capture('visibility', () => Visibility.create(input.visibility!).value);
  v.throwIfAny();
  return out;
}
