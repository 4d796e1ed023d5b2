#!/usr/bin/env node
// End-to-end check of create-fastjson-api, as a user meets it: packs the kit
// and the command from this checkout, runs `npm exec create-fastjson-api` in
// a folder under os.tmpdir(), installs the kit from those tarballs, then
// builds, tests and starts the new service and asks it over HTTP. Then runs
// the generator and the project's tests again.
//
//   npm run test:scaffold        (from the repository root: builds first)
//
// Needs the npm registry for third-party packages (koa, typescript, ...).
// Tests the Redis cache too when a Redis answers on 127.0.0.1:6379.
// Keeps the temporary folder when a check fails, and says where it is.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const KIT = ['core', 'transport-koa', 'cache', 'serializer', 'cache-redis'];
const MINUTE = 60_000;

let passed = 0;
let failed = 0;
const running = new Set();

function say(message) {
  console.log(`e2e: ${message}`);
}

function check(condition, message, detail = '') {
  if (condition) {
    passed++;
    say(`ok - ${message}`);
    return;
  }
  failed++;
  throw new Error(`${message}${detail ? `\n${detail}` : ''}`);
}

/** The environment of a user's shell: none of the npm_* variables `npm run` adds for this script. */
function userEnv(extra = {}) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) && name !== 'INIT_CWD') env[name] = value;
  }
  return { ...env, ...extra };
}

/** Runs a command to its end; rejects with its output when it fails or outlives `timeout`. */
function sh(command, args, { cwd, env = userEnv(), timeout = 5 * MINUTE } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) ended with ${code ?? signal}:\n${output}`));
    });
  });
}

async function pack(folder, destination) {
  const output = await sh('npm', ['pack', '--pack-destination', destination], { cwd: folder });
  return join(destination, output.trim().split('\n').pop());
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function get(port, path, { method = 'GET', json } = {}) {
  return new Promise((resolve, reject) => {
    const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
    const headers = body ? { 'content-type': 'application/json', 'content-length': body.length } : {};
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let parsed;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode, headers: res.headers, text, json: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts `npm start`'s server (built already) and waits until /health answers. */
async function startService(project, env) {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: project,
    env: userEnv({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) =>
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited at startup:\n${output}`);
    try {
      const res = await get(port, '/health');
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the service did not answer /health in 20 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    port,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** A MISS then a HIT on one cached route, and the counters in /health. */
async function checkCaching(service, store) {
  const health = await get(service.port, '/health');
  check(health.status === 200 && health.json?.status === 'ok', `GET /health answers ok (${store})`, health.text);
  check(health.json?.cache?.store === store, `GET /health names the ${store} store`, health.text);

  // A write first: on a shared Redis an earlier run may have left /notes/1 cached.
  const patch = await get(service.port, '/notes/1', { method: 'PATCH', json: { title: 'From the e2e' } });
  check(patch.status === 200, `PATCH /notes/1 answers 200 (${store})`, patch.text);

  const first = await get(service.port, '/notes/1');
  const second = await get(service.port, '/notes/1');
  check(first.status === 200 && first.json?.title === 'From the e2e', `GET /notes/1 answers the note (${store})`, first.text);
  check(first.headers['x-cache'] === 'MISS', `the first GET /notes/1 is a MISS (${store})`, JSON.stringify(first.headers));
  check(second.headers['x-cache'] === 'HIT', `the second GET /notes/1 is a HIT (${store})`, JSON.stringify(second.headers));
  check(second.text === first.text, `the HIT has the MISS's body (${store})`);

  const after = await get(service.port, '/health');
  check(after.json?.cache?.hits >= 1 && after.json?.cache?.misses >= 1, `GET /health counts the hit and the miss (${store})`, after.text);
}

async function stopCleanly(service, store) {
  const { code, signal } = await service.stop();
  check(code === 0, `SIGTERM stops the service with exit code 0 (${store})`, `code ${code}, signal ${signal}\n${service.output()}`);
}

function redisAnswers() {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: 6379 });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function mochaPassing(output) {
  return Number(/(\d+) passing/.exec(output)?.[1] ?? 0);
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'fastjson-e2e-'));
  say(`working in ${work}`);
  try {
    const kit = join(work, 'kit');
    mkdirSync(kit);
    for (const name of KIT) {
      const folder = join(repository, 'packages', name);
      if (!existsSync(join(folder, 'dist', 'src', 'index.js'))) {
        throw new Error(`packages/${name} is not built (or not there): run npm run build at the repository root first.`);
      }
      await pack(folder, kit);
    }
    const create = await pack(join(repository, 'packages', 'create'), work);
    say(`packed ${readdirSync(kit).join(', ')} and ${create.split('/').pop()}`);

    // What `npx create-fastjson-api svc` does, with the command and the kit from this checkout.
    const scaffolded = await sh(
      'npm',
      ['exec', '--yes', `--package=${create}`, '--', 'create-fastjson-api', 'svc', '--kit-tarballs', kit, '--no-git'],
      { cwd: work, timeout: 10 * MINUTE },
    );
    const project = join(work, 'svc');
    check(existsSync(join(project, 'node_modules', '@fastjson-api', 'core')), 'npm exec create-fastjson-api scaffolds and installs', scaffolded);
    check(existsSync(join(project, '.gitignore')) && !existsSync(join(project, 'gitignore')), 'the project has its .gitignore');

    await sh('npm', ['run', 'build'], { cwd: project });
    check(existsSync(join(project, 'dist', 'src', 'main.js')), 'npm run build compiles the project');

    const tested = await sh('npm', ['test'], { cwd: project });
    check(mochaPassing(tested) > 0 && !/\d+ failing/.test(tested), `npm test passes (${mochaPassing(tested)} tests)`, tested);

    const memory = await startService(project, { CACHE: 'memory' });
    await checkCaching(memory, 'memory');
    await stopCleanly(memory, 'memory');

    if (await redisAnswers()) {
      const redis = await startService(project, { CACHE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' });
      await checkCaching(redis, 'redis');
      await stopCleanly(redis, 'redis');
    } else {
      say('skip - no Redis on 127.0.0.1:6379: the Redis cache was not tried');
    }

    const generated = await sh('npm', ['run', 'generate', '--', 'controller', 'orders'], { cwd: project });
    check(existsSync(join(project, 'src', 'orders', 'orders.controller.ts')), 'npm run generate -- controller orders writes the controller', generated);
    const retested = await sh('npm', ['test'], { cwd: project });
    check(
      /\/orders/.test(retested) && mochaPassing(retested) > mochaPassing(tested) && !/\d+ failing/.test(retested),
      `npm test passes with the generated controller and its tests (${mochaPassing(retested)} tests)`,
      retested,
    );

    rmSync(work, { recursive: true, force: true });
  } catch (error) {
    if (failed === 0) failed++;
    console.error(`e2e: FAILED - ${error.message}`);
    console.error(`e2e: the temporary folder is kept for a look: ${work}`);
  } finally {
    for (const child of running) child.kill('SIGKILL');
  }
  console.log(`scaffold: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();
