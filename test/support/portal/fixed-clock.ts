import { Clock } from '../../../src/application/ports/clock';

/** A clock that moves only when told to. */
export class FixedClock implements Clock {
  private current: Date;

  constructor(start = new Date('2023-06-25T13:37:00Z')) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
