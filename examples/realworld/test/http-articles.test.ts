import { expect } from 'chai';
import { body, expectProblem, useConduit } from './conduit-client.js';

describe('articles', () => {
  const api = useConduit();

  describe('POST /api/articles', () => {
    it('creates an article with a slug from its title, and answers 201 with it', async () => {
      const jake = await api.register('jake');
      const article = {
        title: 'How to train your dragon',
        description: 'Ever wonder how?',
        body: 'You have to believe',
        tagList: ['reactjs', 'angularjs', 'dragons'],
      };
      const res = await api.post('/api/articles', { article }, jake.token);

      expect(res.status).to.equal(201);
      const created = body(res).article;
      expect(created).to.include({
        slug: 'how-to-train-your-dragon',
        favorited: false,
        favoritesCount: 0,
      });
      expect(created).to.deep.include({ tagList: article.tagList, body: article.body });
      const author = { username: 'jake', bio: '', image: '', following: false };
      expect(created.author).to.deep.equal(author);
      expect(new Date(created.createdAt).toISOString()).to.equal(created.createdAt);
      expect(created.updatedAt).to.equal(created.createdAt);
    });

    it('gives two articles with one title two slugs', async () => {
      const jake = await api.register('jake');
      const first = await api.write(jake, { title: 'Same Title' });
      const second = await api.write(jake, { title: 'Same Title' });
      expect([first, second]).to.deep.equal(['same-title', 'same-title-2']);
    });

    it('never slugs an article "feed", which would hide it behind the feed route', async () => {
      const jake = await api.register('jake');
      const slug = await api.write(jake, { title: 'Feed' });

      expect(slug).to.equal('feed-2');
      expect(body(await api.get(`/api/articles/${slug}`)).article.title).to.equal('Feed');
    });

    it('refuses an article without a title with 422', async () => {
      const jake = await api.register('jake');
      const res = await api.post(
        '/api/articles',
        { article: { description: 'd', body: 'b' } },
        jake.token,
      );
      expectProblem(res, 422);
    });
  });

  describe('GET /api/articles/:slug', () => {
    it('answers the article to anyone', async () => {
      const jake = await api.register('jake');
      const slug = await api.write(jake, { title: 'Readable' });

      const res = await api.get(`/api/articles/${slug}`);
      expect(res.status).to.equal(200);
      expect(body(res).article).to.include({ slug, title: 'Readable', body: 'The text' });
    });

    it('answers 404 for a slug no article has', async () => {
      expectProblem(await api.get('/api/articles/no-such-article'), 404);
    });
  });

  describe('PUT /api/articles/:slug', () => {
    it('lets the author change the body, keeping the slug', async () => {
      const jake = await api.register('jake');
      const slug = await api.write(jake);

      const res = await api.put(
        `/api/articles/${slug}`,
        { article: { body: 'Better text' } },
        jake.token,
      );
      expect(res.status).to.equal(200);
      expect(body(res).article).to.include({ slug, body: 'Better text', title: 'A title' });
      expect(body(await api.get(`/api/articles/${slug}`)).article.body).to.equal('Better text');
    });

    it('moves the article to a new slug when its title changes', async () => {
      const jake = await api.register('jake');
      const slug = await api.write(jake, { title: 'Old name' });

      const res = await api.put(
        `/api/articles/${slug}`,
        { article: { title: 'New name' } },
        jake.token,
      );
      expect(body(res).article.slug).to.equal('new-name');
      expect((await api.get('/api/articles/new-name')).status).to.equal(200);
      expectProblem(await api.get('/api/articles/old-name'), 404);
    });

    it('keeps the slug when the new title slugs the same, numbered slugs included', async () => {
      const jake = await api.register('jake');
      const first = await api.write(jake, { title: 'Hello World' });
      const second = await api.write(jake, { title: 'Hello World' });

      for (const slug of [first, second]) {
        const res = await api.put(
          `/api/articles/${slug}`,
          { article: { title: 'Hello, world!' } },
          jake.token,
        );
        expect(body(res).article.slug, slug).to.equal(slug);
        expect((await api.get(`/api/articles/${slug}`)).status, slug).to.equal(200);
      }
    });

    it('refuses fields the spec does not let an update change, tagList included, with 422', async () => {
      const jake = await api.register('jake');
      const slug = await api.write(jake);

      const res = await api.put(
        `/api/articles/${slug}`,
        { article: { tagList: ['new'] } },
        jake.token,
      );
      expectProblem(res, 422);
      const after = body(await api.get(`/api/articles/${slug}`)).article;
      expect(after.tagList).to.deep.equal([]);
      expect(after.updatedAt, 'unchanged').to.equal(after.createdAt);
    });

    it('answers 403 to anyone but the author, and leaves the article as it was', async () => {
      const jake = await api.register('jake');
      const anne = await api.register('anne');
      const slug = await api.write(jake);

      const res = await api.put(
        `/api/articles/${slug}`,
        { article: { body: 'Mine now' } },
        anne.token,
      );
      expectProblem(res, 403);
      expect(body(await api.get(`/api/articles/${slug}`)).article.body).to.equal('The text');
    });
  });

  describe('DELETE /api/articles/:slug', () => {
    it('lets the author delete the article: 204, then 404', async () => {
      const jake = await api.register('jake');
      const slug = await api.write(jake);

      const res = await api.delete(`/api/articles/${slug}`, jake.token);
      expect(res.status).to.equal(204);
      expect(res.raw).to.have.length(0);
      expectProblem(await api.get(`/api/articles/${slug}`), 404);
    });

    it('answers 403 to anyone but the author, and 404 for an unknown slug', async () => {
      const jake = await api.register('jake');
      const anne = await api.register('anne');
      const slug = await api.write(jake);

      expectProblem(await api.delete(`/api/articles/${slug}`, anne.token), 403);
      expectProblem(await api.delete('/api/articles/nothing', anne.token), 404);
      expect((await api.get(`/api/articles/${slug}`)).status).to.equal(200);
    });
  });
});
