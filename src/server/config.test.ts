import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the embedded database under ./data on 127.0.0.1:3000 with demo data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      database: { kind: 'pglite', dataDir: './data' },
      demo: true,
      secureCookies: false,
    });
  });

  it('uses the PostgreSQL server and no demo data when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://localhost/test' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://localhost/test', poolSize: 10 });
    expect(config.demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', HANSYN_DEMO: 'true' }).demo).toBe(true);
  });

  it('takes the connection pool size from HANSYN_DATABASE_POOL_SIZE and refuses one below 1', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', HANSYN_DATABASE_POOL_SIZE: '4' }).database).toEqual({ kind: 'postgres', url: 'postgres://x/y', poolSize: 4 });
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', HANSYN_DATABASE_POOL_SIZE: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', HANSYN_DATABASE_POOL_SIZE: 'many' })).toThrow(ConfigError);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('LOG_LEVEL');
    }
  });

  it('marks cookies Secure when served over https', () => {
    expect(loadConfig({ HANSYN_PUBLIC_URL: 'https://hansyn.example.se' }).secureCookies).toBe(true);
  });
});
