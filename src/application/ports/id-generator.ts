/** New 18-character base62 identifiers for JFramework resources. */
export interface IdGenerator {
  next(): string;
}

export const ID_GENERATOR = Symbol('IdGenerator');
