import { expect } from 'chai';
import { RouteEntry, routeIndex } from '../../../src/adapters/http/shared/route-table';

const entry = (method: RouteEntry<string>['method'], path: string, doc: string): RouteEntry<string> =>
  ({ method, path, doc, useCase: class {}, handler: () => async () => undefined }) as RouteEntry<string>;

describe('routeIndex (the table entry of a matched layer)', () => {
  const routes = [entry('get', '/apps/:id', 'get app'), entry('put', '/apps/:id', 'put app'), entry('put', '/apps/:id', 'shadowed'), entry('get', '/users', 'users')];
  const find = routeIndex(routes, '/portal-api');

  it('finds the entry by method and full path; HEAD is GET; the first of two alike wins', () => {
    expect(find('PUT', '/portal-api/apps/:id')?.doc).to.equal('put app');
    expect(find('GET', '/portal-api/apps/:id')?.doc).to.equal('get app');
    expect(find('HEAD', '/portal-api/users')?.doc).to.equal('users');
  });

  it('finds nothing for another method, another path or the path without its prefix', () => {
    expect(find('DELETE', '/portal-api/apps/:id')).to.equal(undefined);
    expect(find('GET', '/portal-api/apps')).to.equal(undefined);
    expect(find('GET', '/apps/:id')).to.equal(undefined);
  });
});
