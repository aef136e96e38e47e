import { startTestApp, type TestApp } from './helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ MAX_QUERY_DEPTH: '6', MAX_ALIASES: '5', MAX_BODY_BYTES: '20000' });
});
afterAll(() => app?.stop());

async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(app.url, { method: 'POST', headers, body });
  const text = await response.text();
  return {
    status: response.status,
    text,
    json: (() => {
      try {
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    })(),
    headers: response.headers,
  };
}

describe('request limits and error hygiene', () => {
  it('refuses queries nested deeper than the limit', async () => {
    const deep = `query { providers { edges { node { resources { edges { node { provider { resources { totalCount } } } } } } } } }`;
    const response = await app.graphql(deep);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/depth limit of 6/i),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('refuses more aliases than the limit', async () => {
    const aliases = Array.from({ length: 8 }, (_, index) => `a${index}: providers { totalCount }`).join(' ');
    const response = await app.graphql(`query { ${aliases} }`);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/alias/i),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('refuses a body over the size cap with 413 and PAYLOAD_TOO_LARGE', async () => {
    const { status, json } = await post(
      JSON.stringify({ query: `query { providers { totalCount } }`, variables: { pad: 'x'.repeat(30_000) } }),
    );
    expect(status).toBe(413);
    expect(json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with 400 and BAD_USER_INPUT, without a stack trace', async () => {
    const { status, json, text } = await post('{"query": "query { providers { totalCount } ');
    expect(status).toBe(400);
    expect(json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('blocks simple cross-site requests (CSRF prevention)', async () => {
    const { status } = await post(JSON.stringify({ query: '{ providers { totalCount } }' }), { 'content-type': 'text/plain' });
    expect(status).toBe(400);
  });

  it('refuses a wrong bearer token with 401 rather than treating it as anonymous', async () => {
    const { status, json } = await post(JSON.stringify({ query: '{ providers { totalCount } }' }), {
      'content-type': 'application/json',
      authorization: 'Bearer not-the-admin-token',
    });
    expect(status).toBe(401);
    expect(json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('tags errors with a request id, echoes it in a header, and never sends stack traces', async () => {
    const { json, headers } = await post(JSON.stringify({ query: '{ providers(first: 1000) { totalCount } }' }), {
      'content-type': 'application/json',
      'x-request-id': 'client-request-0001',
    });
    expect(json.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'first', requestId: 'client-request-0001' });
    expect(headers.get('x-request-id')).toBe('client-request-0001');
  });

  it('rejects unknown fields and enum values as validation errors, not crashes', async () => {
    const unknownField = await app.graphql('{ providers { edges { node { password } } } }');
    expect(unknownField.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const unknownEnum = await app.graphql('{ providers(kind: BANANA) { totalCount } }');
    expect(unknownEnum.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const health = await fetch(app.url.replace('/graphql', '/health/ready'));
    expect(health.status).toBe(200);
  });
});
