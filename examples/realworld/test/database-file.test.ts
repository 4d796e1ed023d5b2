import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { send } from '@fastjson-api/core/testing';
import { buildRealworldApp } from '../src/app.js';
import { TEST_SECRET } from './conduit-client.js';

describe('a database file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'realworld-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps users and articles across a restart, and migrates it only once', async () => {
    const database = join(dir, 'conduit.sqlite');
    const first = buildRealworldApp({ database, jwtSecret: TEST_SECRET, logger: false }).app;
    await first.listen(0, '127.0.0.1');
    const user = { username: 'jake', email: 'jake@example.com', password: 'jakejake' };
    await send(first.url, { method: 'POST', path: '/api/users', json: { user } });
    await first.close();

    const second = buildRealworldApp({ database, jwtSecret: TEST_SECRET, logger: false }).app;
    await second.listen(0, '127.0.0.1');
    try {
      const login = await send(second.url, {
        method: 'POST',
        path: '/api/users/login',
        json: { user: { email: user.email, password: user.password } },
      });
      expect(login.status, login.text).to.equal(200);
    } finally {
      await second.close();
    }
  });
});
