import { expect } from 'chai';
import { Cached, Controller, Get } from '@fastjson-api/core';
import { PATHS, settle, signal, useCachedApps } from './support/http.js';

/** A source the test changes; its handler can be held, and made to fail. */
function sourceController() {
  const source = { value: 'v1', calls: 0, hold: Promise.resolve(), fail: false };

  @Controller('/value')
  class ValueController {
    @Get()
    @Cached({ ttl: 60 })
    plain() {
      source.calls++;
      return { value: source.value };
    }

    @Get('/swr')
    @Cached({ ttl: 60, swr: '30s' })
    async revalidated() {
      source.calls++;
      await source.hold;
      if (source.fail) throw new Error('refresh failed');
      return { value: source.value };
    }

    @Get('/minutes')
    @Cached({ ttl: '2m' })
    minutes() {
      return { value: source.value };
    }
  }
  return { controller: ValueController, source };
}

describe('@Cached TTL and stale-while-revalidate (HTTP)', () => {
  for (const { name, frontDoor } of PATHS) {
    describe(name, () => {
      const start = useCachedApps();
      const memory = { frontDoor };

      describe('ttl', () => {
        it('sends Age 0 and max-age=<ttl> on the miss', async () => {
          const { controller } = sourceController();
          const { request } = await start({ controllers: [controller], memory });

          const miss = await request('/value');

          expect(miss.headers.age).to.equal('0');
          expect(miss.headers['cache-control']).to.equal('public, max-age=60');
          expect(miss.headers['x-cache']).to.equal('MISS');
        });

        it('moves Age with the clock and keeps max-age at the ttl: 10 s later, Age 10 and max-age=60', async () => {
          const { controller } = sourceController();
          const { request, clock } = await start({ controllers: [controller], memory });

          await request('/value');
          clock.advance(10_000);
          const later = await request('/value');
          clock.advance(35_000);
          const muchLater = await request('/value');

          expect(later.headers['x-cache']).to.equal('HIT');
          expect(later.headers.age).to.equal('10');
          expect(later.headers['cache-control']).to.equal('public, max-age=60');
          expect(muchLater.headers.age).to.equal('45');
          expect(muchLater.headers['cache-control']).to.equal('public, max-age=60');
        });

        it('tells a downstream cache (RFC 9111: max-age minus Age) exactly the seconds the entry has left', async () => {
          const { controller } = sourceController();
          const { request, clock } = await start({ controllers: [controller], memory });
          const freshnessLeft = (res: { headers: Record<string, unknown> }) =>
            Number(/max-age=(\d+)/.exec(String(res.headers['cache-control']))![1]) -
            Number(res.headers.age);

          const miss = await request('/value');
          clock.advance(30_000);
          const half = await request('/value');
          clock.advance(29_000);
          const last = await request('/value');

          expect([freshnessLeft(miss), freshnessLeft(half), freshnessLeft(last)]).to.deep.equal([
            60, 30, 1,
          ]);
        });

        it('takes a duration string: ttl 2m gives max-age=120', async () => {
          const { controller } = sourceController();
          const { request } = await start({ controllers: [controller], memory });

          expect((await request('/value/minutes')).headers['cache-control']).to.equal(
            'public, max-age=120',
          );
        });

        it('serves the entry until the ttl ends, then runs the handler again', async () => {
          const { controller, source } = sourceController();
          const { request, clock } = await start({ controllers: [controller], memory });

          await request('/value');
          source.value = 'v2';
          clock.advance(59_999);
          const lastHit = await request('/value');
          clock.advance(1);
          const expired = await request('/value');

          expect(lastHit.headers['x-cache']).to.equal('HIT');
          expect(lastHit.json).to.deep.equal({ value: 'v1' });
          expect(expired.headers['x-cache']).to.equal('MISS');
          expect(expired.json).to.deep.equal({ value: 'v2' });
          expect(expired.headers.age).to.equal('0');
          expect(source.calls).to.equal(2);
        });
      });

      describe('swr', () => {
        it('adds stale-while-revalidate to Cache-Control', async () => {
          const { controller } = sourceController();
          const { request } = await start({ controllers: [controller], memory });

          const miss = await request('/value/swr');
          const hit = await request('/value/swr');

          expect(miss.headers['cache-control']).to.equal(
            'public, max-age=60, stale-while-revalidate=30',
          );
          expect(hit.headers['cache-control']).to.equal(
            'public, max-age=60, stale-while-revalidate=30',
          );
        });

        it('serves STALE after expiry within the window, with one background refresh, then a HIT with the new body', async () => {
          const { controller, source } = sourceController();
          const { request, clock } = await start({ controllers: [controller], memory });

          await request('/value/swr');
          source.value = 'v2';
          const gate = signal();
          source.hold = gate.promise;
          clock.advance(70_000);
          const stale = [
            await request('/value/swr'),
            await request('/value/swr'),
            await request('/value/swr'),
          ];
          const callsDuringRefresh = source.calls;
          gate.resolve();
          await settle();
          const refreshed = await request('/value/swr');

          for (const res of stale) {
            expect(res.headers['x-cache']).to.equal('STALE');
            expect(res.json).to.deep.equal({ value: 'v1' });
            expect(res.headers.age).to.equal('70');
            // Age 70 is past max-age 60: stale downstream too, within its swr window.
            expect(res.headers['cache-control']).to.equal(
              'public, max-age=60, stale-while-revalidate=30',
            );
          }
          expect(callsDuringRefresh, 'handler calls: first miss + one refresh').to.equal(2);
          expect(refreshed.headers['x-cache']).to.equal('HIT');
          expect(refreshed.json).to.deep.equal({ value: 'v2' });
          expect(refreshed.headers.age).to.equal('0');
          expect(refreshed.headers.etag).to.not.equal(stale[0]!.headers.etag);
          expect(source.calls).to.equal(2);
        });

        it('runs the handler in the foreground once the window has passed', async () => {
          const { controller, source } = sourceController();
          const { request, clock } = await start({ controllers: [controller], memory });

          await request('/value/swr');
          source.value = 'v2';
          clock.advance(90_000);
          const res = await request('/value/swr');

          expect(res.headers['x-cache']).to.equal('MISS');
          expect(res.json).to.deep.equal({ value: 'v2' });
        });

        it('keeps serving the stale entry when the refresh fails, and tries again on the next request', async () => {
          const { controller, source } = sourceController();
          const { request, clock } = await start({ controllers: [controller], memory });

          await request('/value/swr');
          source.fail = true;
          clock.advance(65_000);
          const first = await request('/value/swr');
          await settle();
          const second = await request('/value/swr');
          await settle();

          for (const res of [first, second]) {
            expect(res.status).to.equal(200);
            expect(res.headers['x-cache']).to.equal('STALE');
            expect(res.json).to.deep.equal({ value: 'v1' });
          }
          expect(source.calls, 'first miss + two refreshes').to.equal(3);
        });
      });
    });
  }
});
