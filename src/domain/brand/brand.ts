import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from '../shared/control-characters';
import { ValidationError } from '../shared/domain-error';
import { BrandUrl } from './brand-url';

export interface BrandSnapshot {
  readonly id: string;
  readonly url: string;
  readonly name: string;
}

/** A tenant of the JFramework surface; everything it owns is invisible to others. */
export class Brand {
  private constructor(private readonly state: BrandSnapshot) {}

  static create(input: { id: string; url: string; name?: string }): Brand {
    const url = BrandUrl.create(input.url).value;
    const name = (input.name ?? url).trim();
    if (name === '' || name.length > 200) throw ValidationError.single('name', 'must be 1 to 200 characters');
    // The same rule as a catalog entry's name: it is shown to operators and in the audit.
    if (hasControlCharacters(name)) throw ValidationError.single('name', CONTROL_CHARACTER_MESSAGE);
    return new Brand({ id: input.id, url, name });
  }

  static restore(snapshot: BrandSnapshot): Brand {
    return new Brand(snapshot);
  }

  get id(): string { return this.state.id; }
  get url(): string { return this.state.url; }
  get name(): string { return this.state.name; }

  snapshot(): BrandSnapshot {
    return this.state;
  }
}
