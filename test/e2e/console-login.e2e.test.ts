import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addAgent, testPassword } from '../helpers/agent-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Console sign-in throttling (issue: "40 wrong passwords, then the right one, got in"): per account and
 * per client address, 429 LOGIN_LOCKED with Retry-After, even for the right password; failures logged
 * without the password or the email; the next sign-in lists them.
 */
const post = (url: string, email: string, password: string, forwardedFor?: string) =>
  fetch(`${url}/console/api/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({ email, password }),
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('console sign-in lockout (TRUST_PROXY=loopback: X-Forwarded-For gives the address)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      LOGIN_MAX_FAILURES: '5',
      LOGIN_LOCKOUT_MINUTES: '0.05', // 3 s
      TRUST_PROXY: 'loopback',
    });
  });
  afterAll(() => server.stop());

  it('refuses the right password after 40 wrong ones (429 + Retry-After), then lets it in and lists the failures', async () => {
    const agent = await addAgent(server, { name: 'Aino', languages: ['en'] });
    const ip = '203.0.113.40';
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) codes.push((await post(server.url, agent.email, `wrong-${i}`, ip)).status);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5).every((c) => c === 429)).toBe(true);

    const locked = await post(server.url, agent.email.toUpperCase(), testPassword, ip);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('LOGIN_LOCKED');

    await sleep(retryAfter * 1000 + 200);
    const ok = await post(server.url, agent.email, testPassword, ip);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { lastFailedLogins: { count: number; lastAt: string; lastIp: string } };
    // 40 wrong and the refused right one
    expect(body.lastFailedLogins).toMatchObject({ count: 41, lastIp: ip });
    expect(Date.now() - Date.parse(body.lastFailedLogins.lastAt)).toBeLessThan(60_000);

    const again = await post(server.url, agent.email, testPassword, ip);
    expect(((await again.json()) as { lastFailedLogins: unknown }).lastFailedLogins).toBeNull();

    const failures = server.logs.filter((l) => l['msg'] === 'console sign-in failed');
    expect(failures.length).toBeGreaterThanOrEqual(5);
    expect(failures[0]).toMatchObject({ ip, account: expect.stringMatching(/^[0-9a-f]{12}$/) });
    const logged = JSON.stringify(server.logs);
    expect(logged).not.toContain('wrong-0');
    expect(logged).not.toContain(testPassword);
    expect(logged.toLowerCase()).not.toContain(agent.email.toLowerCase());
  }, 20_000);

  it('locks an address that fails on many accounts, for every account, but not the accounts elsewhere', async () => {
    const victim = await addAgent(server, { name: 'Bea', languages: ['en'] });
    const attacker = '198.51.100.7';
    for (let i = 0; i < 5; i++)
      expect((await post(server.url, `nobody-${i}@example.com`, 'guess', attacker)).status).toBe(401);
    const refused = await post(server.url, victim.email, testPassword, attacker);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await post(server.url, victim.email, testPassword, '198.51.100.8')).status).toBe(200);
  });

  it('locks an account that fails from many addresses, from every address', async () => {
    const agent = await addAgent(server, { name: 'Cai', languages: ['en'] });
    for (let i = 0; i < 5; i++)
      expect((await post(server.url, agent.email, 'guess', `192.0.2.${10 + i}`)).status).toBe(401);
    expect((await post(server.url, agent.email, testPassword, '192.0.2.99')).status).toBe(429);
  });
});

describe('console sign-in lockout without TRUST_PROXY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_MINUTES: '10' });
  });
  afterAll(() => server.stop());

  it('ignores X-Forwarded-For: a client cannot dodge the address lockout by forging it', async () => {
    const agent = await addAgent(server, { name: 'Dan', languages: ['en'] });
    for (let i = 0; i < 3; i++)
      expect((await post(server.url, `x${i}@example.com`, 'guess', `10.0.0.${i}`)).status).toBe(401);
    const res = await post(server.url, agent.email, testPassword, '10.0.0.200');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(500);
  });
});
