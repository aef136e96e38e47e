import { createHash } from 'node:crypto';
import { toGlobalId } from '../src/core/relay/global-id';
import { ApiKeyModel } from '../src/modules/api-key/api-key.model';
import { SOURCE_ADAPTERS } from '../src/modules/ingestion/sources';
import { IdempotencyRecordModel } from '../src/modules/ingestion/idempotency-record.model';
import { IngestionService } from '../src/modules/ingestion/ingestion.service';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { seedIngestionVocabulary, type IngestionFixture } from './helpers/ingestion-fixture';
import { createApiKeyAsAdmin } from './helpers/api-keys';
import { dataOf, errorOf, startTestApp, type TestApp, type UntypedJson } from './helpers/test-app';

let app: TestApp;
let fixture: IngestionFixture;
const keys: Record<'partnerA' | 'partnerB' | 'analyst' | 'admin', { id: string; secret: string }> = {} as never;

const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name role prefix revokedAt provider { slug } } userErrors { field code message } } }`;
const REVOKE_KEY = `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id revokedAt } userErrors { field code } } }`;
const UPSERT = `mutation($input: UpsertResourcesInput!) { upsertResources(input: $input) {
  results { index externalId status unmappedSkills resource { id title url free price { amount currency } provider { slug } skills { skill { slug } } ... on Course { durationMinutes certificate } } }
  userErrors { field code message } createdCount updatedCount unchangedCount rejectedCount replayed } }`;
const RETIRE = `mutation($input: RetireResourcesInput!) { retireResources(input: $input) { retiredIds userErrors { field code } } }`;
const LIST = `{ resources(first: 100) { totalCount edges { node { title provider { slug } } } } }`;

function createKey(input: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  return createApiKeyAsAdmin(app, input);
}

function as(key: { secret: string }) {
  return { headers: { 'x-api-key': key.secret } };
}

function course(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    kind: 'COURSE',
    title: `Course ${externalId}`,
    url: `https://acme.example/courses/${externalId}`,
    price: { amount: 10, currency: 'usd' },
    skills: ['Docker'],
    ...overrides,
  };
}

beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedIngestionVocabulary();
  keys.partnerA = await createKey({
    name: 'Acme sync',
    role: 'PARTNER',
    providerId: toGlobalId('Provider', fixture.providerIds['acme-academy']),
  });
  keys.partnerB = await createKey({
    name: 'Beta sync',
    role: 'PARTNER',
    providerId: toGlobalId('Provider', fixture.providerIds['beta-learning']),
  });
  keys.analyst = await createKey({ name: 'Analytics team', role: 'ANALYST' });
  keys.admin = await createKey({ name: 'Ops', role: 'ADMIN' });
});
afterAll(() => app?.stop());

describe('API keys', () => {
  it('returns the secret once, with a recognisable prefix, and stores only its SHA-256', async () => {
    expect(keys.partnerA.secret).toMatch(/^sa_live_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const stored = await ApiKeyModel.findOne({ keyId: keys.partnerA.id }).lean();
    expect(stored?.secretHash).toBe(createHash('sha256').update(keys.partnerA.secret).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(keys.partnerA.secret.slice(20));
    const listed = dataOf(await app.graphql(`{ apiKeys { id role prefix provider { slug } } }`, {}, { admin: true })).apiKeys;
    expect(listed).toEqual(
      expect.arrayContaining([
        { id: keys.partnerA.id, role: 'PARTNER', prefix: `sa_live_${keys.partnerA.id}`, provider: { slug: 'acme-academy' } },
      ]),
    );
    expect(JSON.stringify(listed)).not.toContain(keys.partnerA.secret);
  });

  it('requires a provider for PARTNER keys and refuses one for other roles', async () => {
    const missing = dataOf(await app.graphql(CREATE_KEY, { input: { name: 'x', role: 'PARTNER' } }, { admin: true })).createApiKey;
    expect(missing).toMatchObject({ secret: null, apiKey: null, userErrors: [{ field: ['input', 'providerId'], code: 'INVALID' }] });
    const extra = dataOf(
      await app.graphql(
        CREATE_KEY,
        { input: { name: 'x', role: 'ANALYST', providerId: toGlobalId('Provider', fixture.providerIds.udemy) } },
        { admin: true },
      ),
    ).createApiKey;
    expect(extra.userErrors).toEqual([expect.objectContaining({ field: ['input', 'providerId'], code: 'INVALID' })]);
  });

  it('lets only admins (ADMIN_TOKEN or an ADMIN key) manage keys', async () => {
    const input = { name: 'nope', role: 'ANALYST' };
    expect((await app.graphql(CREATE_KEY, { input })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.graphql(CREATE_KEY, { input }, as(keys.partnerA))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.graphql(CREATE_KEY, { input }, as(keys.analyst))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byAdminKey = dataOf(await app.graphql(CREATE_KEY, { input }, as(keys.admin))).createApiKey;
    expect(byAdminKey.apiKey.role).toBe('ANALYST');
  });

  it('answers an unknown, malformed or revoked key with 401 UNAUTHENTICATED, never as anonymous', async () => {
    const unknown = 'sa_live_000000000000_' + 'A'.repeat(43);
    const tampered = keys.analyst.secret.slice(0, -1) + (keys.analyst.secret.endsWith('A') ? 'B' : 'A');
    for (const secret of [unknown, tampered, 'not-a-key']) {
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': secret },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as UntypedJson).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const doomed = await createKey({
      name: 'short-lived',
      role: 'PARTNER',
      providerId: toGlobalId('Provider', fixture.providerIds['acme-academy']),
    });
    expect(dataOf(await app.graphql(UPSERT, { input: { items: [] } }, as(doomed))).upsertResources.rejectedCount).toBe(0);
    const revoked = dataOf(await app.graphql(REVOKE_KEY, { input: { id: doomed.id } }, { admin: true })).revokeApiKey;
    expect(revoked.apiKey.revokedAt).toEqual(expect.any(String));
    expect((await app.graphql(UPSERT, { input: { items: [] } }, as(doomed))).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(dataOf(await app.graphql(REVOKE_KEY, { input: { id: 'ffffffffffff' } }, { admin: true })).revokeApiKey.userErrors).toEqual([
      { field: ['input', 'id'], code: 'NOT_FOUND' },
    ]);
  });

  it('accepts a key as a bearer token too, and keeps the ADMIN_TOKEN bearer working', async () => {
    const asBearer = await app.graphql(UPSERT, { input: { items: [] } }, { headers: { authorization: `Bearer ${keys.partnerA.secret}` } });
    expect(asBearer.errors).toBeUndefined();
    const provider = dataOf(
      await app.graphql(
        `mutation($input: CreateProviderInput!) { createProvider(input: $input) { provider { slug } userErrors { code } } }`,
        { input: { name: 'Gamma', slug: 'gamma', kind: 'COMMUNITY', url: 'https://gamma.example' } },
        { admin: true },
      ),
    );
    expect(provider.createProvider.provider.slug).toBe('gamma');
  });
});

describe('upsertResources and retireResources', () => {
  it('refuses anonymous callers and analysts; an admin must name the provider', async () => {
    expect((await app.graphql(UPSERT, { input: { items: [course('x')] } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.graphql(UPSERT, { input: { items: [course('x')] } }, as(keys.analyst))).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(errorOf(await app.graphql(UPSERT, { input: { items: [course('x')] } }, { admin: true }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'input.provider',
    });
    expect(await ResourceModel.countDocuments({ 'source.externalId': 'x' })).toBe(0);
  });

  it('writes good items and reports bad ones per item, with the item index in the field path', async () => {
    const items = [
      course('a-1', { durationMinutes: 90, certificate: 'PAID', skills: ['docker', 'k8s', 'Underwater Basket Weaving'] }),
      course('a-2', { url: 'javascript:alert(1)' }),
      course('a-3', { price: { amount: -5, currency: 'USD' } }),
      course('a-4', { title: '<b>Bold</b> claims' }),
      {
        externalId: 'a-5',
        kind: 'EVENT',
        title: 'Acme Conf',
        url: 'https://acme.example/conf',
        startDate: '2027-05-02',
        endDate: '2027-05-01',
      },
      course('a-6', { stars: 10 }),
      course('a-1', { title: 'Twice in one call' }),
      {
        externalId: 'a-7',
        kind: 'EVENT',
        title: 'Acme Summit',
        url: 'https://acme.example/summit?utm_source=mail#top',
        startDate: '2027-06-01',
        online: true,
        offerType: 'FREE',
      },
    ];
    const payload = dataOf(await app.graphql(UPSERT, { input: { items } }, as(keys.partnerA))).upsertResources;
    expect(payload.results.map((result: { status: string }) => result.status)).toEqual([
      'CREATED',
      'REJECTED',
      'REJECTED',
      'REJECTED',
      'REJECTED',
      'REJECTED',
      'REJECTED',
      'CREATED',
    ]);
    expect(payload.userErrors.map((error: { field: string[]; code: string }) => [error.field.join('.'), error.code])).toEqual([
      ['input.items.1.url', 'INVALID'],
      ['input.items.2.price', 'INVALID'],
      ['input.items.3.title', 'INVALID'],
      ['input.items.4.endDate', 'INVALID'],
      ['input.items.5.stars', 'INVALID'],
      ['input.items.6.externalId', 'DUPLICATE'],
    ]);
    expect(payload).toMatchObject({ createdCount: 2, updatedCount: 0, unchangedCount: 0, rejectedCount: 6, replayed: false });
    const first = payload.results[0];
    expect(first.resource).toMatchObject({
      title: 'Course a-1',
      url: 'https://acme.example/courses/a-1',
      free: false,
      price: { amount: 10, currency: 'USD' },
      provider: { slug: 'acme-academy' },
      durationMinutes: 90,
      certificate: 'PAID',
    });
    expect(first.resource.skills.map((coverage: { skill: { slug: string } }) => coverage.skill.slug).sort()).toEqual([
      'docker',
      'kubernetes',
    ]);
    expect(first.unmappedSkills).toEqual(['Underwater Basket Weaving']);
    expect(payload.results[7].resource.url).toBe('https://acme.example/summit');
  });

  it('refuses more than 250 items with BAD_USER_INPUT, before writing anything', async () => {
    const items = Array.from({ length: 251 }, (_, index) => course(`bulk-${index}`));
    const response = await app.graphql(UPSERT, { input: { items } }, as(keys.partnerA));
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await ResourceModel.countDocuments({ 'source.externalId': /^bulk-/ })).toBe(0);
  });

  it('updates by external id and reports unchanged items without writing them', async () => {
    const changed = dataOf(
      await app.graphql(
        UPSERT,
        {
          input: {
            items: [course('a-1', { durationMinutes: 120, certificate: 'PAID', skills: ['docker', 'k8s', 'Underwater Basket Weaving'] })],
          },
        },
        as(keys.partnerA),
      ),
    ).upsertResources;
    expect(changed.results[0]).toMatchObject({ status: 'UPDATED', resource: { durationMinutes: 120 } });
    const { result, byCommand } = await app.countDatabaseCommands(() =>
      app.graphql(
        UPSERT,
        {
          input: {
            items: [course('a-1', { durationMinutes: 120, certificate: 'PAID', skills: ['docker', 'k8s', 'Underwater Basket Weaving'] })],
          },
        },
        as(keys.partnerA),
      ),
    );
    expect(dataOf(result).upsertResources.results[0].status).toBe('UNCHANGED');
    expect(byCommand.update ?? 0).toBe(0);
    expect(byCommand.insert ?? 0).toBe(0);
  });

  it('replays the first result for a repeated idempotency key (per caller) without writing again', async () => {
    const input = { items: [course('idem-1'), course('idem-2', { url: 'ftp://acme.example/x' })], idempotencyKey: 'sync-2026-11-27-001' };
    const first = dataOf(await app.graphql(UPSERT, { input }, as(keys.partnerA))).upsertResources;
    expect(first).toMatchObject({ createdCount: 1, rejectedCount: 1, replayed: false });
    // Someone changes the resource in between: a replay still answers as the first call did, and writes nothing.
    const { result, byCommand } = await app.countDatabaseCommands(() => app.graphql(UPSERT, { input }, as(keys.partnerA)));
    const second = dataOf(result).upsertResources;
    expect(second).toMatchObject({ createdCount: 1, rejectedCount: 1, replayed: true });
    expect(second.results.map((entry: { status: string }) => entry.status)).toEqual(
      first.results.map((entry: { status: string }) => entry.status),
    );
    expect(second.userErrors).toEqual(first.userErrors);
    expect(byCommand.update ?? 0).toBe(0);
    expect(byCommand.insert ?? 0).toBe(0);
    expect(await ResourceModel.countDocuments({ 'source.externalId': 'idem-1' })).toBe(1);
    expect(await IdempotencyRecordModel.countDocuments({ key: 'sync-2026-11-27-001' })).toBe(1);
    const indexes = await IdempotencyRecordModel.collection.indexes();
    expect(indexes.find((index) => index.expireAfterSeconds !== undefined)).toMatchObject({
      key: { createdAt: 1 },
      expireAfterSeconds: 86400,
    });

    // The same key from another partner is another request.
    const other = dataOf(
      await app.graphql(
        UPSERT,
        { input: { ...input, items: [course('idem-1', { url: 'https://beta.example/idem-1' })] } },
        as(keys.partnerB),
      ),
    ).upsertResources;
    expect(other).toMatchObject({ createdCount: 1, replayed: false });
    // Reusing a key for a different input is refused rather than silently replayed.
    const reused = await app.graphql(UPSERT, { input: { ...input, items: [course('idem-3')] } }, as(keys.partnerA));
    expect(reused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("keeps partners to their own provider: B cannot create, change or retire A's resources", async () => {
    const before = await ResourceModel.findOne({
      'source.externalId': 'a-1',
      'source.feed': `partner:${fixture.providerIds['acme-academy'].toHexString()}`,
    }).lean();
    expect(before).not.toBeNull();

    // Same external id from B: a resource of B's own, A's is untouched.
    const sameId = dataOf(
      await app.graphql(
        UPSERT,
        { input: { items: [course('a-1', { title: 'Hijacked', url: 'https://beta.example/a-1' })] } },
        as(keys.partnerB),
      ),
    ).upsertResources;
    expect(sameId.results[0]).toMatchObject({ status: 'CREATED', resource: { provider: { slug: 'beta-learning' } } });
    // A's URL from B: refused (it is at A's host), not attached to A's resource.
    const sameUrl = dataOf(
      await app.graphql(UPSERT, { input: { items: [course('b-9', { url: 'https://acme.example/courses/a-1/' })] } }, as(keys.partnerB)),
    ).upsertResources;
    expect(sameUrl.userErrors).toEqual([
      expect.objectContaining({
        field: ['input', 'items', '0', 'url'],
        code: 'INVALID',
        message: expect.stringContaining('"acme-academy"'),
      }),
    ]);
    // A URL of A's at a host no provider holds: refused as taken.
    const neutral = dataOf(
      await app.graphql(UPSERT, { input: { items: [course('a-neutral', { url: 'https://neutral.example/a' })] } }, as(keys.partnerA)),
    ).upsertResources;
    expect(neutral.results[0].status).toBe('CREATED');
    const taken = dataOf(
      await app.graphql(
        UPSERT,
        { input: { items: [course('b-neutral', { url: 'http://www.neutral.example/a/?utm_source=x' })] } },
        as(keys.partnerB),
      ),
    ).upsertResources;
    expect(taken.userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '0', 'url'], code: 'DUPLICATE' })]);
    expect(await ResourceModel.countDocuments({ urlKey: 'neutral.example/a' })).toBe(1);
    // A's external id in B's retire: not found, nothing retired.
    const retire = dataOf(await app.graphql(RETIRE, { input: { externalIds: ['a-1'] } }, as(keys.partnerB))).retireResources;
    expect(retire).toEqual({ retiredIds: [expect.any(String)], userErrors: [] });
    expect(retire.retiredIds[0]).not.toBe(toGlobalId('Course', before!._id));

    const after = await ResourceModel.findById(before!._id).lean();
    expect(after).toMatchObject({ title: 'Course a-1', updatedAt: before!.updatedAt });
    expect(after?.retiredAt).toBeUndefined();
    expect(after?.alsoListedBy).toBeUndefined();
    expect(await ResourceModel.countDocuments({ providerId: fixture.providerIds['beta-learning'], title: 'Hijacked' })).toBe(1);
  });

  it("cannot write at another provider's host (or a subdomain of it); that provider's feed then gets the URL", async () => {
    const items = [
      course('claim-1', { title: 'Claimed Docker', url: 'https://www.coursera.org/learn/docker-claimed' }),
      course('claim-2', { url: 'https://blog.udemy.com/some-course' }),
      course('claim-3', { url: 'https://courses.acme.example/own-subdomain' }),
    ];
    const claimed = dataOf(await app.graphql(UPSERT, { input: { items } }, as(keys.partnerA))).upsertResources;
    expect(claimed.results.map((result: { status: string }) => result.status)).toEqual(['REJECTED', 'REJECTED', 'CREATED']);
    expect(claimed.userErrors).toEqual([
      {
        field: ['input', 'items', '0', 'url'],
        code: 'INVALID',
        message: expect.stringContaining('coursera.org belongs to the provider "coursera"'),
      },
      {
        field: ['input', 'items', '1', 'url'],
        code: 'INVALID',
        message: expect.stringContaining('udemy.com belongs to the provider "udemy"'),
      },
    ]);
    expect(await ResourceModel.countDocuments({ 'source.externalId': { $in: ['claim-1', 'claim-2'] } })).toBe(0);
    const element = {
      courseType: 'v2.ondemand',
      id: 'claimed-1',
      slug: 'docker-claimed',
      name: 'Docker, Claimed Back',
      description: 'Containers.',
      primaryLanguages: ['en'],
    };
    const adapter = SOURCE_ADAPTERS.coursera;
    const report = await new IngestionService(app.entityChanges).ingest(
      adapter.feed,
      adapter.read([{ name: 'coursera.json', text: JSON.stringify({ elements: [element] }) }]),
      { full: false },
    );
    expect({ created: report.created, listed: report.listed }).toEqual({ created: 1, listed: 0 });
    const atUrl = await ResourceModel.find({ url: 'https://www.coursera.org/learn/docker-claimed' }, { providerId: 1 }).lean();
    expect(atUrl.map((resource) => String(resource.providerId))).toEqual([String(fixture.providerIds.coursera)]);
  });

  it('a feed never joins a resource a partner wrote for another provider: its record is rejected, naming it', async () => {
    const claimed = dataOf(
      await app.graphql(UPSERT, { input: { items: [course('free-host', { url: 'https://free-host.example/intro' })] } }, as(keys.partnerA)),
    ).upsertResources;
    expect(claimed.results[0].status).toBe('CREATED');
    const report = await new IngestionService(app.entityChanges).ingest(
      'some-feed',
      {
        records: [{ recordNumber: 1, externalId: 'x-1', kind: 'COURSE', title: 'Intro', url: 'https://free-host.example/intro/' }],
        rejected: [],
      },
      { full: false },
    );
    expect(report).toMatchObject({
      created: 0,
      listed: 0,
      rejected: [{ recordNumber: 1, reason: expect.stringContaining('which a partner (partner:') }],
    });
    const atUrl = await ResourceModel.find({ urlKey: 'free-host.example/intro' }).lean();
    expect(atUrl).toHaveLength(1);
    expect(atUrl[0].alsoListedBy).toBeUndefined();
  });

  it('lets an admin (ADMIN_TOKEN or an ADMIN key) do what a partner does, for the provider it names', async () => {
    const acme = toGlobalId('Provider', fixture.providerIds['acme-academy']);
    const byToken = dataOf(
      await app.graphql(UPSERT, { input: { provider: acme, items: [course('by-admin', { title: 'Admin Written' })] } }, { admin: true }),
    ).upsertResources;
    expect(byToken.results[0]).toMatchObject({ status: 'CREATED', resource: { provider: { slug: 'acme-academy' } } });
    // Written into the provider's partner feed: the partner updates it by the same external id.
    const byPartner = dataOf(
      await app.graphql(UPSERT, { input: { items: [course('by-admin', { title: 'Partner Rewritten' })] } }, as(keys.partnerA)),
    ).upsertResources;
    expect(byPartner.results[0]).toMatchObject({
      status: 'UPDATED',
      resource: { id: byToken.results[0].resource.id, title: 'Partner Rewritten' },
    });
    const byKey = dataOf(
      await app.graphql(
        UPSERT,
        { input: { provider: acme, items: [course('by-admin', { title: 'Admin Key Rewritten' })] } },
        as(keys.admin),
      ),
    ).upsertResources;
    expect(byKey.results[0]).toMatchObject({ status: 'UPDATED', resource: { title: 'Admin Key Rewritten' } });
    // The same rules as for the partner: not at another provider's host.
    const foreign = dataOf(
      await app.graphql(
        UPSERT,
        { input: { provider: acme, items: [course('admin-foreign', { url: 'https://www.udemy.com/course/x' })] } },
        { admin: true },
      ),
    ).upsertResources;
    expect(foreign.userErrors).toEqual([expect.objectContaining({ field: ['input', 'items', '0', 'url'], code: 'INVALID' })]);
    const retired = dataOf(
      await app.graphql(RETIRE, { input: { provider: acme, externalIds: ['by-admin'] } }, { admin: true }),
    ).retireResources;
    expect(retired).toEqual({ retiredIds: [byToken.results[0].resource.id], userErrors: [] });

    const unknown = toGlobalId('Provider', '0123456789abcdef01234567');
    expect(errorOf(await app.graphql(UPSERT, { input: { provider: unknown, items: [] } }, { admin: true }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'input.provider',
    });
    expect(errorOf(await app.graphql(RETIRE, { input: { externalIds: ['by-admin'] } }, { admin: true }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'input.provider',
    });
    expect(errorOf(await app.graphql(UPSERT, { input: { provider: 'not-an-id', items: [] } }, { admin: true }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'input.provider',
    });
  });

  it('lets a partner name its own provider but no other (FORBIDDEN, nothing written)', async () => {
    const own = dataOf(
      await app.graphql(
        UPSERT,
        { input: { provider: toGlobalId('Provider', fixture.providerIds['acme-academy']), items: [course('named-own')] } },
        as(keys.partnerA),
      ),
    ).upsertResources;
    expect(own.results[0].status).toBe('CREATED');
    const other = await app.graphql(
      UPSERT,
      {
        input: {
          provider: toGlobalId('Provider', fixture.providerIds['beta-learning']),
          items: [course('named-other', { url: 'https://beta.example/named-other' })],
        },
      },
      as(keys.partnerA),
    );
    expect(errorOf(other).code).toBe('FORBIDDEN');
    const retire = await app.graphql(
      RETIRE,
      { input: { provider: toGlobalId('Provider', fixture.providerIds['beta-learning']), externalIds: ['a-1'] } },
      as(keys.partnerA),
    );
    expect(errorOf(retire).code).toBe('FORBIDDEN');
    expect(await ResourceModel.countDocuments({ 'source.externalId': 'named-other' })).toBe(0);
  });

  it('one URL, one live resource: a second item of the same feed is refused; a retired resource gives its URL up for good', async () => {
    const twice = dataOf(
      await app.graphql(
        UPSERT,
        {
          input: {
            items: [course('twice-1', { url: 'https://free.example/twice' }), course('twice-2', { url: 'https://free.example/twice/' })],
          },
        },
        as(keys.partnerA),
      ),
    ).upsertResources;
    expect(twice.results.map((result: { status: string }) => result.status)).toEqual(['CREATED', 'REJECTED']);
    expect(twice.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'items', '1', 'url'], code: 'DUPLICATE', message: expect.stringContaining('"twice-1"') }),
    ]);

    await app.graphql(RETIRE, { input: { externalIds: ['twice-1'] } }, as(keys.partnerA));
    expect(await ResourceModel.findOne({ 'source.externalId': 'twice-1' }).lean()).toMatchObject({ retiredAt: expect.any(Date) });
    expect((await ResourceModel.findOne({ 'source.externalId': 'twice-1' }).lean())?.urlKey).toBeUndefined();
    // Free again: another provider's partner may now have it.
    const taken = dataOf(
      await app.graphql(UPSERT, { input: { items: [course('after-retire', { url: 'https://free.example/twice' })] } }, as(keys.partnerB)),
    ).upsertResources;
    expect(taken.results[0].status).toBe('CREATED');
    // The retired resource cannot come back at the URL: a clear rejection, never a second live resource.
    const back = dataOf(
      await app.graphql(UPSERT, { input: { items: [course('twice-1', { url: 'https://free.example/twice' })] } }, as(keys.partnerA)),
    ).upsertResources;
    expect(back.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'items', '0', 'url'], code: 'DUPLICATE', message: expect.stringContaining('retired') }),
    ]);
    expect(await ResourceModel.countDocuments({ urlKey: 'free.example/twice' })).toBe(1);
    expect(await ResourceModel.countDocuments({ url: 'https://free.example/twice', retiredAt: null })).toBe(1);
  });

  it('retires resources: gone from lists, search and relations, kept in the database', async () => {
    await app.graphql(
      UPSERT,
      { input: { items: [course('kept', { title: 'Docker Kept Course' }), course('gone', { title: 'Docker Gone Course' })] } },
      as(keys.partnerA),
    );
    const titles = async () => dataOf(await app.graphql(LIST)).resources.edges.map((edge: { node: { title: string } }) => edge.node.title);
    expect(await titles()).toEqual(expect.arrayContaining(['Docker Kept Course', 'Docker Gone Course']));

    const retired = dataOf(
      await app.graphql(RETIRE, { input: { externalIds: ['gone', 'never-existed'] } }, as(keys.partnerA)),
    ).retireResources;
    expect(retired.retiredIds).toHaveLength(1);
    expect(retired.userErrors).toEqual([{ field: ['input', 'externalIds', '1'], code: 'NOT_FOUND' }]);

    expect(await titles()).toContain('Docker Kept Course');
    expect(await titles()).not.toContain('Docker Gone Course');
    const relations = dataOf(
      await app.graphql(
        `query($provider: ID!) { skill(slug: "docker") { resources(first: 100) { totalCount edges { node { title } } } } provider: node(id: $provider) { ... on Provider { resources(first: 100) { edges { node { title } } } } } }`,
        {
          provider: toGlobalId('Provider', fixture.providerIds['acme-academy']),
        },
      ),
    );
    const skillTitles = relations.skill.resources.edges.map((edge: { node: { title: string } }) => edge.node.title);
    const providerTitles = relations.provider.resources.edges.map((edge: { node: { title: string } }) => edge.node.title);
    expect(skillTitles).toContain('Docker Kept Course');
    expect(skillTitles).not.toContain('Docker Gone Course');
    expect(providerTitles).not.toContain('Docker Gone Course');
    const found = dataOf(await app.graphql(`{ search(query: "docker gone", first: 50) { edges { node { title } } } }`)).search.edges.map(
      (edge: { node: { title: string } }) => edge.node.title,
    );
    expect(found).not.toContain('Docker Gone Course');
    expect(await ResourceModel.findOne({ 'source.externalId': 'gone' }).lean()).toMatchObject({ retiredAt: expect.any(Date) });

    // Upserting it again brings it back.
    const back = dataOf(
      await app.graphql(UPSERT, { input: { items: [course('gone', { title: 'Docker Gone Course' })] } }, as(keys.partnerA)),
    ).upsertResources;
    expect(back.results[0].status).toBe('UPDATED');
    expect(await titles()).toContain('Docker Gone Course');
  });
});
