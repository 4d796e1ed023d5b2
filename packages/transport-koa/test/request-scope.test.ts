import { expect } from 'chai';
import {
  Controller,
  Ctx,
  Get,
  Header,
  HttpError,
  Inject,
  Injectable,
  REQUEST_CONTEXT,
  RequestContext,
} from '@fastjson-api/core';
import { send } from '@fastjson-api/core/testing';
import { delay, useApps } from './support/apps.js';

describe("@Injectable({ scope: 'request' })", () => {
  const start = useApps();

  it('builds a new instance for each request', async () => {
    let built = 0;
    @Injectable({ scope: 'request' })
    class RequestId {
      readonly id = ++built;
    }
    @Controller('/id')
    class IdController {
      constructor(private readonly requestId: RequestId) {}

      @Get()
      id() {
        return this.requestId.id;
      }
    }
    const app = await start({ controllers: [IdController] });

    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await send(app.url, { path: '/id' })).json);
    expect(ids).to.deep.equal([1, 2, 3]);
  });

  it('shares one instance between everything that injects it within a request', async () => {
    @Injectable({ scope: 'request' })
    class Basket {
      readonly items: string[] = [];
    }
    @Injectable({ scope: 'request' })
    class Pricing {
      constructor(readonly basket: Basket) {}
    }
    @Controller('/basket')
    class BasketController {
      constructor(
        private readonly basket: Basket,
        private readonly pricing: Pricing,
      ) {}

      @Get()
      same() {
        this.basket.items.push('apple');
        return { same: this.pricing.basket === this.basket, seen: this.pricing.basket.items };
      }
    }
    const app = await start({ controllers: [BasketController] });

    const first = await send(app.url, { path: '/basket' });
    const second = await send(app.url, { path: '/basket' });
    expect(first.json).to.deep.equal({ same: true, seen: ['apple'] });
    expect(second.json).to.deep.equal({ same: true, seen: ['apple'] });
  });

  it("never lets concurrent requests see each other's instance", async () => {
    @Injectable({ scope: 'request' })
    class Tenant {
      name: string | undefined;
    }
    @Controller('/tenant')
    class TenantController {
      constructor(private readonly tenant: Tenant) {}

      @Get()
      async echo(@Header('x-tenant') name: string) {
        this.tenant.name = name;
        // Let the other requests run, and write their own instances, before this one reads.
        await delay(Math.floor(Math.random() * 20));
        return { header: name, stored: this.tenant.name };
      }
    }
    const app = await start({ controllers: [TenantController] });

    const names = Array.from({ length: 50 }, (_, i) => `tenant-${i}`);
    const responses = await Promise.all(
      names.map((name) => send(app.url, { path: '/tenant', headers: { 'x-tenant': name } })),
    );
    for (const [i, res] of responses.entries()) {
      expect(res.status).to.equal(200);
      expect(res.json).to.deep.equal({ header: names[i], stored: names[i] });
    }
  });

  it('injects the one app-wide singleton into each new request-scoped instance', async () => {
    @Injectable()
    class Hits {
      count = 0;
    }
    @Injectable({ scope: 'request' })
    class Visit {
      constructor(readonly hits: Hits) {
        hits.count++;
      }
    }
    @Controller('/visit')
    class VisitController {
      constructor(private readonly visit: Visit) {}

      @Get()
      count() {
        return this.visit.hits.count;
      }
    }
    const app = await start({ controllers: [VisitController] });

    await send(app.url, { path: '/visit' });
    const res = await send(app.url, { path: '/visit' });
    expect(res.json).to.equal(2);
  });
  it("applies to a useClass provider declared with scope: 'request'", async () => {
    let built = 0;
    const STAMP = Symbol('Stamp');
    class Stamp {
      readonly n = ++built;
    }
    @Controller('/stamp')
    class StampController {
      constructor(@Inject(STAMP) private readonly stamp: Stamp) {}

      @Get()
      read() {
        return this.stamp.n;
      }
    }
    const app = await start({
      controllers: [StampController],
      providers: [{ provide: STAMP, useClass: Stamp, scope: 'request' }],
    });

    const first = await send(app.url, { path: '/stamp' });
    const second = await send(app.url, { path: '/stamp' });
    expect([first.json, second.json]).to.deep.equal([1, 2]);
  });
});

describe('REQUEST_CONTEXT', () => {
  const start = useApps();

  it("injects the current request's context into a request-scoped service", async () => {
    @Injectable({ scope: 'request' })
    class CurrentUser {
      constructor(@Inject(REQUEST_CONTEXT) private readonly ctx: RequestContext) {}

      get id(): string | undefined {
        return this.ctx.headers['x-user-id'] as string | undefined;
      }

      get path(): string {
        return this.ctx.path;
      }
    }
    @Controller('/me')
    class MeController {
      constructor(private readonly user: CurrentUser) {}

      @Get('/:section')
      async me() {
        await delay(Math.floor(Math.random() * 10));
        return { id: this.user.id, path: this.user.path };
      }
    }
    const app = await start({ controllers: [MeController] });

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send(app.url, { path: `/me/s${i}?x=1`, headers: { 'x-user-id': `u${i}` } }),
      ),
    );
    responses.forEach((res, i) =>
      expect(res.json).to.deep.equal({ id: `u${i}`, path: `/me/s${i}` }),
    );
  });

  it('is the same RequestContext the handler gets through @Ctx()', async () => {
    @Injectable({ scope: 'request' })
    class Holder {
      constructor(@Inject(REQUEST_CONTEXT) readonly ctx: RequestContext) {}
    }
    @Controller('/ctx')
    class CtxController {
      constructor(private readonly holder: Holder) {}

      @Get()
      same(@Ctx() ctx: RequestContext) {
        return this.holder.ctx === ctx;
      }
    }
    const app = await start({ controllers: [CtxController] });

    expect((await send(app.url, { path: '/ctx' })).json).to.equal(true);
  });

  it('lets a request-scoped service set the response status and headers', async () => {
    @Injectable({ scope: 'request' })
    class Pagination {
      constructor(@Inject(REQUEST_CONTEXT) private readonly ctx: RequestContext) {}

      page<T>(items: T[]): T[] {
        this.ctx.setHeader('x-total-count', items.length).status(206);
        return items.slice(0, 2);
      }
    }
    @Controller('/page')
    class PageController {
      constructor(private readonly pagination: Pagination) {}

      @Get()
      list() {
        return this.pagination.page([1, 2, 3, 4]);
      }
    }
    const app = await start({ controllers: [PageController] });

    const res = await send(app.url, { path: '/page' });
    expect(res.status).to.equal(206);
    expect(res.headers['x-total-count']).to.equal('4');
    expect(res.json).to.deep.equal([1, 2]);
  });

  it('answers with the status of an HttpError thrown while a request-scoped service is built', async () => {
    @Injectable({ scope: 'request' })
    class CurrentUser {
      readonly id: string;

      constructor(@Inject(REQUEST_CONTEXT) ctx: RequestContext) {
        const id = ctx.headers['x-user-id'];
        if (typeof id !== 'string') throw HttpError.unauthorized('Send X-User-Id.');
        this.id = id;
      }
    }
    @Controller('/whoami')
    class WhoAmIController {
      constructor(private readonly user: CurrentUser) {}

      @Get()
      whoami() {
        return this.user.id;
      }
    }
    const app = await start({ controllers: [WhoAmIController] });

    const anonymous = await send(app.url, { path: '/whoami' });
    const known = await send(app.url, { path: '/whoami', headers: { 'x-user-id': 'u7' } });
    expect(anonymous.status).to.equal(401);
    expect(anonymous.json).to.include({ status: 401, detail: 'Send X-User-Id.' });
    expect(known.json).to.equal('u7');
  });
});
