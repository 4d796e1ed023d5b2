import { expect } from 'chai';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Cached, Controller, Ctx, Get, RequestContext, type Clock } from '@fastjson-api/core';
import { MemoryStore, responseCache, type ContentCoding } from '../src/index.js';
import { PATHS, signal, until, useCachedApps } from './support/http.js';

/** About 3 KB of JSON: over the default threshold of 1024 bytes. */
const rows = Array.from({ length: 40 }, (_, i) => ({
  id: i,
  name: `row number ${i}`,
  note: 'lorem ipsum dolor sit amet',
}));

/** A MemoryStore that counts the compressed forms it is given, per coding. */
class CountingStore extends MemoryStore {
  readonly added: Record<ContentCoding, number> = { gzip: 0, br: 0 };

  constructor(clock: Clock) {
    super({ clock });
  }

  override addEncoding(key: string, etag: string, coding: ContentCoding, bytes: Buffer): boolean {
    this.added[coding]++;
    return super.addEncoding(key, etag, coding, bytes);
  }
}

function rowsController(gate?: Promise<void>) {
  const calls = { handler: 0 };
  @Controller('/rows')
  class RowController {
    @Get()
    @Cached({ ttl: 60 })
    async list(@Ctx() ctx: RequestContext) {
      calls.handler++;
      await gate;
      ctx.setHeader('Content-Type', 'application/vnd.api+json');
      ctx.setHeader('X-Total-Count', 42);
      return { data: rows };
    }

    @Get('/small')
    @Cached({ ttl: 60 })
    small() {
      calls.handler++;
      return { data: rows.slice(0, 2) };
    }
  }
  return { controller: RowController, calls };
}

const accepting = (value: string, path = '/rows') => ({
  path,
  headers: { 'accept-encoding': value },
});

describe('@Cached compression (HTTP)', () => {
  for (const { name, frontDoor } of PATHS) {
    describe(name, () => {
      const start = useCachedApps();
      const memory = { frontDoor };

      it('replays Content-Type and X-Total-Count on the hit, gzipped only when the client accepts gzip', async () => {
        const { controller, calls } = rowsController();
        const { request } = await start({ controllers: [controller], memory });

        const identity = await request('/rows');
        const gzip = await request(accepting('gzip'));
        const plain = await request('/rows');

        expect(identity.headers).not.to.have.property('content-encoding');
        expect(identity.raw.length).to.be.greaterThan(1024);
        for (const [label, res] of [
          ['gzip', gzip],
          ['plain', plain],
        ] as const) {
          expect(res.headers['x-cache'], label).to.equal('HIT');
          expect(res.headers['content-type'], label).to.equal('application/vnd.api+json');
          expect(res.headers['x-total-count'], label).to.equal('42');
        }
        expect(gzip.headers['content-encoding']).to.equal('gzip');
        expect(gunzipSync(gzip.raw).equals(identity.raw), 'gunzipped bytes').to.equal(true);
        expect(gzip.headers['content-length']).to.equal(String(gzip.raw.length));
        expect(plain.headers).not.to.have.property('content-encoding');
        expect(plain.raw.equals(identity.raw)).to.equal(true);
        expect(calls.handler).to.equal(1);
      });

      it('never sends compressed bytes to a client that refuses them, even after a gzip client', async () => {
        const { controller } = rowsController();
        const { request } = await start({ controllers: [controller], memory });

        const gzip = await request(accepting('gzip, br'));
        const refusals = ['identity', 'gzip;q=0', 'br;q=0, gzip;q=0', 'compress', '*;q=0', ''];

        expect(gzip.headers['content-encoding']).to.equal('br');
        for (const refusal of refusals) {
          const res = await request(accepting(refusal));
          expect(res.headers, JSON.stringify(refusal)).not.to.have.property('content-encoding');
          expect(res.json, JSON.stringify(refusal)).to.deep.equal({ data: rows });
        }
      });

      it('prefers br when both are accepted, and the br bytes decode to the identity bytes', async () => {
        const { controller } = rowsController();
        const { request } = await start({ controllers: [controller], memory });

        const identity = await request('/rows');
        const br = await request(accepting('gzip, deflate, br'));
        const any = await request(accepting('*'));

        expect(br.headers['content-encoding']).to.equal('br');
        expect(brotliDecompressSync(br.raw).equals(identity.raw)).to.equal(true);
        expect(any.headers['content-encoding']).to.equal('br');
      });

      it('sends gzip to a client that accepts gzip and refuses br', async () => {
        const { controller } = rowsController();
        const { request } = await start({ controllers: [controller], memory });

        const res = await request(accepting('br;q=0, gzip'));

        expect(res.headers['content-encoding']).to.equal('gzip');
        expect(gunzipSync(res.raw).toString()).to.equal(JSON.stringify({ data: rows }));
      });

      it('sends Vary: accept-encoding with a compressible body, compressed or not', async () => {
        const { controller } = rowsController();
        const { request } = await start({ controllers: [controller], memory });
        const vary = 'authorization, cookie, accept-encoding';

        expect((await request('/rows')).headers.vary, 'miss').to.equal(vary);
        expect((await request(accepting('gzip'))).headers.vary, 'gzip hit').to.equal(vary);
        expect((await request('/rows')).headers.vary, 'identity hit').to.equal(vary);
      });

      it('leaves a body under the threshold uncompressed, with no Vary on Accept-Encoding', async () => {
        const { controller } = rowsController();
        const { request } = await start({ controllers: [controller], memory });

        await request('/rows/small');
        const hit = await request(accepting('gzip, br', '/rows/small'));

        expect(hit.headers['x-cache']).to.equal('HIT');
        expect(hit.headers).not.to.have.property('content-encoding');
        expect(hit.headers.vary, 'only the credentials every cached route varies on').to.equal(
          'authorization, cookie',
        );
      });

      it('takes its threshold from compression.threshold', async () => {
        const { controller } = rowsController();
        const { request } = await start({
          controllers: [controller],
          memory: { frontDoor, compression: { threshold: 64 } },
        });

        const small = await request(accepting('gzip', '/rows/small'));

        expect(small.headers['content-encoding']).to.equal('gzip');
        expect(JSON.parse(gunzipSync(small.raw).toString())).to.deep.equal({
          data: rows.slice(0, 2),
        });
      });

      it('compresses each entry once per coding, on first need', async () => {
        const { controller } = rowsController();
        let store!: CountingStore;
        const cache = responseCache((clock) => (store = new CountingStore(clock)), { frontDoor });
        const { request } = await start({ controllers: [controller], cache });

        await request('/rows');
        expect(store.added, 'before any client accepts a coding').to.deep.equal({ gzip: 0, br: 0 });
        for (let i = 0; i < 3; i++) await request(accepting('gzip'));
        for (let i = 0; i < 3; i++) await request(accepting('br'));

        expect(store.added).to.deep.equal({ gzip: 1, br: 1 });
      });

      it('compresses once for concurrent misses that all accept gzip', async () => {
        const gate = signal();
        const { controller, calls } = rowsController(gate.promise);
        let store!: CountingStore;
        const cache = responseCache((clock) => (store = new CountingStore(clock)), { frontDoor });
        const { request, cache: service } = await start({ controllers: [controller], cache });

        const pending = Array.from({ length: 10 }, () => request(accepting('gzip')));
        await until(() => service.stats().total.coalesced === 9);
        gate.resolve();
        const responses = await Promise.all(pending);

        expect(calls.handler).to.equal(1);

        for (const res of responses) expect(res.headers['content-encoding']).to.equal('gzip');
        expect(store.added.gzip).to.equal(1);
      });

      it('answers a HEAD that accepts gzip with the gzip headers and no body', async () => {
        const { controller } = rowsController();
        const { request } = await start({ controllers: [controller], memory });

        const gzip = await request(accepting('gzip'));
        const head = await request({ method: 'HEAD', ...accepting('gzip') });

        expect(head.headers['content-encoding']).to.equal('gzip');
        expect(head.headers['content-length']).to.equal(String(gzip.raw.length));
        expect(head.raw.length).to.equal(0);
      });
    });
  }
});
