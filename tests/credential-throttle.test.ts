import { ApiKeyModel } from '../src/modules/api-key/api-key.model';
import { ACTIVE_KEY_TTL_MS } from '../src/modules/api-key/api-key.lookups';
import { generateApiKey } from '../src/modules/api-key/api-key.secret';
import { ApiKeyService } from '../src/modules/api-key/api-key.service';
import { dataOf, startTestApp, type TestApp, type UntypedJson } from './helpers/test-app';

/**
 * Wrong credentials cannot be turned into database reads: a key id's record is cached in the process
 * (unknown and revoked ones for minutes, active ones for a second), and an address that sent
 * RATE_LIMIT_AUTH_FAILURES bad credentials gets 429 before anything is looked up.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: '1', RATE_LIMIT_AUTH_FAILURES: '3', RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: '300' });
});

afterAll(async () => {
  await app?.stop();
});

async function send(address: string, headers: Record<string, string>) {
  const { result, commands } = await app.countDatabaseCommands(async () => {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as UntypedJson };
  });
  return { ...result, commands };
}

const withKey = (key: string) => ({ 'x-api-key': key });

async function createAnalystKey(name: string): Promise<{ id: string; secret: string }> {
  const payload = dataOf(
    await app.graphql(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
      { input: { name, role: 'ANALYST' } },
      { admin: true },
    ),
  ).createApiKey;
  return { id: payload.apiKey.id, secret: payload.secret };
}

it('reads an unknown key id once: the same or another secret for it costs no database read', async () => {
  const { key } = generateApiKey();
  const first = await send('192.0.2.1', withKey(key));
  expect(first.status).toBe(401);
  expect(first.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  expect(first.commands).toBe(1);
  expect((await send('192.0.2.2', withKey(key))).commands).toBe(0);
  const otherSecret = `${key.slice(0, 21)}${'B'.repeat(43)}`;
  const again = await send('192.0.2.3', withKey(otherSecret));
  expect(again.status).toBe(401);
  expect(again.commands).toBe(0);
});

it('refuses an address after 3 bad credentials with 429 before any look-up, and only that address', async () => {
  const address = '192.0.2.10';
  for (let attempt = 0; attempt < 3; attempt += 1) expect((await send(address, withKey(generateApiKey().key))).status).toBe(401);

  const blocked = await send(address, withKey(generateApiKey().key));
  expect(blocked.status).toBe(429);
  expect(blocked.commands).toBe(0);
  expect(blocked.body.errors[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
  expect(blocked.body.errors[0].message).toMatch(
    /^Too many requests with invalid credentials from this address: credentials are not checked for \d+ s\.$/,
  );
  const retryAfter = Number(blocked.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(250);
  expect(retryAfter).toBeLessThanOrEqual(300);

  // Another address still gets its look-up and its 401; anonymous requests from the blocked one are served.
  const elsewhere = await send('192.0.2.11', withKey(generateApiKey().key));
  expect(elsewhere).toMatchObject({ status: 401, commands: 1 });
  expect((await send(address, {})).status).toBe(200);
});

it('counts a wrong admin token as a bad credential too', async () => {
  const address = '192.0.2.20';
  const wrong = { authorization: 'Bearer not-the-admin-token-at-all' };
  expect([(await send(address, wrong)).status, (await send(address, wrong)).status, (await send(address, wrong)).status]).toEqual([
    401, 401, 401,
  ]);
  expect((await send(address, wrong)).status).toBe(429);
});

it('serves a valid key without counting it as a failure', async () => {
  const key = await createAnalystKey('valid');
  for (let request = 0; request < 5; request += 1) expect((await send('192.0.2.30', withKey(key.secret))).status).toBe(200);
});

it('shares one read between verifications of a key that run at once', async () => {
  const service = new ApiKeyService();
  const created = await service.create({ name: 'concurrent', role: 'ANALYST' });
  const { result, commands } = await app.countDatabaseCommands(() =>
    Promise.all(Array.from({ length: 10 }, () => service.verify(created.secret!))),
  );
  expect(result).toEqual(Array(10).fill({ kind: 'analyst', apiKeyId: created.apiKey!.keyId }));
  expect(commands).toBe(1);
});

it('refuses a key revoked through the same service at once, however long it trusts verified keys', async () => {
  const service = new ApiKeyService({ activeKeyTtlMs: 60_000 });
  const created = await service.create({ name: 'revoked here', role: 'ANALYST' });
  expect(await service.verify(created.secret!)).toEqual({ kind: 'analyst', apiKeyId: created.apiKey!.keyId });
  await service.revoke(created.apiKey!.keyId);
  expect(await service.verify(created.secret!)).toBeNull();
});

it('refuses a key revoked by another process within a second', async () => {
  const elsewhere = await createAnalystKey('revoked elsewhere');
  expect((await send('192.0.2.41', withKey(elsewhere.secret))).status).toBe(200);
  // Another process revokes it: this one learns it when its cached record expires.
  await ApiKeyModel.updateOne({ keyId: elsewhere.id }, { $set: { revokedAt: new Date() } });
  await new Promise((resolve) => setTimeout(resolve, ACTIVE_KEY_TTL_MS + 100));
  expect((await send('192.0.2.41', withKey(elsewhere.secret))).status).toBe(401);
});
