import { token } from './token';
/** The current time, injectable so tests control it. */
export interface Clock {
  now(): Date;
}

export const CLOCK = token<Clock>('Clock');
