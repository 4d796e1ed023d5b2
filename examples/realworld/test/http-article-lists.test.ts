import { expect } from 'chai';
import { body, expectProblem, useConduit } from './conduit-client.js';

const slugs = (res: { json: unknown }) =>
  (res.json as { articles: { slug: string }[] }).articles.map((article) => article.slug);

describe('article lists and the feed', () => {
  const api = useConduit();

  describe('GET /api/articles', () => {
    it('lists articles newest first, without their bodies, with the count', async () => {
      const jake = await api.register('jake');
      await api.write(jake, { title: 'First' });
      await api.write(jake, { title: 'Second' });

      const res = await api.get('/api/articles');
      expect(res.status).to.equal(200);
      expect(slugs(res)).to.deep.equal(['second', 'first']);
      expect(body(res).articlesCount).to.equal(2);
      expect(body(res).articles[0]).to.not.have.property('body');
      expect(body(res).articles[0].author.username).to.equal('jake');
    });

    it('filters by tag, by author and by who favorited', async () => {
      const jake = await api.register('jake');
      const anne = await api.register('anne');
      await api.write(jake, { title: 'Dragons', tagList: ['dragons'] });
      await api.write(anne, { title: 'Cats', tagList: ['cats'] });
      await api.post('/api/articles/cats/favorite', undefined, jake.token);

      expect(slugs(await api.get('/api/articles?tag=dragons'))).to.deep.equal(['dragons']);
      expect(slugs(await api.get('/api/articles?author=anne'))).to.deep.equal(['cats']);
      expect(slugs(await api.get('/api/articles?favorited=jake'))).to.deep.equal(['cats']);
      expect(slugs(await api.get('/api/articles?author=jake&tag=cats'))).to.deep.equal([]);
      expect(body(await api.get('/api/articles?author=nobody')).articlesCount).to.equal(0);
    });

    it('pages with limit and offset, counting every match', async () => {
      const jake = await api.register('jake');
      for (const title of ['a1', 'a2', 'a3', 'a4', 'a5']) await api.write(jake, { title });

      const page = await api.get('/api/articles?limit=2&offset=1');
      expect(slugs(page)).to.deep.equal(['a4', 'a3']);
      expect(body(page).articlesCount).to.equal(5);
      expect(slugs(await api.get('/api/articles?limit=2&offset=4'))).to.deep.equal(['a1']);
    });

    it('answers 422 for a limit out of range and for an unknown query field', async () => {
      expectProblem(await api.get('/api/articles?limit=0'), 422);
      expectProblem(await api.get('/api/articles?limit=101'), 422);
      expectProblem(await api.get('/api/articles?sort=title'), 422);
    });

    it('tells a signed-in reader what they favorited and whom they follow', async () => {
      const jake = await api.register('jake');
      const anne = await api.register('anne');
      const slug = await api.write(jake);
      await api.post(`/api/articles/${slug}/favorite`, undefined, anne.token);
      await api.post('/api/profiles/jake/follow', undefined, anne.token);

      const [article] = body(await api.get('/api/articles', anne.token)).articles;
      expect(article).to.include({ favorited: true, favoritesCount: 1 });
      expect(article.author.following).to.equal(true);
    });
  });

  describe('GET /api/articles/feed', () => {
    it('lists the articles of followed users only, newest first', async () => {
      const jake = await api.register('jake');
      const anne = await api.register('anne');
      const fan = await api.register('fan');
      await api.write(jake, { title: 'By jake' });
      await api.write(anne, { title: 'By anne' });
      await api.write(jake, { title: 'Jake again' });
      await api.post('/api/profiles/jake/follow', undefined, fan.token);

      const res = await api.get('/api/articles/feed', fan.token);
      expect(res.status).to.equal(200);
      expect(slugs(res)).to.deep.equal(['jake-again', 'by-jake']);
      expect(body(res).articlesCount).to.equal(2);
      expect(body(res).articles[0].author.following).to.equal(true);
      expect(slugs(await api.get('/api/articles/feed?limit=1&offset=1', fan.token))).to.deep.equal([
        'by-jake',
      ]);
    });

    it('is empty for a user who follows nobody', async () => {
      const jake = await api.register('jake');
      await api.write(jake);
      expect(body(await api.get('/api/articles/feed', jake.token))).to.deep.equal({
        articles: [],
        articlesCount: 0,
      });
    });
  });
});
