import { expect } from 'chai';
import { parseTimeBound } from '../../../src/adapters/http/jfw/dto/time-bound';

const iso = (text: string, side: 'from' | 'to') => parseTimeBound(text, side)?.toISOString() ?? null;

describe('audit time bounds (parseTimeBound)', () => {
  it('reads a date alone as its whole UTC day: from its first millisecond, to its last', () => {
    expect(iso('2026-12-01', 'from')).to.equal('2026-12-01T00:00:00.000Z');
    expect(iso('2026-12-01', 'to')).to.equal('2026-12-01T23:59:59.999Z');
  });

  it('applies the offset, -00:00 being UTC', () => {
    expect(iso('2026-12-01T05:30:00+05:30', 'from')).to.equal('2026-12-01T00:00:00.000Z');
    expect(iso('2026-11-30T19:00:00-05:00', 'to')).to.equal('2026-12-01T00:00:00.000Z');
    expect(iso('2026-12-01T00:00:00-00:00', 'from')).to.equal('2026-12-01T00:00:00.000Z');
  });

  it('rounds a fraction finer than a millisecond inwards: from up, to down (entries are recorded to the millisecond)', () => {
    expect(iso('2026-12-01T00:00:00.0001Z', 'from')).to.equal('2026-12-01T00:00:00.001Z');
    expect(iso('2026-12-01T00:00:00.0009Z', 'to')).to.equal('2026-12-01T00:00:00.000Z');
    expect(iso('2026-12-01T00:00:00.123000000Z', 'from')).to.equal('2026-12-01T00:00:00.123Z');
    expect(iso('2026-12-01T00:00:00.5Z', 'to')).to.equal('2026-12-01T00:00:00.500Z');
  });

  it('keeps years 0–99 as written (Date.UTC would read 0099 as 1999)', () => {
    expect(iso('0099-03-01T00:00:00Z', 'from')).to.equal('0099-03-01T00:00:00.000Z');
    expect(iso('0000-02-29', 'from')).to.equal('0000-02-29T00:00:00.000Z');
  });

  it('refuses what is no RFC 3339 date-time or date, and dates and times that do not exist', () => {
    for (const text of ['2026-W48', '2026-335', '20261201', '2026-12-01T00:00', '2026-12-01t00:00:00z', '2026-12-01T00:00:00', '2026-02-29',
      '1900-02-29', '2026-12-01T24:00:00Z', '2026-12-01T00:00:60Z', '2026-12-01T00:00:00+24:00', '２０２６-12-01', ' 2026-12-01', '']) {
      expect(parseTimeBound(text, 'from'), text).to.equal(null);
    }
  });
});
