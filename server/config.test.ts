import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { AppError } from '../common/errors.js';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies documented defaults to an empty environment', () => {
    const c = loadConfig({}, '/srv/fd');
    expect(c).toEqual({
      port: 3000,
      host: '127.0.0.1',
      workers: 1,
      publicUrl: undefined,
      dataDir: path.resolve('/srv/fd/data'),
      visitorTokenSecret: undefined,
      contentDir: path.resolve('/srv/fd/content'),
      mongodbUri: undefined,
      mongodbDbName: undefined,
      logLevel: 'info',
      answerThreshold: 0.25,
      clarifyMargin: 0.05,
      defaultLang: 'en',
      kbWatch: true,
      reviewGitCommit: false,
      rateAnswers: true,
      kbChooseThresholds: true,
      maxMessageLength: 2000,
      handoffAfterFailures: 2,
      handoffGraceMs: 30_000,
      visitorGraceMs: 120_000,
      handoffQueuedPerAddress: 3,
      spamBlockMinutes: 1440,
      emailVerification: true,
      emailAcksPerDay: 5,
      redis: null,
      retentionDays: 0,
      consoleSessionMs: 12 * 3600 * 1000,
      handoffNegativeSentiment: undefined,
      webhooks: { urls: [], secret: '', maxAttempts: 5, baseDelayMs: 1000 },
      trustProxy: false,
      login: { maxFailures: 5, lockoutMs: 15 * 60_000 },
      widgetOrigins: undefined,
      rateLimits: {
        connectionsPerMinute: 60,
        messagesPerMinute: 30,
        suggestionsPerMinute: 120,
        escalationsPerHour: 10,
        ipFactor: 10,
        apiTicketsPerMinute: 120,
      },
    });
  });

  it('reads TRUST_PROXY as express does: true/false, a hop count, or addresses, subnets and names', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
    for (const bad of ['yes please', '10.0.0.0/33', '300.1.1.1', ','])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(AppError);
  });

  it('reads the sign-in lockout and the widget origins, and refuses origins with a path', () => {
    const c = loadConfig({
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCKOUT_MINUTES: '0.5',
      WIDGET_ORIGINS: 'https://Shop.example.com, http://localhost:8080',
    });
    expect(c.login).toEqual({ maxFailures: 3, lockoutMs: 30_000 });
    expect(c.widgetOrigins).toEqual(['https://shop.example.com', 'http://localhost:8080']);
    let error: unknown;
    try {
      loadConfig({ WIDGET_ORIGINS: 'https://shop.example.com/widget', LOGIN_MAX_FAILURES: '0' });
    } catch (err) {
      error = err;
    }
    expect((error as AppError).details).toEqual([
      expect.stringMatching(/^LOGIN_MAX_FAILURES: /),
      expect.stringMatching(/^WIDGET_ORIGINS\.0: each origin must be scheme:\/\/host\[:port\] only/),
    ]);
  });

  it('parses every setting and treats empty strings as unset', () => {
    const c = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/fd',
        CONTENT_DIR: '',
        MONGODB_URI: 'mongodb://db:27017/fd',
        MONGODB_DB_NAME: 'support',
        LOG_LEVEL: 'warn',
        ANSWER_THRESHOLD: '0.6',
        CLARIFY_MARGIN: '0.1',
        KB_WATCH: 'false',
        MAX_MESSAGE_LENGTH: '500',
      },
      '/srv',
    );
    expect(c.port).toBe(8080);
    expect(c.dataDir).toBe('/var/fd');
    expect(c.contentDir).toBe(path.resolve('/srv/content'));
    expect(c.mongodbUri).toBe('mongodb://db:27017/fd');
    expect(c.mongodbDbName).toBe('support');
    expect(c.answerThreshold).toBe(0.6);
    expect(c.kbWatch).toBe(false);
    expect(c.maxMessageLength).toBe(500);
  });

  it('refuses a MONGODB_DB_NAME MongoDB would refuse', () => {
    for (const bad of ['a/b', 'my.db', 'x'.repeat(64), 'a b'])
      expect(() => loadConfig({ MONGODB_DB_NAME: bad })).toThrow(AppError);
    expect(loadConfig({ MONGODB_DB_NAME: 'frontdesk_prod' }).mongodbDbName).toBe('frontdesk_prod');
  });

  it('REDIS_URL switches the cluster mode on (with REDIS_KEY_PREFIX); a wrong one is refused, never echoed', () => {
    expect(loadConfig({}).redis).toBeNull();
    expect(loadConfig({ REDIS_URL: 'rediss://:pw@cache:6380/0' }).redis).toEqual({
      url: 'rediss://:pw@cache:6380/0',
      keyPrefix: 'frontdesk:',
    });
    expect(loadConfig({ REDIS_URL: 'redis://cache', REDIS_KEY_PREFIX: 'fd-prod:' }).redis?.keyPrefix).toBe(
      'fd-prod:',
    );
    let error: unknown;
    try {
      loadConfig({ REDIS_URL: 'http://:hunter2@cache', REDIS_KEY_PREFIX: 'has space' });
    } catch (err) {
      error = err;
    }
    const details = (error as AppError).details.join('\n');
    expect(details).toMatch(/REDIS_URL: must start with redis:\/\/ or rediss:\/\/ \(got \(hidden\)\)/);
    expect(details).toMatch(/REDIS_KEY_PREFIX: /);
    expect(details).not.toContain('hunter2');
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', ANSWER_THRESHOLD: '1.5', LOG_LEVEL: 'loud', MONGODB_URI: 'postgres://x' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    const details = (error as AppError).details;
    expect(details).toHaveLength(4);
    expect(details.join('\n')).toMatch(/PORT: must be a number/);
    expect(details.join('\n')).toMatch(/ANSWER_THRESHOLD: .*1/);
    expect(details.join('\n')).toMatch(/LOG_LEVEL/);
    expect(details.join('\n')).toMatch(/MONGODB_URI: must start with mongodb/);
  });

  it('runs several WORKERS only with REDIS_URL (shared presence and signals), never echoing the URL', () => {
    let error: unknown;
    try {
      loadConfig({ WORKERS: '2' });
    } catch (err) {
      error = err;
    }
    expect((error as AppError).details).toEqual([
      'REDIS_URL: is required when WORKERS is above 1 (the workers share presence, handoff signals and rate limits through Redis) (got null)',
    ]);
    expect(loadConfig({ WORKERS: '2', REDIS_URL: 'redis://127.0.0.1:6379' }).workers).toBe(2);
    for (const value of ['0', 'two', '1.5']) {
      let refused: unknown;
      try {
        loadConfig({ WORKERS: value });
      } catch (err) {
        refused = err;
      }
      expect((refused as AppError).details).toEqual([expect.stringMatching(/^WORKERS: /)]);
    }
    let bad: unknown;
    try {
      loadConfig({ REDIS_URL: 'http://user:s3cr3t@host' });
    } catch (err) {
      bad = err;
    }
    expect((bad as AppError).details.join('\n')).toMatch(
      /REDIS_URL: must start with redis:\/\/ .*\(got \(hidden\)\)/,
    );
    expect((bad as AppError).details.join('\n')).not.toMatch(/s3cr3t/);
  });

  it('needs SMTP_FROM with SMTP_URL, and never echoes a secret setting in the error', () => {
    let error: unknown;
    try {
      loadConfig({
        SMTP_URL: 'smtp://mailer:s3cr3t#pass@/x',
        WEBHOOK_SECRET: 'short',
        VISITOR_TOKEN_SECRET: 'tooShortKey',
      });
    } catch (err) {
      error = err;
    }
    const details = (error as AppError).details.join('\n');
    expect(details).toMatch(/SMTP_URL: .*\(got \(hidden\)\)/);
    expect(details).toMatch(/WEBHOOK_SECRET: .*\(got \(hidden\)\)/);
    expect(details).toMatch(/VISITOR_TOKEN_SECRET: .*\(got \(hidden\)\)/);
    expect(details).not.toMatch(/s3cr3t|short|tooShortKey/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(AppError);
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_FROM: 'help@example.com' }).smtp).toEqual({
      url: 'smtp://127.0.0.1:2525',
      from: 'help@example.com',
    });
  });

  it('takes the Messenger settings all or none, with defaults, and never echoes them in errors', () => {
    expect(loadConfig({}).messenger).toBeUndefined();
    const full = {
      MESSENGER_PAGE_ACCESS_TOKEN: 'EAAG-page-token-0123456789',
      MESSENGER_APP_SECRET: 'app-secret-0123456789',
      MESSENGER_VERIFY_TOKEN: 'verify-me-please',
    };
    expect(loadConfig(full).messenger).toEqual({
      pageAccessToken: full.MESSENGER_PAGE_ACCESS_TOKEN,
      appSecret: full.MESSENGER_APP_SECRET,
      verifyToken: full.MESSENGER_VERIFY_TOKEN,
      graphUrl: 'https://graph.facebook.com',
      graphVersion: 'v21.0',
    });
    expect(
      loadConfig({ ...full, MESSENGER_GRAPH_URL: 'http://127.0.0.1:9/', MESSENGER_GRAPH_VERSION: 'v25.0' })
        .messenger,
    ).toMatchObject({ graphUrl: 'http://127.0.0.1:9', graphVersion: 'v25.0' });
    let error: unknown;
    try {
      loadConfig({
        MESSENGER_PAGE_ACCESS_TOKEN: full.MESSENGER_PAGE_ACCESS_TOKEN,
        MESSENGER_APP_SECRET: 'tiny',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    const details = (error as AppError).details.join('\n');
    expect(details).toMatch(/MESSENGER_APP_SECRET: .*\(got \(hidden\)\)/);
    expect(details).not.toMatch(/tiny|EAAG-page-token/);
    expect(() => loadConfig({ ...full, MESSENGER_GRAPH_VERSION: '21' })).toThrow(AppError);
    let partial: unknown;
    try {
      loadConfig({ MESSENGER_VERIFY_TOKEN: full.MESSENGER_VERIFY_TOKEN });
    } catch (err) {
      partial = err;
    }
    const missing = (partial as AppError).details.join('\n');
    expect(missing).toMatch(/MESSENGER_PAGE_ACCESS_TOKEN: is required/);
    expect(missing).toMatch(/MESSENGER_APP_SECRET: is required/);
    expect(missing).not.toMatch(/verify-me-please/);
  });

  it('takes the Teams settings all or none; anonymous Emulator mode only on a loopback host', () => {
    const problems = (env: Record<string, string>): string => {
      try {
        loadConfig(env);
      } catch (err) {
        return (err as AppError).details.join('\n');
      }
      return '';
    };
    expect(loadConfig({}).teams).toBeUndefined();
    const id = '7b3b1a7e-7f4e-4a53-9a64-2c2b8d4ad111';
    const tenant = '0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5';
    expect(loadConfig({ MICROSOFT_APP_ID: id, MICROSOFT_APP_PASSWORD: 'client-secret-value' }).teams).toEqual(
      {
        port: 3978,
        host: '127.0.0.1',
        app: { id, password: 'client-secret-value', type: 'MultiTenant', tenantId: undefined },
      },
    );
    expect(
      loadConfig({
        MICROSOFT_APP_ID: id,
        MICROSOFT_APP_PASSWORD: 'client-secret-value',
        MICROSOFT_APP_TYPE: 'SingleTenant',
        MICROSOFT_APP_TENANT_ID: tenant,
        TEAMS_PORT: '4000',
        TEAMS_HOST: '0.0.0.0',
      }).teams,
    ).toMatchObject({ port: 4000, host: '0.0.0.0', app: { type: 'SingleTenant', tenantId: tenant } });
    expect(
      loadConfig({
        MICROSOFT_APP_ID: id,
        MICROSOFT_APP_PASSWORD: 'client-secret-value',
        TEAMS_ENABLED: 'false',
      }).teams,
    ).toBeUndefined();
    expect(loadConfig({ TEAMS_ENABLED: 'true' }).teams).toEqual({ port: 3978, host: '127.0.0.1', app: null });
    expect(problems({ TEAMS_ENABLED: 'true', TEAMS_HOST: '0.0.0.0' })).toMatch(
      /TEAMS_HOST: must be a loopback/,
    );
    const missing = problems({ MICROSOFT_APP_ID: id, MICROSOFT_APP_TYPE: 'SingleTenant' });
    expect(missing).toMatch(/MICROSOFT_APP_PASSWORD: is required/);
    expect(missing).toMatch(/MICROSOFT_APP_TENANT_ID: is required/);
    const orphan = problems({ MICROSOFT_APP_PASSWORD: 'client-secret-value' });
    expect(orphan).toMatch(/MICROSOFT_APP_PASSWORD: is set but MICROSOFT_APP_ID is not/);
    expect(orphan).not.toMatch(/client-secret-value/);
    expect(
      problems({
        MICROSOFT_APP_ID: id,
        MICROSOFT_APP_TYPE: 'UserAssignedMSI',
        MICROSOFT_APP_TENANT_ID: tenant,
        MICROSOFT_APP_PASSWORD: 'client-secret-value',
      }),
    ).toMatch(/MICROSOFT_APP_PASSWORD: must not be set with MICROSOFT_APP_TYPE=UserAssignedMSI/);
    expect(
      problems({ MICROSOFT_APP_ID: 'not-a-guid', MICROSOFT_APP_PASSWORD: 'client-secret-value' }),
    ).toMatch(/MICROSOFT_APP_ID: must be the bot's Microsoft App ID/);
  });
});
