import { expect } from 'chai';
import { fieldChanges } from '../../../src/domain/audit/recorded-change';

describe('fieldChanges: what an audit entry says changed', () => {
  it('lists changed fields in the order given, with from and to, and leaves equal ones out', () => {
    const before = { name: 'A', code: 'X', scope: 'openid' };
    const after = { name: 'B', code: 'X', scope: 'email' };
    expect(fieldChanges(before, after, ['scope', 'code', 'name'])).to.deep.equal([
      { field: 'scope', from: 'openid', to: 'email' },
      { field: 'name', from: 'A', to: 'B' },
    ]);
  });

  it('reads a missing field or record as null: creation from null, deletion to null', () => {
    expect(fieldChanges(null, { name: 'A', tags: undefined }, ['name', 'tags'])).to.deep.equal([{ field: 'name', from: null, to: 'A' }]);
    expect(fieldChanges({ name: 'A' }, null, ['name'])).to.deep.equal([{ field: 'name', from: 'A', to: null }]);
    expect(fieldChanges({ name: null }, {}, ['name'])).to.deep.equal([]);
  });

  it('compares values by their JSON (arrays, dates, booleans), not by identity', () => {
    const at = new Date('2026-11-30T00:00:00Z');
    expect(fieldChanges({ ids: [1, 2], at, on: false }, { ids: [1, 2], at: new Date(at), on: false }, ['ids', 'at', 'on'])).to.deep.equal([]);
    expect(fieldChanges({ ids: [1, 2], on: false }, { ids: [2, 1], on: true }, ['ids', 'on'])).to.deep.equal([
      { field: 'ids', from: [1, 2], to: [2, 1] },
      { field: 'on', from: false, to: true },
    ]);
  });

  it('shows a secret only as changed, after the plain fields, and never its values', () => {
    const changes = fieldChanges({ name: 'A', clientSecret: 's1' }, { name: 'B', clientSecret: 's2' }, ['name'], ['clientSecret']);
    expect(changes).to.deep.equal([{ field: 'name', from: 'A', to: 'B' }, { field: 'clientSecret', changed: true }]);
    expect(JSON.stringify(changes)).to.not.match(/s1|s2/);
    expect(fieldChanges({ clientSecret: 's1' }, { clientSecret: 's1' }, [], ['clientSecret'])).to.deep.equal([]);
    expect(fieldChanges(null, { clientSecret: 's1' }, [], ['clientSecret'])).to.deep.equal([{ field: 'clientSecret', changed: true }]);
  });

  it('lists nothing when no fields are named', () => {
    expect(fieldChanges({ a: 1 }, { a: 2 }, [])).to.deep.equal([]);
  });
});
