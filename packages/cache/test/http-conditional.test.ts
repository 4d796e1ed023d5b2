import { expect } from 'chai';
import { Body, Cached, Controller, Get, Invalidates, Put } from '@fastjson-api/core';
import { PATHS, useCachedApps } from './support/http.js';

/** A document that a PUT replaces; the GET is cached under the tag `doc`. */
function documentController() {
  const state = { text: 'first', reads: 0 };

  @Controller('/doc')
  class DocumentController {
    @Get()
    @Cached({ ttl: 60, tags: ['doc'] })
    read() {
      state.reads++;
      return { text: state.text };
    }

    @Put()
    @Invalidates(['doc'])
    write(@Body() body: { text: string }) {
      state.text = body.text;
      return { text: state.text };
    }
  }
  return { controller: DocumentController, state };
}

const ifNoneMatch = (etag: string) => ({ path: '/doc', headers: { 'if-none-match': etag } });

describe('@Cached conditional requests (HTTP)', () => {
  for (const { name, frontDoor } of PATHS) {
    describe(name, () => {
      const start = useCachedApps();
      const memory = { frontDoor };

      it('sends a strong ETag, the same on the miss and the hit', async () => {
        const { controller } = documentController();
        const { request } = await start({ controllers: [controller], memory });

        const miss = await request('/doc');
        const hit = await request('/doc');

        expect(miss.headers.etag).to.match(/^"[^"]+"$/);
        expect(hit.headers.etag).to.equal(miss.headers.etag);
      });

      it('answers If-None-Match with the current ETag by 304, no body and the same validators', async () => {
        const { controller, state } = documentController();
        const { request } = await start({ controllers: [controller], memory });

        const full = await request('/doc');
        const notModified = await request(ifNoneMatch(full.headers.etag!));

        expect(notModified.status).to.equal(304);
        expect(notModified.raw.length).to.equal(0);
        expect(notModified.headers.etag).to.equal(full.headers.etag);
        expect(notModified.headers['cache-control']).to.equal(full.headers['cache-control']);
        expect(notModified.headers['x-cache']).to.equal('HIT');
        expect(notModified.headers.age).to.equal('0');
        expect(state.reads).to.equal(1);
      });

      it('gives 304, then 200 with a new ETag after a PUT invalidates, then 304 for the new ETag', async () => {
        const { controller } = documentController();
        const { request } = await start({ controllers: [controller], memory });

        const e1 = (await request('/doc')).headers.etag!;
        const before = await request(ifNoneMatch(e1));
        const put = await request({ method: 'PUT', path: '/doc', json: { text: 'second' } });
        const after = await request(ifNoneMatch(e1));
        const e2 = after.headers.etag!;
        const current = await request(ifNoneMatch(e2));

        expect(before.status).to.equal(304);
        expect(put.status).to.equal(200);
        expect(after.status).to.equal(200);
        expect(after.json).to.deep.equal({ text: 'second' });
        expect(e2).to.not.equal(e1);
        expect(current.status).to.equal(304);
        expect(current.headers.etag).to.equal(e2);
      });

      it('gives 200 with the new body and a new ETag to an old ETag once the entry has expired', async () => {
        const { controller, state } = documentController();
        const { request, clock } = await start({ controllers: [controller], memory });

        const e1 = (await request('/doc')).headers.etag!;
        state.text = 'changed at the source';
        clock.advance(61_000);
        const after = await request(ifNoneMatch(e1));

        expect(after.status).to.equal(200);
        expect(after.headers['x-cache']).to.equal('MISS');
        expect(after.json).to.deep.equal({ text: 'changed at the source' });
        expect(after.headers.etag).to.not.equal(e1);
      });

      it('answers an ETag that does not match with the full body', async () => {
        const { controller } = documentController();
        const { request } = await start({ controllers: [controller], memory });

        const full = await request('/doc');
        const other = await request(ifNoneMatch('"something-else"'));

        expect(other.status).to.equal(200);
        expect(other.raw.equals(full.raw)).to.equal(true);
      });

      it('matches a weak form, a list and * (weak comparison, RFC 9110 §13.1.2)', async () => {
        const { controller } = documentController();
        const { request } = await start({ controllers: [controller], memory });

        const etag = (await request('/doc')).headers.etag!;

        expect((await request(ifNoneMatch(`W/${etag}`))).status, 'weak').to.equal(304);
        expect((await request(ifNoneMatch(`"old", ${etag}`))).status, 'list').to.equal(304);
        expect((await request(ifNoneMatch('*'))).status, '*').to.equal(304);
      });
    });
  }
});
