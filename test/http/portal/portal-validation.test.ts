import { expect } from 'chai';
import request from 'supertest';
import { portalClient } from './portal-http.support';

describe('portal bodies: one 422 names every problem', () => {
  it('lists an unknown field, a bad Visibility and a repeated redirect URL together, and changes nothing', async () => {
    const c = await portalClient();
    const app = await c.anApp();
    const res = await request(c.t.server)
      .put(`/portal-api/apps/${app.ID}`)
      .set(c.auth)
      .send({ Visibility: 'public', RedirectURLs: 'https://a.example.com/cb,https://a.example.com/cb', Name: '  ', Extra: 1 })
      .expect(422);
    const fields = (res.body.errors as string[]).map((e) => e.split(':')[0]);
    expect(fields).to.have.members(['Extra', 'Visibility', 'RedirectURLs', 'Name']);
    const now = await request(c.t.server).get(`/portal-api/apps/${app.ID}`).set(c.auth).expect(200);
    expect(now.body).to.deep.equal(app);
  });

  it('names a bad Role and a bad Email of a new user in one answer', async () => {
    const c = await portalClient();
    const res = await request(c.t.server)
      .post('/portal-api/users')
      .set(c.auth)
      .send({ Email: 'not-an-email', First: 'A', Last: 'B', Role: 'owner' })
      .expect(422);
    expect((res.body.errors as string[]).map((e) => e.split(':')[0])).to.have.members(['Email', 'Role']);
  });
});
