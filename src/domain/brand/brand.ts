import { ValidationError } from '../shared/domain-error';
import { BrandUrl } from './brand-url';

/** A tenant of the JFramework surface; everything it owns is invisible to others. */
export class Brand {
  private constructor(
    readonly id: string,
    readonly url: string,
    readonly name: string,
  ) {}

  static create(input: { id: string; url: string; name?: string }): Brand {
    const url = BrandUrl.create(input.url).value;
    const name = (input.name ?? url).trim();
    if (name === '' || name.length > 200) throw ValidationError.single('name', 'must be 1 to 200 characters');
    return new Brand(input.id, url, name);
  }

  static restore(props: { id: string; url: string; name: string }): Brand {
    return new Brand(props.id, props.url, props.name);
  }
}
