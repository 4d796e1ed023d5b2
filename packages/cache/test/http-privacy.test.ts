import { expect } from 'chai';
import { Cached, Controller, Get, Header } from '@fastjson-api/core';
import { PATHS, useCachedApps } from './support/http.js';

/** A profile whose body names whoever the request says it is. */
function profileController() {
  const calls = { handler: 0, principal: 0 };

  @Controller('/profile')
  class ProfileController {
    @Get('/shared')
    @Cached({ ttl: 60 })
    shared(@Header('authorization') authorization?: string, @Header('cookie') cookie?: string) {
      calls.handler++;
      return { viewer: authorization ?? cookie ?? 'anonymous' };
    }

    @Get('/mine')
    @Cached({
      ttl: 60,
      scope: 'user',
      principal: (req) => {
        calls.principal++;
        return req.headers['x-user'] as string | undefined;
      },
    })
    mine(@Header('x-user') user?: string) {
      calls.handler++;
      return { viewer: user ?? 'nobody' };
    }
  }
  return { controller: ProfileController, calls };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('@Cached privacy (HTTP)', () => {
  for (const { name, frontDoor } of PATHS) {
    describe(name, () => {
      const start = useCachedApps();
      const memory = { frontDoor };

      describe("scope: 'shared' (default)", () => {
        it('never serves the anonymous entry to Bearer a or Bearer b, and keeps serving it to anonymous callers', async () => {
          const { controller, calls } = profileController();
          const { request } = await start({ controllers: [controller], memory });

          const anonymous = await request('/profile/shared');
          const a = await request({ path: '/profile/shared', headers: bearer('a') });
          const b = await request({ path: '/profile/shared', headers: bearer('b') });
          const anonymousAgain = await request('/profile/shared');

          expect(anonymous.json).to.deep.equal({ viewer: 'anonymous' });
          expect(a.json).to.deep.equal({ viewer: 'Bearer a' });
          expect(a.headers['x-cache']).to.equal('BYPASS');
          expect(b.json).to.deep.equal({ viewer: 'Bearer b' });
          expect(b.headers['x-cache']).to.equal('BYPASS');
          expect(anonymousAgain.headers['x-cache']).to.equal('HIT');
          expect(anonymousAgain.json).to.deep.equal({ viewer: 'anonymous' });
          expect(calls.handler).to.equal(3);
        });

        it('tells caches downstream that credentials change the answer: Vary names Authorization and Cookie', async () => {
          const { controller } = profileController();
          const { request } = await start({ controllers: [controller], memory });

          const miss = await request('/profile/shared');
          const hit = await request('/profile/shared');
          const revalidated = await request({
            path: '/profile/shared',
            headers: { 'if-none-match': hit.headers.etag as string },
          });

          for (const [name, res] of Object.entries({ miss, hit, revalidated })) {
            const varied = String(res.headers.vary).split(/,\s*/);
            expect(varied, name).to.include.members(['authorization', 'cookie']);
          }
          expect(revalidated.status).to.equal(304);
        });

        it('never stores a response to a request with Authorization', async () => {
          const { controller } = profileController();
          const { request } = await start({ controllers: [controller], memory });

          await request({ path: '/profile/shared', headers: bearer('a') });
          const again = await request({ path: '/profile/shared', headers: bearer('a') });
          const anonymous = await request('/profile/shared');

          expect(again.headers['x-cache']).to.equal('BYPASS');
          expect(anonymous.headers['x-cache']).to.equal('MISS');
          expect(anonymous.json).to.deep.equal({ viewer: 'anonymous' });
        });

        it('bypasses the cache for a request with a Cookie', async () => {
          const { controller, calls } = profileController();
          const { request } = await start({ controllers: [controller], memory });

          await request('/profile/shared');
          const withCookie = await request({
            path: '/profile/shared',
            headers: { cookie: 'sid=1' },
          });
          const anonymous = await request('/profile/shared');

          expect(withCookie.headers['x-cache']).to.equal('BYPASS');
          expect(withCookie.json).to.deep.equal({ viewer: 'sid=1' });
          expect(anonymous.json).to.deep.equal({ viewer: 'anonymous' });
          expect(calls.handler).to.equal(2);
        });

        it('marks a bypassed response private, no-store, with no cache validators', async () => {
          const { controller } = profileController();
          const { request } = await start({ controllers: [controller], memory });

          await request('/profile/shared');
          const res = await request({ path: '/profile/shared', headers: bearer('a') });

          expect(res.headers['cache-control']).to.equal('private, no-store');
          expect(res.headers).not.to.have.property('etag');
          expect(res.headers).not.to.have.property('age');
        });
      });

      describe("scope: 'user'", () => {
        it('keeps one entry per principal', async () => {
          const { controller, calls } = profileController();
          const { request } = await start({ controllers: [controller], memory });

          await request({ path: '/profile/mine', headers: { 'x-user': 'alice' } });
          const bob = await request({ path: '/profile/mine', headers: { 'x-user': 'bob' } });
          const alice = await request({ path: '/profile/mine', headers: { 'x-user': 'alice' } });

          expect(bob.headers['x-cache']).to.equal('MISS');
          expect(bob.json).to.deep.equal({ viewer: 'bob' });
          expect(alice.headers['x-cache']).to.equal('HIT');
          expect(alice.json).to.deep.equal({ viewer: 'alice' });
          expect(calls.handler).to.equal(2);
        });

        it('marks its responses private, hits and misses alike', async () => {
          const { controller } = profileController();
          const { request } = await start({ controllers: [controller], memory });

          const miss = await request({ path: '/profile/mine', headers: { 'x-user': 'alice' } });
          const hit = await request({ path: '/profile/mine', headers: { 'x-user': 'alice' } });

          expect(miss.headers['cache-control']).to.equal('private, max-age=60');
          expect(hit.headers['cache-control']).to.equal('private, max-age=60');
        });

        it('sends private answers with Vary: Authorization, Cookie too', async () => {
          const { controller } = profileController();
          const { request } = await start({ controllers: [controller], memory });

          const headers = { 'x-user': 'alice', ...bearer('a') };
          await request({ path: '/profile/mine', headers });
          const hit = await request({ path: '/profile/mine', headers });

          expect(hit.headers['x-cache']).to.equal('HIT');
          expect(String(hit.headers.vary).split(/,\s*/)).to.include.members([
            'authorization',
            'cookie',
          ]);
        });

        it('caches requests that carry Authorization, keyed by the principal', async () => {
          const { controller } = profileController();
          const { request } = await start({ controllers: [controller], memory });

          await request({ path: '/profile/mine', headers: { 'x-user': 'alice', ...bearer('a') } });
          const hit = await request({
            path: '/profile/mine',
            headers: { 'x-user': 'alice', ...bearer('a') },
          });

          expect(hit.headers['x-cache']).to.equal('HIT');
          expect(hit.json).to.deep.equal({ viewer: 'alice' });
        });

        it('bypasses the cache when the principal function names nobody', async () => {
          const { controller, calls } = profileController();
          const { request } = await start({ controllers: [controller], memory });

          await request({ path: '/profile/mine', headers: { 'x-user': 'alice' } });
          const anonymous = await request('/profile/mine');
          const again = await request('/profile/mine');

          expect(anonymous.headers['x-cache']).to.equal('BYPASS');
          expect(anonymous.json).to.deep.equal({ viewer: 'nobody' });
          expect(again.headers['x-cache']).to.equal('BYPASS');
          expect(calls.handler).to.equal(3);
        });

        it('calls the principal function once per request', async () => {
          const { controller, calls } = profileController();
          const { request } = await start({ controllers: [controller], memory });
          const users = ['alice', 'bob', 'alice', undefined, 'carol', 'bob'];

          for (const user of users) {
            await request({ path: '/profile/mine', headers: user ? { 'x-user': user } : {} });
          }

          expect(calls.principal).to.equal(users.length);
        });
      });
    });
  }
});
