/** The current time, injectable so tests control it. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');
