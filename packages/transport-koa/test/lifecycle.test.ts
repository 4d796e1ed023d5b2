import { Agent, request } from 'node:http';
import { expect } from 'chai';
import {
  Cached,
  Controller,
  CoreErrorCodes,
  createApp,
  Get,
  Param,
  Post,
  StartupError,
  type App,
  type Plugin,
} from '@fastjson-api/core';
import { send } from '@fastjson-api/core/testing';
import { koaTransport } from '../src/index.js';
import { build, delay, rejectionOf, signal, thrownBy, useApps } from './support/apps.js';

/** A cache plugin that does nothing: enough for an app with @Cached routes to pass the plugin check. */
const inertCache = (): Plugin => ({ name: 'inert-cache', kind: 'cache' });

/** A GET through `agent`, so that the connection can stay open after the response. */
function getWith(
  agent: Agent,
  baseUrl: string,
  path: string,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    request({ host: hostname, port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('App#close()', () => {
  const start = useApps();

  function slowController(started: { resolve: () => void }) {
    @Controller('/slow')
    class SlowController {
      @Get()
      async slow() {
        started.resolve();
        await delay(300);
        return { done: true };
      }
    }
    return SlowController;
  }

  it('lets a request in flight finish with 200 and resolves only after its response is sent', async () => {
    const started = signal();
    const events: string[] = [];
    const app = await start({
      controllers: [slowController(started)],
      onRequest: [(_req, res) => void res.once('finish', () => events.push('response sent'))],
    });

    const pending = send(app.url, { path: '/slow' });
    await started.promise;
    events.push('close called');
    await app.close();
    events.push('close resolved');

    const res = await pending;
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ done: true });
    expect(events).to.deep.equal(['close called', 'response sent', 'close resolved']);
  });

  it('refuses new connections once called, even while a request is in flight', async () => {
    const started = signal();
    const app = await start({ controllers: [slowController(started)] });
    const url = app.url;

    const pending = send(url, { path: '/slow' });
    await started.promise;
    const closing = app.close();

    const duringClose = await rejectionOf(send(url, { path: '/slow' }));
    expect(duringClose.code).to.equal('ECONNREFUSED');
    expect((await pending).status).to.equal(200);
    await closing;
    const afterClose = await rejectionOf(send(url, { path: '/slow' }));
    expect(afterClose.code).to.equal('ECONNREFUSED');
  });

  it('does not wait for idle keep-alive connections', async () => {
    @Controller('/ping')
    class PingController {
      @Get()
      ping() {
        return 'pong';
      }
    }
    // Idle connections are kept a minute, longer than this test may take:
    // close() returns in time only if it does not wait for them.
    const app = await start({
      controllers: [PingController],
      transport: { keepAliveTimeoutMs: 60_000 },
    });
    const agent = new Agent({ keepAlive: true });

    const url = app.url;
    await getWith(agent, url, '/ping');
    await app.close();
    agent.destroy();
    const refused = await rejectionOf(getWith(new Agent(), url, '/ping'));
    expect(refused.code, 'no longer listening').to.equal('ECONNREFUSED');
  });

  it('closes a keep-alive connection as soon as its in-flight response is sent', async () => {
    // Idle connections are kept a minute, longer than this test may take:
    // close() returns in time only if it closes this one once its response is out.
    const started = signal();
    const app = await start({
      controllers: [slowController(started)],
      transport: { keepAliveTimeoutMs: 60_000 },
    });
    const agent = new Agent({ keepAlive: true });

    const pending = getWith(agent, app.url, '/slow');
    await started.promise;
    await app.close();
    const res = await pending;
    agent.destroy();

    expect(res.status).to.equal(200);
    expect(JSON.parse(res.body), 'the whole response').to.deep.equal({ done: true });
  });

  it('closes the other plugins, in reverse order, after the server has stopped', async () => {
    const closed: string[] = [];
    const plugin = (name: string): Plugin => ({
      name,
      kind: 'other',
      close: () => void closed.push(name),
    });
    @Controller('/x')
    class XController {
      @Get()
      x() {
        return 1;
      }
    }
    const plugins = [plugin('first'), koaTransport(), plugin('second')];
    const app = await start({ controllers: [XController], plugins });
    const url = app.url;

    await app.close();
    expect(closed).to.deep.equal(['second', 'first']);
    expect((await rejectionOf(send(url, { path: '/x' }))).code).to.equal('ECONNREFUSED');
  });

  it('resolves for an app that never listened, and returns the same promise when called again', async () => {
    const app = build({ controllers: [] });

    const first = app.close();
    expect(app.close()).to.equal(first);
    await first;
  });
});

describe('App#listen()', () => {
  const start = useApps();

  @Controller('/hello')
  class HelloController {
    @Get()
    hello() {
      return 'hi';
    }
  }

  it('binds a free port for port 0 and reports the address and URL', async () => {
    const app = await start({ controllers: [HelloController] });

    expect(app.address?.port).to.be.above(0);
    expect(app.url).to.equal(`http://127.0.0.1:${app.address!.port}`);
    expect((await send(app.url, { path: '/hello' })).json).to.equal('hi');
  });

  it('rejects when the port is already taken', async () => {
    const first = await start({ controllers: [HelloController] });
    const second = build({ controllers: [HelloController] });

    const error = await rejectionOf(second.listen(first.address!.port, '127.0.0.1'));
    expect(error.code).to.equal('EADDRINUSE');
    await second.close();
  });

  it('has no URL before it listens', () => {
    const app = build({ controllers: [HelloController] });

    const error = thrownBy(() => app.url);
    expect(error.code).to.equal(CoreErrorCodes.NOT_LISTENING);
  });
});

describe('App#ready()', () => {
  /** Asserts that ready() and listen() both reject with the same StartupError, and returns it. */
  async function startupError(app: App): Promise<StartupError> {
    const fromReady = await rejectionOf(app.ready());
    const fromListen = await rejectionOf(app.listen(0, '127.0.0.1'));
    expect(fromReady).to.be.instanceOf(StartupError);
    expect(fromListen).to.equal(fromReady);
    return fromReady as StartupError;
  }

  it('rejects two routes with the same method and path, naming both', async () => {
    @Controller('/cities')
    class CityController {
      @Get('/:id')
      byId() {}
    }
    @Controller('/cities')
    class LegacyCityController {
      @Get('/:cityId')
      find() {}
    }

    const error = await startupError(
      build({ controllers: [CityController, LegacyCityController] }),
    );
    expect(error.code).to.equal('FJA_ERR_CORE_ROUTE_CLASH');
    expect(error.message).to.include('GET /cities/:id (CityController.byId)');
    expect(error.message).to.include('GET /cities/:cityId (LegacyCityController.find)');
  });

  it('accepts the same path under different methods', async () => {
    @Controller('/cities')
    class CityController {
      @Get('/:id')
      byId() {}

      @Post('/:id')
      update() {}
    }

    await build({ controllers: [CityController] }).ready();
  });

  it('rejects two transport plugins', async () => {
    const app = build({ controllers: [], plugins: [koaTransport(), koaTransport()] });

    const error = await startupError(app);
    expect(error.code).to.equal('FJA_ERR_CORE_PLUGIN_CLASH');
    expect(error.message).to.include('one transport plugin; got 2');
  });

  it('rejects an app with no transport plugin', async () => {
    const app = createApp({ controllers: [], plugins: [] });

    const error = await startupError(app);
    expect(error.code).to.equal(CoreErrorCodes.NO_TRANSPORT);
  });

  it('rejects a @Cached route in an app with no cache plugin, naming the route', async () => {
    @Controller('/cities')
    class CityController {
      @Get('/:id')
      @Cached({ ttl: '10m' })
      byId(@Param('id') id: string) {
        return id;
      }
    }

    const error = await startupError(build({ controllers: [CityController] }));
    expect(error.code).to.equal('FJA_ERR_CORE_NO_CACHE_PLUGIN');
    expect(error.message).to.include('GET /cities/:id (CityController.byId)');
  });

  for (const ttl of ['10x', -1, 0, 'soon']) {
    it(`rejects @Cached({ ttl: ${JSON.stringify(ttl)} }), naming the route and the value`, async () => {
      @Controller('/cities')
      class CityController {
        @Get()
        @Cached({ ttl })
        list() {
          return [];
        }
      }

      const app = build({ controllers: [CityController], plugins: [koaTransport(), inertCache()] });

      const error = await startupError(app);
      expect(error.code).to.equal('FJA_ERR_CORE_BAD_CACHE_OPTION');
      expect(error.message).to.include('GET /cities (CityController.list)');
      expect(error.message).to.include(`got ${JSON.stringify(ttl)}`);
    });
  }

  it('rejects @Cached on a route that is not a GET', async () => {
    @Controller('/cities')
    class CityController {
      @Post()
      @Cached({ ttl: 60 })
      create() {}
    }

    const app = build({ controllers: [CityController], plugins: [koaTransport(), inertCache()] });

    const error = await startupError(app);
    expect(error.code).to.equal(CoreErrorCodes.BAD_CACHE_OPTION);
    expect(error.message).to.include('POST /cities (CityController.create)');
  });

  it('rejects a class listed as a controller without @Controller()', async () => {
    class NotAController {}

    const error = await startupError(build({ controllers: [NotAController] }));
    expect(error.code).to.equal(CoreErrorCodes.NOT_A_CONTROLLER);
    expect(error.message).to.include('NotAController');
  });

  it('rejects a route bodyLimit that is not a size, naming the route', async () => {
    @Controller('/up')
    class UploadController {
      @Post('/', { bodyLimit: 'huge' })
      upload() {}
    }

    const error = await startupError(build({ controllers: [UploadController] }));
    expect(error.code).to.equal(CoreErrorCodes.BAD_ROUTE);
    expect(error.message).to.include('POST /up (UploadController.upload)');
  });

  it('rejects a schema that does not compile, naming the route and the part', async () => {
    @Controller('/bad')
    class BadController {
      @Post('/', { body: { type: 'text' } })
      create() {}
    }

    const error = await startupError(build({ controllers: [BadController] }));
    expect(error.code).to.equal(CoreErrorCodes.BAD_SCHEMA);
    expect(error.message).to.include('body schema of route POST /bad (BadController.create)');
  });
});

describe('koaTransport()', () => {
  it('throws a TypeError naming an option that is not valid', () => {
    const badLimit = thrownBy(() => koaTransport({ bodyLimit: 'lots' }));
    const badTimeout = thrownBy(() => koaTransport({ closeTimeoutMs: -5 }));
    expect(badLimit).to.be.instanceOf(TypeError);
    expect(badLimit.message).to.include('bodyLimit').and.include('"lots"');
    expect(badTimeout).to.be.instanceOf(TypeError);
    expect(badTimeout.message).to.include('closeTimeoutMs').and.include('-5');
  });
});
