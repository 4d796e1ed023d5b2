import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import {
  CLOCK,
  Controller,
  CoreErrorCodes,
  Get,
  Inject,
  Injectable,
  LOGGER,
  ManualClock,
  StartupError,
  type Clock,
} from '@fastjson-api/core';
import { send } from '@fastjson-api/core/testing';
import { build, rejectionOf, useApps } from './support/apps.js';

describe('@Injectable() and @Inject()', () => {
  const start = useApps();

  it('injects an @Injectable() service into a controller by its declared type', async () => {
    @Injectable()
    class Formatter {
      format(n: number) {
        return `#${n}`;
      }
    }
    @Injectable()
    class OrderService {
      constructor(private readonly formatter: Formatter) {}
      label(n: number) {
        return this.formatter.format(n);
      }
    }
    @Controller('/orders')
    class OrderController {
      constructor(private readonly orders: OrderService) {}

      @Get()
      label() {
        return this.orders.label(7);
      }
    }
    const app = await start({ controllers: [OrderController] });

    const res = await send(app.url, { path: '/orders' });
    expect(res.status).to.equal(200);
    expect(res.json).to.equal('#7');
  });

  it('injects values provided under string and symbol tokens with @Inject()', async () => {
    const REGION = Symbol('Region');
    @Injectable()
    class Settings {
      constructor(
        @Inject('API_URL') readonly apiUrl: string,
        @Inject(REGION) readonly region: string,
      ) {}
    }
    @Controller('/settings')
    class SettingsController {
      constructor(private readonly settings: Settings) {}

      @Get()
      read() {
        return { apiUrl: this.settings.apiUrl, region: this.settings.region };
      }
    }
    const app = await start({
      controllers: [SettingsController],
      providers: [
        { provide: 'API_URL', useValue: 'https://api.test' },
        { provide: REGION, useValue: 'eu-north-1' },
      ],
    });

    const res = await send(app.url, { path: '/settings' });
    expect(res.json).to.deep.equal({ apiUrl: 'https://api.test', region: 'eu-north-1' });
  });

  it('builds the class a useClass provider names for its token', async () => {
    interface Repository {
      name(): string;
    }
    const REPOSITORY = Symbol('Repository');
    @Injectable()
    class SqlRepository implements Repository {
      name() {
        return 'sql';
      }
    }
    @Controller('/repo')
    class RepoController {
      constructor(@Inject(REPOSITORY) private readonly repo: Repository) {}

      @Get()
      name() {
        return this.repo.name();
      }
    }
    const app = await start({
      controllers: [RepoController],
      providers: [{ provide: REPOSITORY, useClass: SqlRepository }],
    });

    expect((await send(app.url, { path: '/repo' })).json).to.equal('sql');
  });

  it('calls a useFactory provider once and shares its result', async () => {
    let calls = 0;
    @Controller('/factory')
    class FactoryController {
      constructor(@Inject('CONNECTION') private readonly connection: { id: number }) {}

      @Get()
      id() {
        return this.connection.id;
      }
    }
    const app = await start({
      controllers: [FactoryController],
      providers: [{ provide: 'CONNECTION', useFactory: () => ({ id: ++calls }) }],
    });

    const first = await send(app.url, { path: '/factory' });
    const second = await send(app.url, { path: '/factory' });
    expect([first.json, second.json]).to.deep.equal([1, 1]);
    expect(calls).to.equal(1);
  });

  it('gives every request the same instance of a singleton service', async () => {
    @Injectable()
    class Counter {
      count = 0;
    }
    @Controller('/count')
    class CountController {
      constructor(private readonly counter: Counter) {}

      @Get()
      next() {
        return ++this.counter.count;
      }
    }
    const app = await start({ controllers: [CountController] });

    const results = [];
    for (let i = 0; i < 3; i++) results.push((await send(app.url, { path: '/count' })).json);
    expect(results).to.deep.equal([1, 2, 3]);
  });

  it('injects the app clock and logger under CLOCK and LOGGER', async () => {
    const clock = new ManualClock(1_000);
    @Controller('/env')
    class EnvController {
      constructor(
        @Inject(CLOCK) private readonly appClock: Clock,
        @Inject(LOGGER) private readonly log: { info: unknown },
      ) {}

      @Get()
      read() {
        return { now: this.appClock.now(), logger: typeof this.log.info };
      }
    }
    const app = await start({ controllers: [EnvController], clock });
    clock.advance(500);

    const res = await send(app.url, { path: '/env' });
    expect(res.json).to.deep.equal({ now: 1_500, logger: 'function' });
  });
});

describe('createApp(): one container per app', () => {
  const start = useApps();

  @Injectable()
  class Visits {
    count = 0;
  }
  @Controller('/visits')
  class VisitController {
    constructor(private readonly visits: Visits) {}

    @Get()
    visit() {
      return ++this.visits.count;
    }
  }

  it('keeps a singleton per app: two apps in one process share no state', async () => {
    const first = await start({ controllers: [VisitController] });
    const second = await start({ controllers: [VisitController] });

    await send(first.url, { path: '/visits' });
    await send(first.url, { path: '/visits' });
    const fromFirst = await send(first.url, { path: '/visits' });
    const fromSecond = await send(second.url, { path: '/visits' });
    expect(fromFirst.json).to.equal(3);
    expect(fromSecond.json).to.equal(1);
    expect(first.container.resolve(Visits)).not.to.equal(second.container.resolve(Visits));
  });

  it("does not let one app's providers reach another app", async () => {
    @Controller('/secret')
    class SecretController {
      constructor(@Inject('SECRET') private readonly secret: string) {}

      @Get()
      read() {
        return this.secret;
      }
    }
    const withSecret = await start({
      controllers: [SecretController],
      providers: [{ provide: 'SECRET', useValue: 's3' }],
    });
    const without = build({ controllers: [SecretController] });

    expect((await send(withSecret.url, { path: '/secret' })).json).to.equal('s3');
    const error = await rejectionOf(without.ready());
    expect(error.code).to.equal(CoreErrorCodes.DI_UNRESOLVABLE);
    expect(error.message).to.include('"SECRET"');
  });
});

describe('App#ready(): dependency errors', () => {
  it('names the class, the parameter and the @Inject fix when type metadata is missing', async () => {
    class Mailer {}
    class SignupService {
      constructor(readonly mailer: Mailer) {}
    }
    // Applied as a call, not as decorator syntax, tsc emits no design:paramtypes:
    // the class looks exactly as esbuild, tsx or swc would build it.
    Injectable()(SignupService);
    @Controller('/signups')
    class SignupController {
      constructor(readonly signups: SignupService) {}

      @Get()
      ok() {
        return 'ok';
      }
    }

    const error = await rejectionOf(build({ controllers: [SignupController] }).ready());
    expect(error).to.be.instanceOf(StartupError);
    expect(error.code).to.equal('FJA_ERR_CORE_DI_MISSING_METADATA');
    expect(error.message).to.include('parameter #0 of service SignupService');
    expect(error.message).to.include('@Inject(');
  });

  it('names the controller when the controller itself lacks type metadata', async () => {
    @Injectable()
    class Store {}
    class StoreController {
      constructor(readonly store: Store) {}

      @Get()
      ok() {
        return 'ok';
      }
    }
    Controller('/store')(StoreController);

    const error = await rejectionOf(build({ controllers: [StoreController] }).ready());
    expect(error.code).to.equal('FJA_ERR_CORE_DI_MISSING_METADATA');
    expect(error.message).to.include('parameter #0 of controller StoreController');
  });

  it('names an unregistered token and the class that asks for it', async () => {
    @Injectable()
    class PaymentClient {
      constructor(@Inject('PAYMENT_API_KEY') readonly key: string) {}
    }
    @Controller('/pay')
    class PayController {
      constructor(readonly client: PaymentClient) {}

      @Get()
      ok() {
        return 'ok';
      }
    }

    const error = await rejectionOf(build({ controllers: [PayController] }).ready());
    expect(error.code).to.equal(CoreErrorCodes.DI_UNRESOLVABLE);
    expect(error.message).to.include(
      'Nothing is registered for token "PAYMENT_API_KEY" (required by PaymentClient)',
    );
    expect(error.message).to.include('providers');
  });

  it('names both classes of a dependency cycle, A -> B -> A', async () => {
    class OrderService {
      constructor(readonly customers: unknown) {}
    }
    class CustomerService {
      constructor(readonly orders: unknown) {}
    }
    // Decorator syntax cannot name a class declared further down (it is not
    // initialised yet), so the cycle is wired with calls.
    Inject(CustomerService)(OrderService, undefined, 0);
    Injectable()(OrderService);
    Inject(OrderService)(CustomerService, undefined, 0);
    Injectable()(CustomerService);
    @Controller('/orders')
    class OrderController {
      constructor(readonly orders: OrderService) {}

      @Get()
      ok() {
        return 'ok';
      }
    }

    const error = await rejectionOf(build({ controllers: [OrderController] }).ready());
    expect(error.code).to.equal(CoreErrorCodes.DI_CYCLE);
    expect(error.message).to.include('OrderService -> CustomerService -> OrderService');
  });

  it('refuses a singleton that depends on a request-scoped service, naming both', async () => {
    @Injectable({ scope: 'request' })
    class CurrentUser {}
    @Injectable()
    class AuditLog {
      constructor(readonly user: CurrentUser) {}
    }
    @Controller('/audit')
    class AuditController {
      constructor(readonly audit: AuditLog) {}

      @Get()
      ok() {
        return 'ok';
      }
    }

    const error = await rejectionOf(build({ controllers: [AuditController] }).ready());
    expect(error.code).to.equal(CoreErrorCodes.DI_SCOPE);
    expect(error.message).to.include(
      'Singleton AuditLog depends on CurrentUser, which is request-scoped',
    );
    expect(error.message).to.include("@Injectable({ scope: 'request' })");
  });

  it('names a constructor parameter typed by an interface, which erases to Object', async () => {
    interface Cache {
      get(key: string): unknown;
    }
    @Injectable()
    class Catalog {
      constructor(readonly cache: Cache) {}
    }
    @Controller('/catalog')
    class CatalogController {
      constructor(readonly catalog: Catalog) {}

      @Get()
      ok() {
        return 'ok';
      }
    }

    const error = await rejectionOf(build({ controllers: [CatalogController] }).ready());
    expect(error.code).to.equal(CoreErrorCodes.DI_UNRESOLVABLE);
    expect(error.message).to.include('parameter #0 of Catalog');
    expect(error.message).to.include('Object');
  });

  it('names a class with constructor parameters that is not decorated', async () => {
    class Plain {
      constructor(readonly n: number) {}
    }
    @Controller('/plain')
    class PlainController {
      constructor(readonly plain: Plain) {}

      @Get()
      ok() {
        return 'ok';
      }
    }

    const error = await rejectionOf(build({ controllers: [PlainController] }).ready());
    expect(error.code).to.equal(CoreErrorCodes.DI_UNRESOLVABLE);
    expect(error.message).to.include('Cannot build Plain (required by PlainController)');
    expect(error.message).to.include('@Injectable()');
  });
});

describe('@Inject() in code built without decorator metadata (tsx)', function () {
  // Each case starts a Node process that compiles its fixture with esbuild.
  this.timeout(30_000);

  const packageDir = fileURLToPath(new URL('../../', import.meta.url));
  const fixture = (name: string) =>
    fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

  function runFixture(name: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = { ...process.env, TSX_TSCONFIG_PATH: fixture('tsconfig.json') };
    return new Promise((resolve) => {
      const args = ['--import', 'tsx', fixture(name)];
      execFile(
        process.execPath,
        args,
        { cwd: packageDir, env, timeout: 25_000 },
        (error, stdout, stderr) => {
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        },
      );
    });
  }

  it('lets the app start and answer correctly when every constructor parameter names its token', async () => {
    const run = await runFixture('no-metadata-app.ts');

    expect(run.code, run.stderr).to.equal(0);
    expect(JSON.parse(run.stdout)).to.deep.equal({
      status: 200,
      body: { text: 'Hello, Ada' },
      metadataEmitted: false,
    });
  });

  it('stops the app at startup, naming the class and parameter, when a parameter has none', async () => {
    const run = await runFixture('missing-inject-app.ts');

    expect(run.code).to.equal(1);
    expect(run.stdout).not.to.include('started');
    expect(run.stderr).to.include('FJA_ERR_CORE_DI_MISSING_METADATA');
    expect(run.stderr).to.include('parameter #1 of service SignupService');
    expect(run.stderr).to.include('@Inject(');
  });
});
