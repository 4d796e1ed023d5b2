import { expect } from 'chai';
import { body, expectProblem, useConduit } from './conduit-client.js';

describe('comments', () => {
  const api = useConduit();

  it('adds comments (200, as the spec says) and lists them oldest first', async () => {
    const jake = await api.register('jake');
    const anne = await api.register('anne');
    const slug = await api.write(jake);

    const first = await api.post(
      `/api/articles/${slug}/comments`,
      { comment: { body: 'Nice' } },
      anne.token,
    );
    await api.post(`/api/articles/${slug}/comments`, { comment: { body: 'Thanks' } }, jake.token);

    expect(first.status).to.equal(200);
    expect(body(first).comment).to.include({ body: 'Nice' });
    expect(body(first).comment.id).to.be.a('number');
    expect(body(first).comment.author.username).to.equal('anne');

    const list = await api.get(`/api/articles/${slug}/comments`);
    expect(list.status).to.equal(200);
    const texts = body(list).comments.map((comment: { body: string }) => comment.body);
    expect(texts).to.deep.equal(['Nice', 'Thanks']);
  });

  it('lets the author of a comment delete it, and nobody else', async () => {
    const jake = await api.register('jake');
    const anne = await api.register('anne');
    const slug = await api.write(jake);
    const added = await api.post(
      `/api/articles/${slug}/comments`,
      { comment: { body: 'Hi' } },
      anne.token,
    );
    const id = body(added).comment.id as number;

    expectProblem(await api.delete(`/api/articles/${slug}/comments/${id}`, jake.token), 403);
    const res = await api.delete(`/api/articles/${slug}/comments/${id}`, anne.token);
    expect(res.status).to.equal(204);
    expect(body(await api.get(`/api/articles/${slug}/comments`)).comments).to.deep.equal([]);
  });

  it('answers 404 for the comments of an unknown article and for an unknown comment', async () => {
    const jake = await api.register('jake');
    const slug = await api.write(jake);
    const other = await api.write(jake, { title: 'Other' });
    const added = await api.post(
      `/api/articles/${slug}/comments`,
      { comment: { body: 'Hi' } },
      jake.token,
    );
    const id = body(added).comment.id as number;

    expectProblem(await api.get('/api/articles/nothing/comments'), 404);
    expectProblem(await api.delete(`/api/articles/${slug}/comments/999`, jake.token), 404);
    // A comment is found only under its own article.
    expectProblem(await api.delete(`/api/articles/${other}/comments/${id}`, jake.token), 404);
  });

  it('refuses an empty comment with 422', async () => {
    const jake = await api.register('jake');
    const slug = await api.write(jake);
    const res = await api.post(
      `/api/articles/${slug}/comments`,
      { comment: { body: '' } },
      jake.token,
    );
    expectProblem(res, 422);
  });
});
