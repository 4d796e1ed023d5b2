import { expect } from 'chai';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPOSITORY, runCli, startCli, until, useTempDir } from './support/cli.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Points npm at a registry on 127.0.0.1 that answers as `handler` says, with
 * its own empty cache, so npm install fails or stalls without the network.
 */
function useRegistry(handler: Handler) {
  let server: Server;
  const seen: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    seen,
    env(cache: string): Record<string, string> {
      const { port } = server.address() as AddressInfo;
      return {
        npm_config_registry: `http://127.0.0.1:${port}/`,
        npm_config_cache: cache,
        npm_config_fetch_retries: '0',
        npm_config_update_notifier: 'false',
      };
    },
  };
}

describe('create-fastjson-api when npm install does not finish', () => {
  const temp = useTempDir();

  describe('npm install fails', () => {
    const registry = useRegistry((req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    });

    it('exits 1, shows npm’s last lines, and removes the folder it created', async () => {
      const env = registry.env(join(temp(), '.npm-cache'));

      const { code, stderr } = await runCli(
        ['svc', '--no-git', '--kit-path', REPOSITORY],
        temp(),
        env,
      );

      expect(code).to.equal(1);
      expect(stderr).to.contain('npm install failed with exit code');
      expect(stderr).to.contain('404');
      expect(stderr).to.contain('--no-install');
      expect(existsSync(join(temp(), 'svc'))).to.equal(false);
      expect(registry.seen.length).to.be.greaterThan(0);
    });

    it('empties a folder that existed, and keeps the folder', async () => {
      mkdirSync(join(temp(), 'svc'));
      const env = registry.env(join(temp(), '.npm-cache'));

      const { code } = await runCli(['svc', '--no-git', '--kit-path', REPOSITORY], temp(), env);

      expect(code).to.equal(1);
      expect(readdirSync(join(temp(), 'svc'))).to.deep.equal([]);
    });
  });

  describe('interrupted (SIGINT, as Ctrl-C sends) during npm install', () => {
    // A registry that never answers: npm waits until the signal comes.
    const registry = useRegistry(() => undefined);

    it('stops npm, removes the folder it created, and exits 130', async () => {
      const env = registry.env(join(temp(), '.npm-cache'));
      const project = join(temp(), 'svc');

      const { child, result } = startCli(
        ['svc', '--no-git', '--kit-path', REPOSITORY],
        temp(),
        env,
      );
      await until(() => registry.seen.length > 0);
      expect(existsSync(join(project, 'package.json'))).to.equal(true);
      child.kill('SIGINT');
      const { code, stderr } = await result;

      expect(code).to.equal(130);
      expect(stderr).to.contain('Interrupted; nothing was left behind.');
      expect(existsSync(project)).to.equal(false);
    });
  });
});
