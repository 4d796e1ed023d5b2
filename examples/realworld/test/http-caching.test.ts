import { expect } from 'chai';
import { SignJWT } from 'jose';
import { body, expectProblem, useConduit, type ConduitClient } from './conduit-client.js';

/** Registers jake with one tagged, commented article; returns its slug and jake. */
async function seed(api: ConduitClient) {
  const jake = await api.register('jake');
  const slug = await api.write(jake, { title: 'Cached', tagList: ['cache'] });
  await api.post(`/api/articles/${slug}/comments`, { comment: { body: 'First' } }, jake.token);
  return { jake, slug };
}

describe('response caching', () => {
  const api = useConduit();

  describe('anonymous reads', () => {
    const paths = (slug: string) => [
      '/api/articles',
      '/api/articles?tag=cache&limit=5',
      `/api/articles/${slug}`,
      `/api/articles/${slug}/comments`,
      '/api/profiles/jake',
      '/api/tags',
    ];

    it('answer MISS, then HIT with the same ETag and bytes, publicly cacheable', async () => {
      const { slug } = await seed(api);
      for (const path of paths(slug)) {
        const miss = await api.get(path);
        const hit = await api.get(path);

        expect(miss.status, path).to.equal(200);
        expect(miss.headers['x-cache'], path).to.equal('MISS');
        expect(miss.headers.etag, path).to.match(/^"[\w-]+"$/);
        expect(hit.headers['x-cache'], path).to.equal('HIT');
        expect(hit.headers.etag, path).to.equal(miss.headers.etag);
        expect(hit.raw.equals(miss.raw), path).to.equal(true);
        expect(hit.headers['cache-control'], path).to.match(/^public, max-age=\d+$/);
      }
    });

    it('answer If-None-Match with the current ETag by 304', async () => {
      const { slug } = await seed(api);
      const { headers } = await api.get(`/api/articles/${slug}`);
      const res = await api.get(`/api/articles/${slug}`, undefined, {
        'if-none-match': headers.etag!,
      });
      expect(res.status).to.equal(304);
      expect(res.raw).to.have.length(0);
    });

    it('store no error: a 404 stays a MISS', async () => {
      await api.get('/api/articles/nothing');
      const again = await api.get('/api/articles/nothing');
      expect(again.status).to.equal(404);
      expect(again.headers['x-cache']).to.equal('MISS');
    });
  });

  describe('requests with a token', () => {
    it('never get the cached anonymous article when their view differs', async () => {
      const { slug } = await seed(api);
      const anne = await api.register('anne');
      await api.get(`/api/articles/${slug}`);
      await api.post(`/api/articles/${slug}/favorite`, undefined, anne.token);
      await api.post('/api/profiles/jake/follow', undefined, anne.token);
      const anonymous = await api.get(`/api/articles/${slug}`);

      const res = await api.get(`/api/articles/${slug}`, anne.token);
      expect(res.headers['x-cache']).to.equal('BYPASS');
      expect(res.headers['cache-control']).to.equal('private, no-store');
      expect(body(res).article.favorited).to.equal(true);
      expect(body(res).article.author.following).to.equal(true);
      expect(body(anonymous).article.favorited).to.equal(false);
    });

    it('do not fill the shared entry: the next anonymous read is still its own MISS', async () => {
      const { jake } = await seed(api);
      await api.get('/api/profiles/jake', jake.token);
      expect((await api.get('/api/profiles/jake')).headers['x-cache']).to.equal('MISS');
    });
  });

  describe('the feed (scope: user)', () => {
    it('is cached per caller and privately', async () => {
      await seed(api);
      const fan = await api.register('fan');
      const loner = await api.register('loner');
      await api.post('/api/profiles/jake/follow', undefined, fan.token);

      const miss = await api.get('/api/articles/feed', fan.token);
      const hit = await api.get('/api/articles/feed', fan.token);
      expect(miss.headers['x-cache']).to.equal('MISS');
      expect(hit.headers['x-cache']).to.equal('HIT');
      expect(hit.headers['cache-control']).to.match(/^private, max-age=\d+$/);
      expect(body(hit).articlesCount).to.equal(1);

      const other = await api.get('/api/articles/feed', loner.token);
      expect(other.headers['x-cache']).to.equal('MISS');
      expect(body(other).articlesCount).to.equal(0);
    });

    it('does not serve a cached feed to a forged token that names the same user', async () => {
      const { jake } = await seed(api);
      await api.get('/api/articles/feed', jake.token);
      const forged = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('1')
        .setIssuer('conduit')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('not-the-secret'));

      expectProblem(await api.get('/api/articles/feed', forged), 401);
    });

    it('is refreshed when its reader follows someone, and when they write', async () => {
      const { jake } = await seed(api);
      const fan = await api.register('fan');
      expect(body(await api.get('/api/articles/feed', fan.token)).articlesCount).to.equal(0);

      await api.post('/api/profiles/jake/follow', undefined, fan.token);
      const followed = await api.get('/api/articles/feed', fan.token);
      expect(followed.headers['x-cache']).to.equal('MISS');
      expect(body(followed).articlesCount).to.equal(1);

      await api.write(jake, { title: 'Fresh' });
      const written = await api.get('/api/articles/feed', fan.token);
      expect(body(written).articles[0].slug).to.equal('fresh');
    });
  });

  describe('invalidation', () => {
    it('an article update refreshes the article and the lists that show it', async () => {
      const { jake, slug } = await seed(api);
      await api.get(`/api/articles/${slug}`);
      await api.get('/api/articles');

      await api.put(`/api/articles/${slug}`, { article: { description: 'Changed' } }, jake.token);
      const article = await api.get(`/api/articles/${slug}`);
      const list = await api.get('/api/articles');
      expect(article.headers['x-cache']).to.equal('MISS');
      expect(body(article).article.description).to.equal('Changed');
      expect(body(list).articles[0].description).to.equal('Changed');
    });

    it('a favorite refreshes favoritesCount everywhere, and ?favorited= pages', async () => {
      const { slug } = await seed(api);
      const anne = await api.register('anne');
      await api.get(`/api/articles/${slug}`);
      await api.get('/api/articles?tag=cache');
      await api.get('/api/articles?favorited=anne');

      await api.post(`/api/articles/${slug}/favorite`, undefined, anne.token);
      expect(body(await api.get(`/api/articles/${slug}`)).article.favoritesCount).to.equal(1);
      expect(body(await api.get('/api/articles?tag=cache')).articles[0].favoritesCount).to.equal(1);
      expect(body(await api.get('/api/articles?favorited=anne')).articlesCount).to.equal(1);

      await api.delete(`/api/articles/${slug}/favorite`, anne.token);
      expect(body(await api.get('/api/articles?favorited=anne')).articlesCount).to.equal(0);
    });

    it('a comment refreshes the comments and leaves the article itself cached', async () => {
      const { jake, slug } = await seed(api);
      await api.get(`/api/articles/${slug}/comments`);
      await api.get(`/api/articles/${slug}`);

      const added = await api.post(
        `/api/articles/${slug}/comments`,
        { comment: { body: 'Second' } },
        jake.token,
      );
      const comments = await api.get(`/api/articles/${slug}/comments`);
      expect(body(comments).comments).to.have.length(2);
      expect((await api.get(`/api/articles/${slug}`)).headers['x-cache']).to.equal('HIT');

      await api.delete(`/api/articles/${slug}/comments/${body(added).comment.id}`, jake.token);
      expect(body(await api.get(`/api/articles/${slug}/comments`)).comments).to.have.length(1);
    });

    it('a profile change refreshes the profile and what the user wrote', async () => {
      const { jake, slug } = await seed(api);
      const paths = [
        '/api/profiles/jake',
        `/api/articles/${slug}`,
        `/api/articles/${slug}/comments`,
      ];
      for (const path of paths) await api.get(path);

      await api.put('/api/user', { user: { bio: 'New bio' } }, jake.token);
      expect(body(await api.get(paths[0]!)).profile.bio).to.equal('New bio');
      expect(body(await api.get(paths[1]!)).article.author.bio).to.equal('New bio');
      expect(body(await api.get(paths[2]!)).comments[0].author.bio).to.equal('New bio');
    });

    it('a new name refreshes the ?author= pages of the old and the new name', async () => {
      const { jake } = await seed(api);
      await api.get('/api/articles?author=jake');
      await api.get('/api/articles?author=jacob');

      await api.put('/api/user', { user: { username: 'jacob' } }, jake.token);
      expect(body(await api.get('/api/articles?author=jake')).articlesCount).to.equal(0);
      expect(body(await api.get('/api/articles?author=jacob')).articlesCount).to.equal(1);
      expectProblem(await api.get('/api/profiles/jake'), 404);
    });

    it('a new article refreshes the list and the tags', async () => {
      const { jake } = await seed(api);
      await api.get('/api/articles');
      await api.get('/api/tags');

      await api.write(jake, { title: 'Another', tagList: ['new-tag'] });
      expect(body(await api.get('/api/articles')).articlesCount).to.equal(2);
      expect(body(await api.get('/api/tags')).tags).to.include('new-tag');
    });

    it('a deletion removes the article, its comments and its place in lists', async () => {
      const { jake, slug } = await seed(api);
      const paths = [`/api/articles/${slug}`, `/api/articles/${slug}/comments`, '/api/articles'];
      for (const path of paths) await api.get(path);

      await api.delete(`/api/articles/${slug}`, jake.token);
      expectProblem(await api.get(`/api/articles/${slug}`), 404);
      expectProblem(await api.get(`/api/articles/${slug}/comments`), 404);
      expect(body(await api.get('/api/articles')).articlesCount).to.equal(0);
    });

    it('a write to one article leaves the other articles cached', async () => {
      const { jake, slug } = await seed(api);
      const other = await api.write(jake, { title: 'Other' });
      await api.get(`/api/articles/${other}`);

      await api.post(`/api/articles/${slug}/favorite`, undefined, jake.token);
      await api.put(`/api/articles/${slug}`, { article: { body: 'Changed' } }, jake.token);
      expect((await api.get(`/api/articles/${other}`)).headers['x-cache']).to.equal('HIT');
    });
  });
});
