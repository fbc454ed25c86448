import { FieldViolation, ValidationError } from './domain-error';

/**
 * Collects field violations so a factory can report every broken rule at once
 * instead of stopping at the first.
 */
export class FieldViolations {
  private readonly items: FieldViolation[] = [];

  add(field: string, message: string): void {
    if (!this.items.some((v) => v.field === field)) this.items.push({ field, message });
  }

  /** Runs `check`; a ValidationError it throws is recorded under `field`. */
  capture<T>(field: string, check: () => T): T | undefined {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const v of error.violations) this.add(v.field === '' ? field : v.field, v.message);
      return undefined;
    }
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new ValidationError(this.items);
  }
}
