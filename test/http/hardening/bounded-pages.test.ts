import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { dropSeededAuditEntries, seedAuditEntries, SeededOwner } from '../../support/many-audit-entries';
import { testDatabase } from '../../support/test-database';
import { portalClient, PortalClient } from '../portal/portal-http.support';

const JFW_RULE = 'must be an integer from 0 with pageNumber × pageSize below 10000: '
  + 'lists reach their first 10,000 items; narrow a longer list with its filters (e.g. from/to on the audit)';
const PORTAL_RULE = 'page: must be an integer from 1 with (page - 1) × per_page below 10000: '
  + 'lists reach their first 10,000 items; narrow a longer list with its filters (e.g. resource_type/resource_id on the audit)';
const SEEDED = 10_050;

/**
 * A tenant's audit only grows; its list pages through the first 10,000
 * items and counts no further (docs/adr/0017-bounded-pages.md). 10,050
 * entries, seeded in one statement on the real PostgreSQL and removed after.
 */
describe('lists page through their first 10,000 items and count no further (real PostgreSQL)', function () {
  this.timeout(120_000);
  const db = () => testDatabase().dataSource;

  describe('JFramework audit', () => {
    let t: TestApp;
    let headers: Record<string, string>;
    let owner: SeededOwner;
    const audit = (query: string) => request(t.server).get(`/api/v1/audit?${query}`).set(headers);

    before(async () => {
      t = createTestApp();
      const brand = await aBrandWithKey(t.container);
      headers = brand.headers;
      owner = { surface: 'jfw', brandId: brand.brandId, resourceType: 'paging-test', resourcePrefix: randomBytes(6).toString('hex') };
      await seedAuditEntries(db(), owner, SEEDED, 2);
    });
    after(async () => {
      if (owner) await dropSeededAuditEntries(db(), owner);
    });

    it('answers totalItems 10,000 on page 0 of a longer list, and the exact total of a filtered list below it', async () => {
      expect((await audit('').expect(200)).body.data).to.deep.include({ totalItems: 10_000, pageNumber: 0, pageSize: 50 });
      const half = (await audit(`resourceType=paging-test&resourceId=${owner.resourcePrefix}0`).expect(200)).body.data;
      expect(half.totalItems).to.equal(SEEDED / 2);
    });

    it('serves the last reachable page (items 9,800 to 9,999; item 9,999 alone) with its items', async () => {
      const last = (await audit('pageNumber=49&pageSize=200').expect(200)).body.data;
      expect(last).to.deep.include({ totalItems: 10_000, pageNumber: 49, pageSize: 200 });
      expect(last.items).to.have.length(200);
      const one = (await audit('pageNumber=9999&pageSize=1').expect(200)).body.data;
      expect(one.items).to.have.length(1);
      expect(one.items[0].id).to.equal(last.items[199].id);
    });

    it('refuses the first unreachable page with 400 ValidationFailed naming pageNumber, the deep page of the attack too', async () => {
      for (const query of ['pageNumber=50&pageSize=200', 'pageNumber=10000&pageSize=1', 'pageNumber=200', 'pageNumber=1000000&pageSize=200']) {
        const res = await audit(query).expect(400);
        expect(res.body, query).to.deep.include({ success: false, statusCode: 400, data: null });
        expect(res.body.errors, query).to.deep.equal([{ code: 'ValidationFailed', field: 'pageNumber', message: JFW_RULE }]);
      }
    });
  });

  describe('portal audit', () => {
    let portal: PortalClient;
    let owner: SeededOwner;
    let filter: string;
    const audit = (query: string) => request(portal.t.server).get(`/portal-api/audit?${filter}&${query}`).set(portal.auth);

    before(async () => {
      portal = await portalClient();
      owner = { surface: 'portal', brandId: null, resourceType: 'paging-test', resourcePrefix: randomBytes(6).toString('hex') };
      // One resource holds them all, so the filtered list is this suite's alone whatever portal entries other suites make.
      await seedAuditEntries(db(), owner, SEEDED);
      filter = `resource_type=paging-test&resource_id=${owner.resourcePrefix}0`;
    });
    after(async () => {
      if (owner) await dropSeededAuditEntries(db(), owner);
    });

    it('answers X-Total-Count 10,000 for a longer list', async () => {
      const res = await audit('').expect(200);
      expect(res.headers['x-total-count']).to.equal('10000');
      expect(res.body).to.have.length(10);
    });

    it('serves the last reachable page (page 100 of 100, page 1,000 of 10) with its items', async () => {
      const last = await audit('page=100&per_page=100').expect(200);
      expect(last.headers['x-total-count']).to.equal('10000');
      expect(last.body).to.have.length(100);
      const ten = await audit('page=1000').expect(200);
      expect(ten.body).to.have.length(10);
      expect(ten.body[9].ID).to.equal(last.body[99].ID);
    });

    it('refuses the first unreachable page with 422 naming page', async () => {
      for (const query of ['page=101&per_page=100', 'page=1001', 'page=10001&per_page=1', 'page=999999999']) {
        expect((await audit(query).expect(422)).body, query).to.deep.equal({ errors: [PORTAL_RULE] });
      }
    });
  });
});
