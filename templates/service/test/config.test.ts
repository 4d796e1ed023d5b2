import { expect } from 'chai';
import { ConfigError, DEFAULT_CACHE, loadConfig } from '../src/config.js';

describe('loadConfig()', () => {
  it('uses the defaults when no variable is set', () => {
    expect(loadConfig({})).to.deep.equal({
      port: 3000,
      host: '0.0.0.0',
      logLevel: 'info',
      cache: DEFAULT_CACHE,
      redisUrl: 'redis://127.0.0.1:6379',
    });
  });

  it('reads PORT, HOST, LOG_LEVEL, CACHE and REDIS_URL', () => {
    const env = { PORT: '8080', HOST: '127.0.0.1', LOG_LEVEL: 'warn', CACHE: 'redis', REDIS_URL: 'redis://cache:6379/1' };

    expect(loadConfig(env)).to.deep.equal({
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'warn',
      cache: 'redis',
      redisUrl: 'redis://cache:6379/1',
    });
  });

  it('names the variable and the value it cannot use', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).to.throw(ConfigError, "PORT must be a whole number from 0 to 65535; got 'eighty'.");
    expect(() => loadConfig({ CACHE: 'disk' })).to.throw(ConfigError, "CACHE must be one of memory, redis; got 'disk'.");
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).to.throw(ConfigError, /^LOG_LEVEL must be one of/);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).to.throw(ConfigError, /^REDIS_URL must start with/);
  });
});
