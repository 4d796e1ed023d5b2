import { expect } from 'chai';
import {
  Controller,
  Ctx,
  Delete,
  Get,
  HttpError,
  Injectable,
  Post,
  Put,
  RequestContext,
  type AppOptions,
} from '@fastjson-api/core';
import { send } from '@fastjson-api/core/testing';
import { useApps } from './support/apps.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

describe('handler results', () => {
  const start = useApps();

  @Controller('/results')
  class ResultController {
    @Get('/value')
    value() {
      return { id: 1, name: 'Oslo' };
    }

    @Get('/async')
    async later() {
      await Promise.resolve();
      return [1, 2, 3];
    }

    @Get('/null')
    nothing() {
      return null;
    }

    @Post('/', { creates: true })
    create() {
      return { id: 2 };
    }

    @Put('/accepted', { status: 202 })
    accept() {
      return { queued: true };
    }

    @Delete('/:id')
    remove() {
      return undefined;
    }

    @Post('/jobs')
    job(@Ctx() ctx: RequestContext) {
      ctx.status(202).setHeader('Location', '/jobs/7');
      return { job: 7 };
    }

    @Get('/page')
    page(@Ctx() ctx: RequestContext) {
      ctx.setHeader('x-total-count', 42);
      return [];
    }

    @Get('/no-content')
    noContent(@Ctx() ctx: RequestContext) {
      ctx.status(204);
      return { ignored: true };
    }
  }

  it('answers 200 with the returned value as JSON', async () => {
    const app = await start({ controllers: [ResultController] });

    const res = await send(app.url, { path: '/results/value' });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal(JSON_TYPE);
    expect(res.headers['content-length']).to.equal(String(res.raw.length));
    expect(res.json).to.deep.equal({ id: 1, name: 'Oslo' });
  });

  it('answers with the value a promise resolves to', async () => {
    const app = await start({ controllers: [ResultController] });

    const res = await send(app.url, { path: '/results/async' });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal([1, 2, 3]);
  });

  it('answers 200 with a JSON null when the handler returns null', async () => {
    const app = await start({ controllers: [ResultController] });

    const res = await send(app.url, { path: '/results/null' });
    expect(res.status).to.equal(200);
    expect(res.text).to.equal('null');
  });

  it('answers 201 when the route is declared with creates: true', async () => {
    const app = await start({ controllers: [ResultController] });

    const res = await send(app.url, { method: 'POST', path: '/results' });
    expect(res.status).to.equal(201);
    expect(res.json).to.deep.equal({ id: 2 });
  });

  it('answers with the status the route declares', async () => {
    const app = await start({ controllers: [ResultController] });

    const res = await send(app.url, { method: 'PUT', path: '/results/accepted' });
    expect(res.status).to.equal(202);
    expect(res.json).to.deep.equal({ queued: true });
  });

  it('answers 204 with no body and no content type when the handler returns undefined', async () => {
    const app = await start({ controllers: [ResultController] });

    const res = await send(app.url, { method: 'DELETE', path: '/results/3' });
    expect(res.status).to.equal(204);
    expect(res.raw.length).to.equal(0);
    expect(res.headers).not.to.have.property('content-type');
  });

  it('answers with the status and headers set through ctx.status() and ctx.setHeader()', async () => {
    const app = await start({ controllers: [ResultController] });

    const res = await send(app.url, { method: 'POST', path: '/results/jobs' });
    expect(res.status).to.equal(202);
    expect(res.headers.location).to.equal('/jobs/7');
    expect(res.json).to.deep.equal({ job: 7 });
  });

  it('writes a number given to ctx.setHeader() as its decimal string', async () => {
    const app = await start({ controllers: [ResultController] });

    const res = await send(app.url, { path: '/results/page' });
    expect(res.status).to.equal(200);
    expect(res.headers['x-total-count']).to.equal('42');
  });

  it('sends no body when ctx.status(204) is set, even if the handler returns a value', async () => {
    const app = await start({ controllers: [ResultController] });

    const res = await send(app.url, { path: '/results/no-content' });
    expect(res.status).to.equal(204);
    expect(res.raw.length).to.equal(0);
  });
});

describe('HttpError', () => {
  const start = useApps();

  type Helper =
    'badRequest' | 'unauthorized' | 'forbidden' | 'notFound' | 'conflict' | 'payloadTooLarge';
  type MoreHelper = 'unsupportedMediaType' | 'unprocessable' | 'tooManyRequests';
  type ServerHelper = 'internal' | 'badGateway' | 'serviceUnavailable';

  const clientErrors: [Helper | MoreHelper, number, string][] = [
    ['badRequest', 400, 'Bad Request'],
    ['unauthorized', 401, 'Unauthorized'],
    ['forbidden', 403, 'Forbidden'],
    ['notFound', 404, 'Not Found'],
    ['conflict', 409, 'Conflict'],
    ['payloadTooLarge', 413, 'Payload Too Large'],
    ['unsupportedMediaType', 415, 'Unsupported Media Type'],
    ['unprocessable', 422, 'Unprocessable Entity'],
    ['tooManyRequests', 429, 'Too Many Requests'],
  ];

  for (const [name, status, title] of clientErrors) {
    const make = (detail: string) => HttpError[name](detail);
    it(`HttpError.${name}() answers ${status} with a problem document`, async () => {
      @Controller('/fail')
      class FailController {
        @Get('/:id')
        fail() {
          throw make('No city 7');
        }
      }
      const app = await start({ controllers: [FailController] });

      const res = await send(app.url, { path: '/fail/7?verbose=1' });
      expect(res.status).to.equal(status);
      expect(res.headers['content-type']).to.equal(PROBLEM_TYPE);
      expect(res.json).to.deep.equal({
        type: 'about:blank',
        title,
        status,
        detail: 'No city 7',
        instance: '/fail/7',
      });
    });
  }

  it('HttpError.methodNotAllowed() answers 405 with an Allow header', async () => {
    @Controller('/fail')
    class FailController {
      @Get()
      fail() {
        throw HttpError.methodNotAllowed(['GET', 'PUT'], 'Read-only for now.');
      }
    }
    const app = await start({ controllers: [FailController] });

    const res = await send(app.url, { path: '/fail' });
    expect(res.status).to.equal(405);
    expect(res.headers.allow).to.equal('GET, PUT');
    expect(res.json).to.include({
      status: 405,
      title: 'Method Not Allowed',
      detail: 'Read-only for now.',
    });
  });

  it('carries its own type, title, extension members and headers into the response', async () => {
    @Controller('/fail')
    class FailController {
      @Get()
      fail() {
        throw new HttpError(429, 'Slow down.', {
          type: 'https://example.com/problems/rate-limit',
          title: 'Rate limit reached',
          extensions: { retryAfterSeconds: 30 },
          headers: { 'retry-after': '30' },
        });
      }
    }
    const app = await start({ controllers: [FailController] });

    const res = await send(app.url, { path: '/fail' });
    expect(res.status).to.equal(429);
    expect(res.headers['retry-after']).to.equal('30');
    expect(res.json).to.deep.equal({
      type: 'https://example.com/problems/rate-limit',
      title: 'Rate limit reached',
      status: 429,
      detail: 'Slow down.',
      instance: '/fail',
      retryAfterSeconds: 30,
    });
  });

  it('reaches the client when a service throws it, not only a handler', async () => {
    @Injectable()
    class CityRepository {
      async get(id: string): Promise<never> {
        await Promise.resolve();
        throw HttpError.notFound(`No city ${id}`);
      }
    }
    @Controller('/cities')
    class CityController {
      constructor(private readonly cities: CityRepository) {}

      @Get('/:id')
      byId(@Ctx() ctx: RequestContext) {
        return this.cities.get(ctx.params.id);
      }
    }
    const app = await start({ controllers: [CityController] });

    const res = await send(app.url, { path: '/cities/9' });
    expect(res.status).to.equal(404);
    expect(res.json.detail).to.equal('No city 9');
  });

  const serverErrors: [ServerHelper, number, string][] = [
    ['internal', 500, 'Internal Server Error'],
    ['badGateway', 502, 'Bad Gateway'],
    ['serviceUnavailable', 503, 'Service Unavailable'],
  ];

  for (const [name, status, title] of serverErrors) {
    const make = (detail: string) => HttpError[name](detail);
    it(`HttpError.${name}() answers ${status} and keeps its detail from the client`, async () => {
      @Controller('/fail')
      class FailController {
        @Get()
        fail() {
          throw make('replica db-3 is down');
        }
      }
      const app = await start({ controllers: [FailController] });

      const res = await send(app.url, { path: '/fail' });
      expect(res.status).to.equal(status);
      expect(res.headers['content-type']).to.equal(PROBLEM_TYPE);
      expect(res.json).to.deep.equal({ type: 'about:blank', title, status, instance: '/fail' });
    });
  }

  it('shows the detail of a 5xx error created with expose: true', async () => {
    @Controller('/fail')
    class FailController {
      @Get()
      fail() {
        throw HttpError.serviceUnavailable('Down for maintenance until 14:00 UTC.', {
          expose: true,
          headers: { 'retry-after': '600' },
        });
      }
    }
    const app = await start({ controllers: [FailController] });

    const res = await send(app.url, { path: '/fail' });
    expect(res.status).to.equal(503);
    expect(res.headers['retry-after']).to.equal('600');
    expect(res.json.detail).to.equal('Down for maintenance until 14:00 UTC.');
  });
});

describe('unexpected errors', () => {
  const start = useApps();

  /** A stand-in for the app's pino logger that keeps what is logged at error level. */
  function recordingLogger() {
    const errors: { obj: Record<string, unknown>; msg: string }[] = [];
    const logger = {
      level: 'error',
      isLevelEnabled: (level: string) => level === 'error',
      error: (obj: Record<string, unknown>, msg: string) => errors.push({ obj, msg }),
      warn: () => {},
      info: () => {},
      debug: () => {},
      child: () => logger,
    };
    return { logger: logger as unknown as AppOptions['logger'], errors };
  }

  @Controller('/boom')
  class BoomController {
    @Get()
    boom() {
      throw new Error('connection to postgres://admin:hunter2@db failed');
    }

    @Get('/async')
    async later() {
      await Promise.resolve();
      throw new TypeError("Cannot read properties of undefined (reading 'secretField')");
    }

    @Get('/string')
    text() {
      throw 'not an error object';
    }
  }

  for (const path of ['/boom', '/boom/async', '/boom/string']) {
    it(`become a 500 problem document that reveals nothing of the cause (${path})`, async () => {
      const app = await start({ controllers: [BoomController] });

      const res = await send(app.url, { path });
      expect(res.status).to.equal(500);
      expect(res.headers['content-type']).to.equal(PROBLEM_TYPE);
      expect(res.json).to.deep.equal({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: 'The server could not complete the request.',
        instance: path,
      });
      expect(res.text).not.to.match(/hunter2|secretField|not an error object|\bat \S+ \(|\.js:\d+/);
    });
  }

  it('are logged with their error and the route that threw', async () => {
    const { logger, errors } = recordingLogger();
    const app = await start({ controllers: [BoomController], logger });

    await send(app.url, { path: '/boom' });
    expect(errors).to.have.length(1);
    expect((errors[0]!.obj.err as Error).message).to.include('hunter2');
    expect(errors[0]!.obj.route).to.equal('GET /boom (BoomController.boom)');
  });
});
