import { expect } from 'chai';
import { useConduit } from './conduit-client.js';

describe('GET /api/openapi.json', () => {
  const api = useConduit();

  it('documents every path of the RealWorld spec', async () => {
    const res = await api.get('/api/openapi.json');
    const paths = Object.keys((res.json as { paths: object }).paths);

    expect(res.status).to.equal(200);
    expect(paths).to.include.members([
      '/api/users/login',
      '/api/users',
      '/api/user',
      '/api/profiles/{username}',
      '/api/profiles/{username}/follow',
      '/api/articles/feed',
      '/api/articles',
      '/api/articles/{slug}',
      '/api/articles/{slug}/comments',
      '/api/articles/{slug}/comments/{id}',
      '/api/articles/{slug}/favorite',
      '/api/tags',
    ]);
  });
});
