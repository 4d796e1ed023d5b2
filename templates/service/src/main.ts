import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';

/** How long in-flight requests get to finish once a stop signal arrives. */
const SHUTDOWN_GRACE_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Cannot start: ${error.message}`);
    process.exit(1);
  }
}

/** Why the server could not listen, in words, for the errors a user can fix. */
const LISTEN_ERRORS: Record<string, (c: Config) => string> = {
  EADDRINUSE: (c) => `port ${c.port} on ${c.host} is already in use; stop what uses it or set PORT to another port.`,
  EACCES: (c) => `no permission to listen on port ${c.port}; use a port above 1023 or set PORT.`,
  EADDRNOTAVAIL: (c) => `HOST ${c.host} is not an address of this machine.`,
};

const config = readConfig();
const app = await buildApp(config);
const address = await app.listen(config.port, config.host).catch(async (error: NodeJS.ErrnoException) => {
  const explain = error.code === undefined ? undefined : LISTEN_ERRORS[error.code];
  if (!explain) throw error;
  console.error(`Cannot start: ${explain(config)}`);
  await app.close();
  process.exit(1);
});
app.logger.info({ port: address.port, cache: config.cache }, `listening on http://localhost:${address.port}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second signal means "now": stop without waiting.
    if (stopping) process.exit(1);
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.logger.error('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
