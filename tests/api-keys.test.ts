import { createHash } from 'node:crypto';
import { runApiKeyCommand } from '../src/modules/api-key/api-key.cli';
import { ApiKeyModel } from '../src/modules/api-key/api-key.model';
import { apiKeyMatches, generateApiKey, keyIdOf } from '../src/modules/api-key/api-key.secret';
import { ApiKeyService } from '../src/modules/api-key/api-key.service';
import { seedIngestionVocabulary, type IngestionFixture } from './helpers/ingestion-fixture';
import { startTestApp, type TestApp } from './helpers/test-app';

let app: TestApp;
let fixture: IngestionFixture;
const service = new ApiKeyService();

/** Runs one `npm run api-key -- …` command in-process and returns its exit code and output. */
async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runApiKeyCommand(
    argv,
    service,
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { code, out, err };
}

beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedIngestionVocabulary();
});
afterAll(() => app?.stop());

describe('key material', () => {
  it('generates distinct high-entropy keys with their id inside', () => {
    const keys = Array.from({ length: 50 }, generateApiKey);
    expect(new Set(keys.map((key) => key.key)).size).toBe(50);
    for (const { keyId, key } of keys) expect(keyIdOf(key)).toBe(keyId);
    expect(keyIdOf('sa_live_short')).toBeNull();
  });

  it('compares a key with its stored hash', () => {
    const { key } = generateApiKey();
    const hash = createHash('sha256').update(key).digest('hex');
    expect(apiKeyMatches(key, hash)).toBe(true);
    expect(apiKeyMatches(`${key.slice(0, -1)}x`, hash)).toBe(false);
    expect(apiKeyMatches(key, 'not-a-hash')).toBe(false);
  });
});

describe('ApiKeyService.verify', () => {
  it('maps each role to its caller, and refuses revoked and forged keys', async () => {
    const partner = await service.create({ name: 'p', role: 'PARTNER', provider: { slug: 'udemy' } });
    const analyst = await service.create({ name: 'a', role: 'ANALYST' });
    const admin = await service.create({ name: 'ad', role: 'ADMIN' });
    expect(await service.verify(partner.secret!)).toEqual({
      kind: 'partner',
      apiKeyId: partner.apiKey!.keyId,
      providerId: String(fixture.providerIds.udemy),
    });
    expect(await service.verify(analyst.secret!)).toEqual({ kind: 'analyst', apiKeyId: analyst.apiKey!.keyId });
    expect(await service.verify(admin.secret!)).toEqual({ kind: 'admin', apiKeyId: admin.apiKey!.keyId });
    // Right id, wrong secret.
    expect(await service.verify(`${analyst.secret!.slice(0, 21)}${'A'.repeat(43)}`)).toBeNull();
    await service.revoke(analyst.apiKey!.keyId);
    expect(await service.verify(analyst.secret!)).toBeNull();
  });
});

describe('npm run api-key', () => {
  it('creates a partner key for a provider slug, printing the secret once', async () => {
    const created = await cli('create', '--name', 'Acme sync', '--role', 'partner', '--provider', 'acme-academy');
    expect(created.code).toBe(0);
    const secret = created.out.find((line) => line.startsWith('sa_live_'))!;
    const keyId = keyIdOf(secret)!;
    expect(created.out[0]).toBe(`Created PARTNER key ${keyId} ("Acme sync", provider acme-academy).`);
    expect(await ApiKeyModel.findOne({ keyId }).lean()).toMatchObject({
      role: 'PARTNER',
      providerId: fixture.providerIds['acme-academy'],
      secretHash: createHash('sha256').update(secret).digest('hex'),
    });

    const listed = await cli('list');
    expect(listed.out.find((line) => line.startsWith(keyId))).toMatch(/PARTNER\s+active\s+"Acme sync" provider=acme-academy/);
    expect(listed.out.join('\n')).not.toContain(secret);

    expect((await cli('revoke', keyId)).code).toBe(0);
    expect((await cli('list')).out.find((line) => line.startsWith(keyId))).toContain('revoked');
    expect(await service.verify(secret)).toBeNull();
  });

  it('explains what is wrong', async () => {
    expect(await cli('create', '--name', 'x', '--role', 'PARTNER', '--provider', 'nowhere')).toMatchObject({
      code: 1,
      err: ['api-key: providerId: No provider has this id.'],
    });
    expect(await cli('create', '--name', 'x', '--role', 'PARTNER')).toMatchObject({
      code: 1,
      err: ['api-key: providerId: A PARTNER key is bound to one provider: providerId is required.'],
    });
    expect(await cli('revoke', 'ffffffffffff')).toMatchObject({ code: 1, err: ['api-key: No API key has this id.'] });
    await expect(cli('rotate')).rejects.toThrow('unknown command "rotate"');
  });
});
