import { INT8_MAX } from './limits';

const DECIMAL = /^[1-9][0-9]{0,18}$/;

/**
 * True for a positive bigint as a bigserial id is written: decimal digits, no
 * sign, no leading zero, at most INT8_MAX. Compared as a BigInt and kept a
 * string by callers, never a Number, which rounds ids past 2^53.
 */
export function isBigintId(raw: string): boolean {
  return DECIMAL.test(raw) && BigInt(raw) <= INT8_MAX;
}
