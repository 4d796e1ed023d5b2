import { expect } from 'chai';
import { Cached, Controller, Ctx, Get, Param, RequestContext } from '@fastjson-api/core';
import { PATHS, signal, until, useCachedApps } from './support/http.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('@Cached single flight (HTTP)', () => {
  for (const { name, frontDoor } of PATHS) {
    describe(name, () => {
      const start = useCachedApps();
      const memory = { frontDoor };

      it('runs a 200 ms handler once for 1,000 concurrent GETs on a cold key, and all get its body', async () => {
        let calls = 0;
        @Controller('/slow')
        class SlowController {
          @Get()
          @Cached({ ttl: 60 })
          async read() {
            calls++;
            await sleep(200);
            return { run: calls, payload: 'x'.repeat(100) };
          }
        }
        const { request, cache } = await start({ controllers: [SlowController], memory });

        const responses = await Promise.all(Array.from({ length: 1000 }, () => request('/slow')));

        expect(calls, 'handler runs').to.equal(1);
        const statuses = new Set(responses.map((res) => res.status));
        const bodies = new Set(responses.map((res) => res.text));
        expect([...statuses]).to.deep.equal([200]);
        expect([...bodies]).to.deep.equal([JSON.stringify({ run: 1, payload: 'x'.repeat(100) })]);
        const { misses, coalesced, hits } = cache.stats().total;
        expect(misses, 'misses').to.equal(1);
        expect(coalesced + hits, 'coalesced + hits').to.equal(999);
      });

      it('makes 1,000 concurrent GETs on a cold key all wait on one handler call', async () => {
        const gate = signal();
        let calls = 0;
        @Controller('/held')
        class HeldController {
          @Get()
          @Cached({ ttl: 60 })
          async read() {
            calls++;
            await gate.promise;
            return { run: calls };
          }
        }
        const { request, cache } = await start({ controllers: [HeldController], memory });

        const pending = Array.from({ length: 1000 }, () => request('/held'));
        await until(() => cache.stats().total.coalesced === 999);
        gate.resolve();
        const responses = await Promise.all(pending);

        expect(calls).to.equal(1);
        for (const res of responses) expect(res.json).to.deep.equal({ run: 1 });
        expect(cache.stats().total).to.include({ misses: 1, coalesced: 999, hits: 0 });
      });

      it('runs the handler once per key for 5 + 5 concurrent GETs on two keys', async () => {
        const runs: string[] = [];
        @Controller('/slow')
        class SlowController {
          @Get('/:id')
          @Cached({ ttl: 60 })
          async read(@Param('id') id: string) {
            runs.push(id);
            await sleep(200);
            return { id };
          }
        }
        const { request } = await start({ controllers: [SlowController], memory });

        const a = Array.from({ length: 5 }, () => request('/slow/a'));
        const b = Array.from({ length: 5 }, () => request('/slow/b'));
        const [forA, forB] = await Promise.all([Promise.all(a), Promise.all(b)]);

        expect(runs.sort()).to.deep.equal(['a', 'b']);
        for (const res of forA) expect(res.json).to.deep.equal({ id: 'a' });
        for (const res of forB) expect(res.json).to.deep.equal({ id: 'b' });
      });

      it('gives every waiter the same problem document when the handler throws, stores nothing, and runs again next time', async () => {
        const gate = signal();
        let calls = 0;
        @Controller('/flaky')
        class FlakyController {
          @Get()
          @Cached({ ttl: 60 })
          async read() {
            calls++;
            if (calls === 1) {
              await gate.promise;
              throw new Error('database went away');
            }
            return { ok: true };
          }
        }
        const { request, cache } = await start({ controllers: [FlakyController], memory });

        const pending = Array.from({ length: 5 }, () => request('/flaky'));
        await until(() => cache.stats().total.coalesced === 4);
        gate.resolve();
        const failures = await Promise.all(pending);
        const entriesAfterFailure = cache.stats().store.entries;
        const next = await request('/flaky');

        expect(calls).to.equal(2);
        for (const res of failures) {
          expect(res.status).to.equal(500);
          expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
          expect(res.text).to.equal(failures[0]!.text);
        }
        expect(failures[0]!.json).to.include({ status: 500, title: 'Internal Server Error' });
        expect(entriesAfterFailure, 'entries after the failure').to.equal(0);
        expect(next.status).to.equal(200);
        expect(next.headers['x-cache']).to.equal('MISS');
      });

      it('gives each waiter its own answer when the reply sets a cookie', async () => {
        const gate = signal();
        let calls = 0;
        @Controller('/session')
        class SessionController {
          @Get()
          @Cached({ ttl: 60 })
          async start(@Ctx() ctx: RequestContext) {
            const session = ++calls;
            ctx.setHeader('Set-Cookie', `sid=${session}`);
            await gate.promise;
            return { session };
          }
        }
        const { request, cache } = await start({ controllers: [SessionController], memory });

        const pending = Array.from({ length: 4 }, () => request('/session'));
        await until(() => cache.stats().total.coalesced === 3);
        gate.resolve();
        const responses = await Promise.all(pending);

        const cookies = responses.map((res) => String(res.headers['set-cookie']));
        const sessions = responses.map((res) => res.json.session);
        expect(new Set(cookies).size, `cookies ${cookies.join(' ')}`).to.equal(4);
        expect(new Set(sessions).size, `sessions ${sessions.join(' ')}`).to.equal(4);
        for (const res of responses)
          expect(res.headers['set-cookie']).to.deep.equal([`sid=${res.json.session}`]);
      });

      it('does not make a request for one key wait on a running miss for another', async () => {
        const gate = signal();
        const started = signal();
        @Controller('/keys')
        class KeyController {
          @Get('/:id')
          @Cached({ ttl: 60 })
          async read(@Param('id') id: string) {
            if (id === 'held') {
              started.resolve();
              await gate.promise;
            }
            return { id };
          }
        }
        const { request } = await start({ controllers: [KeyController], memory });

        let heldDone = false;
        const held = request('/keys/held').then((res) => {
          heldDone = true;
          return res;
        });
        await started.promise;
        const free = await request('/keys/free');

        expect(free.json).to.deep.equal({ id: 'free' });
        expect(heldDone, 'the held request finished first').to.equal(false);
        gate.resolve();
        expect((await held).json).to.deep.equal({ id: 'held' });
      });

      it('serves each waiter by its own request: a waiter with If-None-Match gets 304, a HEAD gets no body', async () => {
        let hold: Promise<void> = Promise.resolve();
        @Controller('/doc')
        class DocController {
          @Get()
          @Cached({ ttl: 60 })
          async read() {
            await hold;
            return { text: 'same' };
          }
        }
        const { request, cache, clock } = await start({ controllers: [DocController], memory });

        // Learn the ETag the body will have, then let the entry expire.
        const etag = (await request('/doc')).headers.etag!;
        clock.advance(61_000);
        const gate = signal();
        hold = gate.promise;

        const pending = [
          request('/doc'),
          request({ path: '/doc', headers: { 'if-none-match': etag } }),
          request({ method: 'HEAD', path: '/doc' }),
        ];
        await until(() => cache.stats().total.coalesced === 2);
        gate.resolve();
        const [full, conditional, head] = await Promise.all(pending);

        expect(full!.status).to.equal(200);
        expect(full!.json).to.deep.equal({ text: 'same' });
        expect(conditional!.status).to.equal(304);
        expect(conditional!.raw.length).to.equal(0);
        expect(head!.status).to.equal(200);
        expect(head!.raw.length).to.equal(0);
        expect(head!.headers['content-length']).to.equal(String(full!.raw.length));
      });
    });
  }
});
