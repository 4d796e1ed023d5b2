import { expect } from 'chai';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, useTempDir } from './support/cli.js';

const QUIET = ['--no-install', '--no-git', '--yes'];

describe('create-fastjson-api refuses', () => {
  const temp = useTempDir();

  describe('a name npm would reject', () => {
    const cases = [
      { name: 'MyService', reason: 'name can no longer contain capital letters' },
      { name: '.hidden', reason: 'name cannot start with a period' },
      { name: '_private', reason: 'name cannot start with an underscore' },
      { name: 'node_modules', reason: 'node_modules is not a valid package name' },
      { name: 'my service', reason: 'name can only contain URL-friendly characters' },
    ];
    for (const { name, reason } of cases) {
      it(`'${name}': exits 1, says why, creates nothing`, async () => {
        const { code, stderr } = await runCli([name, ...QUIET], temp());

        expect(code).to.equal(1);
        expect(stderr).to.contain(`'${name}' cannot be an npm package name`);
        expect(stderr).to.contain(reason);
        expect(readdirSync(temp())).to.deep.equal([]);
      });
    }

    it('checks the last segment of a path, which becomes the package name', async () => {
      const { code, stderr } = await runCli(['apps/Bad', ...QUIET], temp());

      expect(code).to.equal(1);
      expect(stderr).to.contain("'Bad' cannot be an npm package name");
      expect(existsSync(join(temp(), 'apps'))).to.equal(false);
    });
  });

  describe('a folder that is not empty', () => {
    it('exits 1 with a clear message and leaves the folder as it was', async () => {
      mkdirSync(join(temp(), 'taken'));
      writeFileSync(join(temp(), 'taken', 'notes.txt'), 'mine');

      const { code, stderr } = await runCli(['taken', ...QUIET], temp());

      expect(code).to.equal(1);
      expect(stderr).to.contain("The folder 'taken' already exists and is not empty.");
      expect(readdirSync(join(temp(), 'taken'))).to.deep.equal(['notes.txt']);
    });

    it('exits 1 when the name is taken by a file', async () => {
      writeFileSync(join(temp(), 'service'), '');

      const { code, stderr } = await runCli(['service', ...QUIET], temp());

      expect(code).to.equal(1);
      expect(stderr).to.contain("'service' exists and is a file.");
    });
  });

  describe('arguments it cannot use', () => {
    const cases = [
      { args: ['svc', '--bogus'], message: "Unknown option '--bogus'" },
      { args: ['svc', '--cache', 'disk'], message: "--cache must be memory or redis; got 'disk'." },
      { args: ['one', 'two'], message: 'Give one directory; got 2: one two.' },
      {
        args: ['svc', '--kit-path', '.', '--kit-tarballs', '.'],
        message: 'Use --kit-path or --kit-tarballs, not both.',
      },
    ];
    for (const { args, message } of cases) {
      it(`${args.join(' ')}: exits 1 and shows the usage`, async () => {
        const { code, stderr } = await runCli([...args, '--no-install', '--no-git'], temp());

        expect(code).to.equal(1);
        expect(stderr).to.contain(message);
        expect(stderr).to.contain('Usage: npm create fastjson-api@latest');
        expect(readdirSync(temp())).to.deep.equal([]);
      });
    }

    it('asks for the folder when none is given, no terminal is attached and --yes is absent', async () => {
      const { code, stderr } = await runCli(['--no-install', '--no-git'], temp());

      expect(code).to.equal(1);
      expect(stderr).to.contain('Which folder should the project go in?');
    });

    it('a --kit-path that is not a checkout of the kit: exits 1, creates nothing', async () => {
      const { code, stderr } = await runCli(['svc', ...QUIET, '--kit-path', temp()], temp());

      expect(code).to.equal(1);
      expect(stderr).to.contain(`--kit-path ${temp()} is not a fastjson-api checkout`);
      expect(readdirSync(temp())).to.deep.equal([]);
    });

    it('a --kit-tarballs folder without the tarballs: exits 1 and names the missing package', async () => {
      mkdirSync(join(temp(), 'tarballs'));

      const { code, stderr } = await runCli(
        ['svc', ...QUIET, '--kit-tarballs', 'tarballs'],
        temp(),
      );

      expect(code).to.equal(1);
      expect(stderr).to.match(
        /has no tarball of @fastjson-api\/[a-z-]+ \(fastjson-api-[a-z-]+-<version>\.tgz\)/,
      );
      expect(readdirSync(temp())).to.deep.equal(['tarballs']);
    });

    it('a --kit-path that does not exist: exits 1', async () => {
      const { code, stderr } = await runCli(['svc', ...QUIET, '--kit-path', 'nowhere'], temp());

      expect(code).to.equal(1);
      expect(stderr).to.contain('--kit-path nowhere: no such folder.');
    });
  });
});
