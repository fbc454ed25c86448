import { ValidationError } from '../shared/domain-error';

export const VISIBILITIES = ['personal', 'team', 'organisation'] as const;
export type VisibilityValue = (typeof VISIBILITIES)[number];

/** Who may see an app. Tyk defaults to `organisation`, so do we. */
export class Visibility {
  static readonly DEFAULT = new Visibility('organisation');

  private constructor(readonly value: VisibilityValue) {}

  static create(raw: string, field = 'visibility'): Visibility {
    if (!(VISIBILITIES as readonly string[]).includes(raw)) {
      throw ValidationError.single(field, `must be one of ${VISIBILITIES.join(', ')}`);
    }
    return new Visibility(raw as VisibilityValue);
  }
}
