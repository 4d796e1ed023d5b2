import { expect } from 'chai';
import { body, expectProblem, useConduit } from './conduit-client.js';

describe('favorites and tags', () => {
  const api = useConduit();

  describe('POST and DELETE /api/articles/:slug/favorite', () => {
    it('counts each user once, and unfavoriting takes the count back', async () => {
      const jake = await api.register('jake');
      const anne = await api.register('anne');
      const slug = await api.write(jake);

      const favorited = await api.post(`/api/articles/${slug}/favorite`, undefined, anne.token);
      expect(favorited.status).to.equal(200);
      expect(body(favorited).article).to.include({ favorited: true, favoritesCount: 1 });
      const twice = await api.post(`/api/articles/${slug}/favorite`, undefined, anne.token);
      expect(body(twice).article.favoritesCount).to.equal(1);
      const byJake = await api.post(`/api/articles/${slug}/favorite`, undefined, jake.token);
      expect(body(byJake).article.favoritesCount).to.equal(2);

      const unfavorited = await api.delete(`/api/articles/${slug}/favorite`, anne.token);
      expect(body(unfavorited).article).to.include({ favorited: false, favoritesCount: 1 });
    });

    it('answers 404 for an unknown slug', async () => {
      const jake = await api.register('jake');
      expectProblem(await api.post('/api/articles/nothing/favorite', undefined, jake.token), 404);
    });
  });

  describe('GET /api/tags', () => {
    it('lists each tag once, the most used first', async () => {
      const jake = await api.register('jake');
      await api.write(jake, { title: 'One', tagList: ['dragons', 'cats'] });
      await api.write(jake, { title: 'Two', tagList: ['dragons', 'dragons'] });

      const res = await api.get('/api/tags');
      expect(res.status).to.equal(200);
      expect(body(res)).to.deep.equal({ tags: ['dragons', 'cats'] });
    });

    it('drops the tags of a deleted article', async () => {
      const jake = await api.register('jake');
      const slug = await api.write(jake, { tagList: ['gone'] });
      await api.delete(`/api/articles/${slug}`, jake.token);
      expect(body(await api.get('/api/tags'))).to.deep.equal({ tags: [] });
    });
  });
});
