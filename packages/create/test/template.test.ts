import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY, runCli, useTempDir } from './support/cli.js';

// The created project compiled and tested against this checkout's packages,
// without npm install: its node_modules is a link to the repository's, where
// the workspace packages and the dev tools already are. The full path through
// npm pack and npm install is scripts/e2e.mjs (npm run test:scaffold).
const MODULES = join(REPOSITORY, 'node_modules');
const TSC = join(MODULES, 'typescript', 'bin', 'tsc');
const MOCHA = join(MODULES, 'mocha', 'bin', 'mocha.js');

function node(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const passing = (output: string) => Number(/(\d+) passing/.exec(output)?.[1] ?? 0);

describe('the created project', function () {
  this.timeout(120_000);
  const temp = useTempDir();

  async function create(): Promise<string> {
    const { code, stderr } = await runCli(['svc', '--no-install', '--no-git', '--yes'], temp());
    expect(code, stderr).to.equal(0);
    return join(temp(), 'svc');
  }

  describe('built against this checkout', () => {
    before(function () {
      // Needs every package the template imports, built, in the workspace.
      if (!existsSync(join(MODULES, '@fastjson-api', 'cache-redis', 'dist', 'src', 'index.d.ts'))) {
        console.warn('    (skipped: @fastjson-api/cache-redis is not built in this checkout yet)');
        this.skip();
      }
    });

    it('compiles with tsc and passes its own tests', async () => {
      const project = await create();
      symlinkSync(MODULES, join(project, 'node_modules'), 'dir');

      const build = node([TSC, '-p', 'tsconfig.json'], project);
      const tests = node([MOCHA], project);

      expect(build.code, build.output).to.equal(0);
      expect(tests.code, tests.output).to.equal(0);
      expect(passing(tests.output)).to.be.greaterThan(10);
    });

    it('with a generated controller, still compiles and passes, the new tests included', async () => {
      const project = await create();
      symlinkSync(MODULES, join(project, 'node_modules'), 'dir');

      const generated = node(['scripts/generate.mjs', 'controller', 'order-items'], project);
      const build = node([TSC, '-p', 'tsconfig.json'], project);
      const tests = node([MOCHA], project);

      expect(generated.code, generated.output).to.equal(0);
      expect(build.code, build.output).to.equal(0);
      expect(tests.code, tests.output).to.equal(0);
      expect(tests.output).to.contain('/order-items');
    });
  });

  describe('npm run generate -- controller <name>', () => {
    it('writes the controller, its schemas, its service and its test, and lists the controller', async () => {
      const project = await create();

      const { code, output } = node(['scripts/generate.mjs', 'controller', 'orders'], project);
      const controllers = readFileSync(join(project, 'src', 'controllers.ts'), 'utf8');

      expect(code, output).to.equal(0);
      for (const file of ['orders.controller.ts', 'orders.service.ts', 'orders.schemas.ts']) {
        expect(existsSync(join(project, 'src', 'orders', file)), file).to.equal(true);
      }
      expect(existsSync(join(project, 'test', 'orders.test.ts'))).to.equal(true);
      expect(controllers).to.contain(
        "import { OrdersController } from './orders/orders.controller.js';",
      );
      expect(controllers).to.match(/NotesController,\n {2}OrdersController,\n\];/);
      expect(
        readFileSync(join(project, 'src', 'orders', 'orders.controller.ts'), 'utf8'),
      ).to.contain("@Cached({ ttl: '10m', tags: (found: Order) => [`order:${found.id}`] })");
    });

    it('refuses a resource that exists, and writes nothing', async () => {
      const project = await create();
      const before = readFileSync(join(project, 'src', 'controllers.ts'), 'utf8');

      const { code, output } = node(['scripts/generate.mjs', 'controller', 'notes'], project);

      expect(code).to.equal(1);
      expect(output).to.contain('src/notes/notes.schemas.ts already exists. Nothing was written.');
      expect(readFileSync(join(project, 'src', 'controllers.ts'), 'utf8')).to.equal(before);
    });

    it('refuses a name that is not kebab-case', async () => {
      const project = await create();

      const { code, output } = node(['scripts/generate.mjs', 'controller', 'Orders'], project);

      expect(code).to.equal(1);
      expect(output).to.contain("'Orders' is not a usable name");
      expect(existsSync(join(project, 'src', 'Orders'))).to.equal(false);
    });

    it('shows its usage for an unknown command', async () => {
      const project = await create();

      const { code, output } = node(['scripts/generate.mjs', 'model', 'orders'], project);

      expect(code).to.equal(1);
      expect(output).to.contain('Usage: npm run generate -- controller <name>');
    });
  });
});
