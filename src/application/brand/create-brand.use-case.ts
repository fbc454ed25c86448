import { ChangeContext } from '../../domain/audit/change-context';
import { Brand } from '../../domain/brand/brand';
import { BrandRepository, BRAND_REPOSITORY } from '../ports/brand.repository';
import { IdGenerator, ID_GENERATOR } from '../ports/id-generator';

export interface CreateBrandCommand {
  readonly url: string;
  readonly name?: string;
  readonly change: ChangeContext;
}

/** `cli brands:create`: registers a tenant. */
export class CreateBrand {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [BRAND_REPOSITORY, ID_GENERATOR] as const;
  }

  constructor(
    private readonly brands: BrandRepository,
    private readonly ids: IdGenerator,
  ) {}

  async execute(command: CreateBrandCommand): Promise<Brand> {
    const brand = Brand.create({ id: this.ids.next(), url: command.url, name: command.name });
    await this.brands.add(brand, command.change);
    return brand;
  }
}
