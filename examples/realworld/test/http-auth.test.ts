import { expect } from 'chai';
import { SignJWT } from 'jose';
import { errorMessages, expectProblem, TEST_SECRET, useConduit } from './conduit-client.js';

const sign = (secret: string, claims: { sub: string; exp?: number }) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer('conduit')
    .setExpirationTime(claims.exp ?? '1h')
    .sign(new TextEncoder().encode(secret));

describe('authentication failures', () => {
  const api = useConduit();

  it('answers 401 with a Token challenge when a route needs a token and gets none', async () => {
    const res = await api.get('/api/user');

    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).to.match(/^Token /);
    expect(errorMessages(res)[0]).to.match(/token/i);
  });

  it('accepts "Bearer <jwt>" as well as "Token <jwt>"', async () => {
    const jake = await api.register('jake');
    const bearer = await api.get('/api/user', undefined, { authorization: `Bearer ${jake.token}` });
    expect(bearer.status).to.equal(200);
  });

  it('answers 401 for a header in another scheme, a forged token and an expired one', async () => {
    const jake = await api.register('jake');
    const forged = await sign('another-secret', { sub: '1' });
    const expired = await sign(TEST_SECRET, { sub: '1', exp: Math.floor(Date.now() / 1000) - 60 });

    const basic = await api.get('/api/user', undefined, { authorization: 'Basic amFrZTpqYWtl' });
    expectProblem(basic, 401);
    expectProblem(await api.get('/api/user', forged), 401);
    expectProblem(await api.get('/api/user', expired), 401);
    expectProblem(await api.get('/api/user', `${jake.token}x`), 401);
  });

  it('answers 401 for a valid signature over a user that does not exist', async () => {
    const ghost = await sign(TEST_SECRET, { sub: '999' });
    expectProblem(await api.get('/api/user', ghost), 401);
  });

  it('answers 401 on a route where a token is optional, when the token is bad', async () => {
    expectProblem(await api.get('/api/articles', 'bad.to.ken'), 401);
  });

  it('answers 401 on every write without a token', async () => {
    const jake = await api.register('jake');
    const slug = await api.write(jake);
    const writes = [
      api.put('/api/user', { user: { bio: 'x' } }),
      api.post('/api/profiles/jake/follow'),
      api.delete('/api/profiles/jake/follow'),
      api.post('/api/articles', { article: { title: 't', description: 'd', body: 'b' } }),
      api.put(`/api/articles/${slug}`, { article: { body: 'b' } }),
      api.delete(`/api/articles/${slug}`),
      api.post(`/api/articles/${slug}/comments`, { comment: { body: 'hi' } }),
      api.delete(`/api/articles/${slug}/comments/1`),
      api.post(`/api/articles/${slug}/favorite`),
      api.delete(`/api/articles/${slug}/favorite`),
      api.get('/api/articles/feed'),
    ];
    for (const res of await Promise.all(writes)) expectProblem(res, 401);
  });

  it('answers 404 as a problem document for a path the API does not have', async () => {
    const res = await api.get('/api/nothing-here');
    expectProblem(res, 404);
  });
});
