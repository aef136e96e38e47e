import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const CREATE = `mutation($input: CreateProviderInput!) { createProvider(input: $input) { provider { id slug name kind url hosts } userErrors { field message code } } }`;

describe('providers', () => {
  it('creates, reads, updates and deletes a provider', async () => {
    const created = dataOf(
      await app.graphql(
        CREATE,
        {
          input: {
            slug: 'coursera',
            name: 'Coursera',
            kind: 'MOOC_PLATFORM',
            url: 'https://www.coursera.org',
            hosts: ['www.Coursera.org'],
          },
        },
        { admin: true },
      ),
    );
    expect(created.createProvider.userErrors).toEqual([]);
    expect(created.createProvider.provider).toMatchObject({ slug: 'coursera', kind: 'MOOC_PLATFORM', hosts: ['coursera.org'] });
    const id = created.createProvider.provider.id;

    const read = dataOf(
      await app.graphql(`query { provider(slug: "coursera") { id name } node(id: "${id}") { id ... on Provider { slug } } }`),
    );
    expect(read.provider).toEqual({ id, name: 'Coursera' });
    expect(read.node).toEqual({ id, slug: 'coursera' });

    const updated = dataOf(
      await app.graphql(
        `mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { provider { name } userErrors { code } } }`,
        { input: { id, name: 'Coursera Inc.' } },
        { admin: true },
      ),
    );
    expect(updated.updateProvider).toEqual({ provider: { name: 'Coursera Inc.' }, userErrors: [] });

    const deleted = dataOf(
      await app.graphql(
        `mutation($input: DeleteProviderInput!) { deleteProvider(input: $input) { deletedId userErrors { code } } }`,
        { input: { id } },
        { admin: true },
      ),
    );
    expect(deleted.deleteProvider).toEqual({ deletedId: id, userErrors: [] });
    expect(dataOf(await app.graphql(`query { provider(slug: "coursera") { id } }`)).provider).toBeNull();
  });

  it('stores names trimmed, on create and on update', async () => {
    const created = dataOf(
      await app.graphql(
        CREATE,
        { input: { slug: 'spaced', name: '  Spaced Academy ', kind: 'MOOC_PLATFORM', url: 'https://spaced.example' } },
        { admin: true },
      ),
    );
    expect(created.createProvider.provider.name).toBe('Spaced Academy');
    const id = created.createProvider.provider.id;
    const updated = dataOf(
      await app.graphql(
        `mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { provider { name } } }`,
        { input: { id, name: ' Spaced Learning  ' } },
        { admin: true },
      ),
    );
    expect(updated.updateProvider.provider.name).toBe('Spaced Learning');
    await app.graphql(
      `mutation($input: DeleteProviderInput!) { deleteProvider(input: $input) { deletedId } }`,
      { input: { id } },
      { admin: true },
    );
  });

  it('refuses mutations without the admin token', async () => {
    const response = await app.graphql(CREATE, {
      input: { slug: 'udemy', name: 'Udemy', kind: 'MARKETPLACE', url: 'https://www.udemy.com' },
    });
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(dataOf(await app.graphql(`query { provider(slug: "udemy") { id } }`)).provider).toBeNull();
  });

  it('returns userErrors for a duplicate slug and a javascript: URL, writing nothing', async () => {
    const input = { slug: 'edx', name: 'edX', kind: 'MOOC_PLATFORM', url: 'https://www.edx.org' };
    expect(dataOf(await app.graphql(CREATE, { input }, { admin: true })).createProvider.userErrors).toEqual([]);
    const duplicate = dataOf(await app.graphql(CREATE, { input }, { admin: true })).createProvider;
    expect(duplicate).toEqual({
      provider: null,
      userErrors: [{ field: ['input', 'slug'], code: 'DUPLICATE', message: expect.any(String) }],
    });
    const badUrl = dataOf(
      await app.graphql(CREATE, { input: { ...input, slug: 'evil', url: 'javascript:alert(1)' } }, { admin: true }),
    ).createProvider;
    expect(badUrl.userErrors.map((error: { field: string[] }) => error.field)).toEqual([['input', 'url']]);
    expect(dataOf(await app.graphql(`query { provider(slug: "evil") { id } }`)).provider).toBeNull();
  });
});
