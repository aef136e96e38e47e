import { dataOf, type TestApp } from './test-app';

/** Creates an API key through the admin API (`createApiKey`), failing the test on any user error. */
export async function createApiKeyAsAdmin(app: TestApp, input: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const payload = dataOf(
    await app.graphql(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } userErrors { field code message } } }`,
      { input },
      { admin: true },
    ),
  ).createApiKey;
  expect(payload.userErrors).toEqual([]);
  return { id: payload.apiKey.id, secret: payload.secret };
}
