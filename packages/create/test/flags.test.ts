import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY, runCli, useTempDir } from './support/cli.js';

const QUIET = ['--no-install', '--no-git', '--yes'];
const KIT = [
  '@fastjson-api/cache',
  '@fastjson-api/cache-redis',
  '@fastjson-api/core',
  '@fastjson-api/serializer',
  '@fastjson-api/transport-koa',
];

interface Manifest {
  name: string;
  dependencies: Record<string, string>;
}

const manifestOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
const defaultCacheOf = (dir: string) =>
  /DEFAULT_CACHE: CacheKind = '(\w+)'/.exec(
    readFileSync(join(dir, 'src', 'config.ts'), 'utf8'),
  )?.[1];

describe('create-fastjson-api without a terminal', () => {
  const temp = useTempDir();

  describe('--no-install --no-git --yes', () => {
    it('writes the template into the folder, named after it, and prints the next steps', async () => {
      const { code, stdout } = await runCli(['orders-api', ...QUIET], temp());
      const project = join(temp(), 'orders-api');

      expect(code).to.equal(0);
      expect(readdirSync(project).sort()).to.deep.equal([
        '.editorconfig',
        '.gitignore',
        'README.md',
        'package.json',
        'scripts',
        'src',
        'test',
        'tsconfig.json',
      ]);
      expect(manifestOf(project).name).to.equal('orders-api');
      expect(readFileSync(join(project, 'src', 'config.ts'), 'utf8')).to.contain(
        "export const SERVICE_NAME = 'orders-api';",
      );
      expect(readFileSync(join(project, 'README.md'), 'utf8')).to.match(/^# orders-api\n/);
      expect(readFileSync(join(project, '.gitignore'), 'utf8')).to.contain('node_modules/');
      expect(existsSync(join(project, 'src', 'controllers.ts'))).to.equal(true);
      expect(stdout).to.contain('cd orders-api');
      expect(stdout).to.contain('npm install');
      expect(stdout).to.contain('npm run generate -- controller orders');
    });

    it('depends on the kit version equal to its own, with a caret', async () => {
      const own = JSON.parse(
        readFileSync(join(REPOSITORY, 'packages', 'create', 'package.json'), 'utf8'),
      ).version;

      await runCli(['svc', ...QUIET], temp());
      const { dependencies } = manifestOf(join(temp(), 'svc'));

      for (const name of KIT) expect(dependencies[name], name).to.equal(`^${own}`);
    });

    it('installs nothing and creates no git repository', async () => {
      await runCli(['svc', ...QUIET], temp());

      expect(existsSync(join(temp(), 'svc', 'node_modules'))).to.equal(false);
      expect(existsSync(join(temp(), 'svc', 'package-lock.json'))).to.equal(false);
      expect(existsSync(join(temp(), 'svc', '.git'))).to.equal(false);
    });

    it('without a folder, --yes creates my-service', async () => {
      const { code } = await runCli(QUIET, temp());

      expect(code).to.equal(0);
      expect(manifestOf(join(temp(), 'my-service')).name).to.equal('my-service');
    });

    it('fills an existing empty folder', async () => {
      mkdirSync(join(temp(), 'empty'));

      const { code } = await runCli(['empty', ...QUIET], temp());

      expect(code).to.equal(0);
      expect(manifestOf(join(temp(), 'empty')).name).to.equal('empty');
    });

    it('creates the missing parents of a nested path', async () => {
      const { code } = await runCli(['apps/billing', ...QUIET], temp());

      expect(code).to.equal(0);
      expect(manifestOf(join(temp(), 'apps', 'billing')).name).to.equal('billing');
    });
  });

  describe('--cache', () => {
    it('defaults to memory', async () => {
      await runCli(['svc', ...QUIET], temp());

      expect(defaultCacheOf(join(temp(), 'svc'))).to.equal('memory');
    });

    it('is read after a `--`, as npx passes it on', async () => {
      const { code } = await runCli(['svc', '--', '--cache', 'redis', ...QUIET], temp());

      expect(code).to.equal(0);
      expect(defaultCacheOf(join(temp(), 'svc'))).to.equal('redis');
    });

    it('redis makes Redis the default and says what it needs', async () => {
      const { code, stdout } = await runCli(['svc', ...QUIET, '--cache', 'redis'], temp());

      expect(code).to.equal(0);
      expect(defaultCacheOf(join(temp(), 'svc'))).to.equal('redis');
      expect(stdout).to.contain('CACHE=redis needs a Redis at REDIS_URL');
    });
  });

  describe('--kit-path', () => {
    it('links every kit dependency to the checkout with file: paths', async () => {
      const { code } = await runCli(['svc', ...QUIET, '--kit-path', REPOSITORY], temp());
      const { dependencies } = manifestOf(join(temp(), 'svc'));

      expect(code).to.equal(0);
      for (const name of KIT) {
        const short = name.split('/')[1];
        expect(dependencies[name], name).to.equal(`file:${join(REPOSITORY, 'packages', short!)}`);
      }
    });
  });

  describe('--kit-tarballs', () => {
    it('points every kit dependency at its tarball with file: paths', async () => {
      const tarballs = join(temp(), 'kit');
      mkdirSync(tarballs);
      for (const name of KIT)
        writeFileSync(join(tarballs, `${name.slice(1).replace('/', '-')}-0.1.0.tgz`), '');

      const { code } = await runCli(['svc', ...QUIET, '--kit-tarballs', tarballs], temp());
      const { dependencies } = manifestOf(join(temp(), 'svc'));

      expect(code).to.equal(0);
      expect(dependencies['@fastjson-api/core']).to.equal(
        `file:${join(tarballs, 'fastjson-api-core-0.1.0.tgz')}`,
      );
      expect(dependencies['@fastjson-api/cache']).to.equal(
        `file:${join(tarballs, 'fastjson-api-cache-0.1.0.tgz')}`,
      );
      expect(dependencies['@fastjson-api/cache-redis']).to.equal(
        `file:${join(tarballs, 'fastjson-api-cache-redis-0.1.0.tgz')}`,
      );
    });
  });

  describe('git (no --no-git)', () => {
    it('creates a repository with one commit holding every file', async () => {
      const identity = {
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 'test@example.com',
      };

      const { code } = await runCli(['svc', '--no-install', '--yes'], temp(), identity);
      const git = (...args: string[]) =>
        execFileSync('git', args, { cwd: join(temp(), 'svc'), encoding: 'utf8' });

      expect(code).to.equal(0);
      expect(git('log', '--format=%s').trim()).to.equal('Initial commit from create-fastjson-api');
      expect(git('status', '--porcelain')).to.equal('');
      expect(git('ls-files')).to.contain('.gitignore');
    });
  });

  describe('--help and --version', () => {
    it('--help prints the usage and exits 0', async () => {
      const { code, stdout } = await runCli(['--help'], temp());

      expect(code).to.equal(0);
      expect(stdout).to.contain('--kit-path <dir>');
      expect(readdirSync(temp())).to.deep.equal([]);
    });

    it('--version prints its own version', async () => {
      const own = JSON.parse(
        readFileSync(join(REPOSITORY, 'packages', 'create', 'package.json'), 'utf8'),
      ).version;

      const { code, stdout } = await runCli(['--version'], temp());

      expect(code).to.equal(0);
      expect(stdout.trim()).to.equal(own);
    });
  });
});
