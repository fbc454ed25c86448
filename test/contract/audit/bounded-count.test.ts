import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { totalBehind, totalItems } from '../../../src/adapters/persistence/typeorm/paging-sql';
import { TypeOrmAuditTrail } from '../../../src/adapters/persistence/typeorm/typeorm-audit-trail';
import { dropSeededAuditEntries, seedAuditEntries, SeededOwner } from '../../support/many-audit-entries';
import { testDatabase } from '../../support/test-database';

interface PlanNode { 'Node Type': string; 'Actual Rows'?: number; Plans?: PlanNode[] }

/** Every node of a plan, depth first. */
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/**
 * The total of every PostgreSQL page (paging-sql `totalItems`, and the
 * count an empty page runs alone) reads at most 10,000 matching rows, not
 * all of them: 20,000 entries of one brand count as 10,000, and the plan has
 * a Limit under the count that stops the scan there.
 */
describe('page totals count at most 10,000 rows (TypeORM on PostgreSQL)', function () {
  this.timeout(60_000);
  const db = () => testDatabase().dataSource;
  const brandId = randomBytes(9).toString('hex');
  const owner: SeededOwner = { surface: 'jfw', brandId, resourceType: 'paging-test', resourcePrefix: randomBytes(6).toString('hex') };
  const count = { from: 'audit_entries', where: 'brand_id = $1' };

  before(async () => {
    await seedAuditEntries(db(), owner, 20_000);
  });
  after(async () => {
    await dropSeededAuditEntries(db(), owner);
  });

  it('counts 20,000 matching rows as 10,000, in the page\'s statement and alone for an empty page', async () => {
    const [row] = await db().query(`SELECT ${totalItems(count)}`, [brandId]);
    expect(row.total_items).to.equal('10000');
    expect(await totalBehind([], db(), count, [brandId])).to.equal(10_000);
    const page = await new TypeOrmAuditTrail(db()).entries({ brandId }, { offset: 9_999, limit: 1 });
    expect(page.total).to.equal(10_000);
    expect(page.items).to.have.length(1);
  });

  it('plans a Limit under the count, and the count reads 10,000 rows from it', async () => {
    const [{ 'QUERY PLAN': [{ Plan: plan }] }] = await db().query(`EXPLAIN (ANALYZE, FORMAT JSON) SELECT ${totalItems(count)}`, [brandId]);
    const all = nodes(plan as PlanNode);
    const aggregate = all.findIndex((n) => n['Node Type'] === 'Aggregate');
    expect(aggregate, JSON.stringify(plan)).to.be.at.least(0);
    const limit = nodes(all[aggregate]).find((n) => n['Node Type'] === 'Limit');
    expect(limit, JSON.stringify(plan)).to.not.equal(undefined);
    expect(limit!['Actual Rows']).to.equal(10_000);
    // The scan under it hands over no more than that (a bitmap scan's index pass may still visit every matching index entry: ADR 17).
    expect(limit!.Plans![0]['Actual Rows']).to.equal(10_000);
  });
});
