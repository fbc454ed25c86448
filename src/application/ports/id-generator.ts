import { token } from './token';
/** New 18-character base62 identifiers for JFramework resources. */
export interface IdGenerator {
  next(): string;
}

export const ID_GENERATOR = token<IdGenerator>('IdGenerator');
