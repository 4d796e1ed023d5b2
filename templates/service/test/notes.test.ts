import { expect } from 'chai';
import { useService } from './support/service.js';

describe('/notes', () => {
  const start = useService();

  describe('GET /notes/:id', () => {
    it('is a MISS the first time and a HIT with the same body after', async () => {
      const { request } = await start();

      const first = await request('/notes/1');
      const second = await request('/notes/1');

      expect(first.status).to.equal(200);
      expect(first.headers['x-cache']).to.equal('MISS');
      expect(second.headers['x-cache']).to.equal('HIT');
      expect(second.text).to.equal(first.text);
      expect(first.json).to.include({ id: 1, title: 'Welcome' });
    });

    it('answers 304 to a request that already holds the current ETag', async () => {
      const { request } = await start();

      const first = await request('/notes/1');
      const again = await request({ path: '/notes/1', headers: { 'if-none-match': String(first.headers.etag) } });

      expect(again.status).to.equal(304);
      expect(again.raw.length).to.equal(0);
    });

    it('answers 404 with a problem document for a missing note', async () => {
      const { request } = await start();

      const res = await request('/notes/999');

      expect(res.status).to.equal(404);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(res.json).to.include({ status: 404, detail: 'No note with id 999.' });
    });

    it('answers 400 for an id that is not a positive integer', async () => {
      const { request } = await start();

      const res = await request('/notes/abc');

      expect(res.status).to.equal(400);
    });
  });

  describe('GET /notes', () => {
    it('pages with limit and offset, and caches each page', async () => {
      const { request } = await start();

      const page = await request('/notes?limit=1&offset=1');
      const again = await request('/notes?limit=1&offset=1');

      expect(page.json).to.deep.include({ total: 2 });
      expect(page.json.items.map((note: { id: number }) => note.id)).to.deep.equal([2]);
      expect(again.headers['x-cache']).to.equal('HIT');
    });
  });

  describe('writes', () => {
    it('PATCH invalidates the note: the next read is a MISS with the new title', async () => {
      const { request } = await start();
      await request('/notes/1');
      expect((await request('/notes/1')).headers['x-cache']).to.equal('HIT');

      const patched = await request({ method: 'PATCH', path: '/notes/1', json: { title: 'Renamed' } });
      const after = await request('/notes/1');

      expect(patched.status).to.equal(200);
      expect(after.headers['x-cache']).to.equal('MISS');
      expect(after.json.title).to.equal('Renamed');
    });

    it('POST creates a note (201) and invalidates the list', async () => {
      const { request } = await start();
      const before = await request('/notes');

      const created = await request({ method: 'POST', path: '/notes', json: { title: 'Third' } });
      const after = await request('/notes');

      expect(created.status).to.equal(201);
      expect(created.headers.location).to.equal('/notes/3');
      expect(created.json).to.include({ id: 3, title: 'Third', body: '' });
      expect(before.json.total).to.equal(2);
      expect(after.headers['x-cache']).to.equal('MISS');
      expect(after.json.total).to.equal(3);
    });

    it('POST rejects a body without a title with 400 and the failing field', async () => {
      const { request } = await start();

      const res = await request({ method: 'POST', path: '/notes', json: { body: 'no title' } });

      expect(res.status).to.equal(400);
      expect(JSON.stringify(res.json)).to.contain('/body');
    });

    it('DELETE answers 204, then the note is gone from the cache too', async () => {
      const { request } = await start();
      await request('/notes/2');

      const deleted = await request({ method: 'DELETE', path: '/notes/2' });
      const after = await request('/notes/2');

      expect(deleted.status).to.equal(204);
      expect(after.status).to.equal(404);
    });
  });
});
