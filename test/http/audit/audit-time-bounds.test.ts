import { expect } from 'chai';
import request from 'supertest';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';

const RULE = 'must be an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS[.fraction] with Z or ±HH:MM) or a date (YYYY-MM-DD)';

/**
 * GET /api/v1/audit?from=&to=: what the bounds accept (docs/jfw-surface.md,
 * "Audit time bounds"). ISO 8601 forms that class-validator's strict check
 * passed and PostgreSQL could not read (week dates, ordinal dates, basic
 * format, a bare hour, a decimal comma) answered 500.
 */
describe('audit list: from and to are RFC 3339 date-times or dates, anything else 400 naming the field', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  const audit = (query: string) => request(t.server).get(`/api/v1/audit?${query}`).set(headers);

  before(async () => {
    t = createTestApp();
    ({ headers } = await aBrandWithKey(t.container));
    await request(t.server).post('/api/v1/app-integrations/authentication').set(headers).send(anIntegrationAuthenticationBody()).expect(201);
  });

  const isoButNotRfc3339 = [
    '2026-W48', '20261201', '2026-335', '2026-W48-1', '2026335', '2026-12-01T00', '2026-12-01T0000Z', '20261201T000000Z',
    '2026-12-01T00:00:00,5Z', '2026-12-01T00:00Z', '2026-12-01T00:00:00', '2026-12-01T00:00:00+0100', '2026-12-01T00:00:00+01',
    '2026-12-01 00:00:00Z', '2026-12-01T00:00:00.1234567890Z',
  ];
  const impossible = [
    '2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-12-00', '2026-02-30T00:00:00Z',
    '2026-12-01T24:00:00Z', '2026-12-01T23:60:00Z', '2016-12-31T23:59:60Z', '2026-12-01T00:00:00+24:00', '2026-12-01T00:00:00+01:60',
  ];

  for (const field of ['from', 'to']) {
    it(`answers 400 ValidationFailed naming ${field} for ISO 8601 forms outside RFC 3339 (week, ordinal, basic, bare hour, decimal comma, no offset)`, async () => {
      for (const value of isoButNotRfc3339) {
        const res = await audit(`${field}=${encodeURIComponent(value)}`);
        expect(res.status, value).to.equal(400);
        expect(res.body, value).to.deep.include({ success: false, statusCode: 400, data: null });
        expect(res.body.errors, value).to.deep.equal([{ code: 'ValidationFailed', message: RULE, field }]);
      }
    });

    it(`answers 400 naming ${field} for dates and times that do not exist (30 February, 24:00, a leap second, an offset of 24 h)`, async () => {
      for (const value of impossible) {
        const res = await audit(`${field}=${encodeURIComponent(value)}`);
        expect(res.status, value).to.equal(400);
        expect(res.body.errors, value).to.deep.equal([{ code: 'ValidationFailed', message: RULE, field }]);
      }
    });
  }

  it('names both fields when both are wrong', async () => {
    const res = await audit('from=2026-W48&to=20261201').expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).to.deep.equal(['from', 'to']);
  });

  it('accepts RFC 3339 date-times (Z, offsets, 1 to 9 fraction digits) and dates, 29 February of a leap year included', async () => {
    for (const value of ['2026-12-01T00:00:00Z', '2026-12-01T05:30:00+05:30', '2026-12-01T00:00:00-00:00', '2026-12-01T00:00:00.5Z',
      '2026-12-01T00:00:00.123456789Z', '2026-12-01', '2024-02-29', '2000-02-29T12:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z']) {
      for (const field of ['from', 'to']) {
        const res = await audit(`${field}=${encodeURIComponent(value)}`);
        expect(res.status, `${field}=${value}`).to.equal(200);
      }
    }
  });

  /** The brand's entries (its creation, its key, one configuration): their count and the newest one's instant. */
  const all = async () => {
    const data = (await audit('').expect(200)).body.data;
    return { total: data.totalItems as number, newest: new Date(data.items[0].at) };
  };
  const day = (d: Date, days = 0) => new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);

  it('reads a date alone as the whole UTC day, both bounds inclusive: from=to=that day lists what was written that day', async function () {
    const { total, newest } = await all();
    expect(total).to.equal(3);
    const oldest = new Date((await audit(`pageNumber=${total - 1}&pageSize=1`).expect(200)).body.data.items[0].at);
    if (day(oldest) !== day(newest)) this.skip(); // written across midnight UTC: no one day holds them all
    expect((await audit(`from=${day(newest)}&to=${day(newest)}`).expect(200)).body.data.totalItems).to.equal(total);
    expect((await audit(`to=${day(newest, -1)}`).expect(200)).body.data.totalItems).to.equal(0);
    expect((await audit(`from=${day(newest, 1)}`).expect(200)).body.data.totalItems).to.equal(0);
  });

  it('applies the offset: an instant written at +02:00 bounds as the same instant in Z does', async () => {
    const { total, newest } = await all();
    const inZone = (d: Date) => encodeURIComponent(`${new Date(d.getTime() + 2 * 3_600_000).toISOString().slice(0, 23)}+02:00`);
    const count = async (query: string) => (await audit(query).expect(200)).body.data.totalItems as number;
    expect(await count(`from=${inZone(newest)}`)).to.equal(await count(`from=${encodeURIComponent(newest.toISOString())}`)).and.to.be.at.least(1);
    expect(await count(`from=${inZone(new Date(newest.getTime() + 1))}`)).to.equal(0);
    expect(await count(`to=${inZone(newest)}`)).to.equal(total);
  });
});
