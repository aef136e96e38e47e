import fc from 'fast-check';
import { CALLERS, credentialHeaders, FuzzCase, withoutInternalDetail } from './fuzz-requests';
import type { FuzzVocabulary } from './fuzz-target';
import type { Framing } from './raw-http';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'get', 'P\u00d6ST'];

const QUERY_STRING = `query=${encodeURIComponent('{ providers { totalCount } }')}`;

const TARGETS = [
  '/graphql',
  '/graphql/',
  '/graphql?x',
  `/graphql?${QUERY_STRING}`,
  `/graphql?${QUERY_STRING}&variables=%7B%22a%22%3A%5B%5B%5B1%5D%5D%5D%7D&operationName=%00`,
  `/graphql?${QUERY_STRING}&variables=not-json&extensions=%7B`,
  `/graphql?query=${encodeURIComponent('mutation { deleteRole(input: { id: "x" }) { userErrors { code } } }')}`,
  '/graphql?query=%E0%A4%A',
  '/graphql?query[]=a&query[]=b',
  '//graphql',
  '/GRAPHQL',
  '/graphql%00',
  '/graphql/../health/live',
  '/graphql;jsessionid=1',
  '/health/live',
  '/health/ready',
  '/health/',
  '/health/%2e%2e',
  '/metrics/cache',
  '/metrics/cache?reset=1',
  '/',
  '*',
  '/%',
  'http://evil.example/graphql',
  `/graphql?${'a=1&'.repeat(2000)}`,
  `/${'x'.repeat(7000)}`,
];

const CONTENT_TYPES = [
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=UTF-8',
  'application/json;charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=nonsense',
  'APPLICATION/JSON',
  'application/json;;;',
  'application/json, text/plain',
  'application/graphql-response+json',
  'application/graphql',
  'text/plain',
  'text/plain; charset=utf-8',
  'multipart/form-data; boundary=----x',
  'multipart/mixed',
  'application/x-www-form-urlencoded',
  '',
  '*/*',
  'application/json\u00ff',
];

const ACCEPTS = [
  undefined,
  'application/json',
  'application/graphql-response+json',
  'multipart/mixed; deferSpec=20220824',
  'text/event-stream',
  'text/html',
  '*/*;q=0',
  '\u00e9',
];

/** Bodies for any method and content type: valid GraphQL JSON, form-encoded, multipart, empty, junk. */
const BODIES = [
  '{"query":"{ providers { totalCount } }"}',
  '{"query":"mutation { createProvider(input: { name: \\"x\\", kind: EVENTS, url: \\"https://x.example\\" }) { userErrors { code } } }"}',
  '',
  'query={ providers { totalCount } }',
  '------x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n------x--\r\n',
  '{ providers { totalCount } }',
  'null',
  '\u00ff\u00fe{',
];

/** Garbage credentials: empty, huge, non-ASCII (latin1 bytes), look-alike keys, repeated. */
function garbageCredentialValues(vocabulary: FuzzVocabulary): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      'Bearer',
      'Bearer ',
      'Basic YWRtaW46YWRtaW4=',
      'Bearer sa_live_',
      'sa_live_',
      'sa_live_x.y',
      'sa_live_\u00e9\u00e8',
      `Bearer ${vocabulary.adminToken} extra`,
      `Bearer ${vocabulary.adminToken}\u00a0`,
      `Bearer\t${vocabulary.adminToken}`,
      `bearer ${vocabulary.partnerKey}`,
      `${vocabulary.partnerKey.slice(0, -1)}X`,
      `${vocabulary.partnerKey}${vocabulary.partnerKey}`,
      '{"$gt":""}',
      'null',
    ),
    fc.integer({ min: 100, max: 20_000 }).map((length) => `Bearer ${'A'.repeat(length)}`),
    fc.integer({ min: 100, max: 20_000 }).map((length) => `sa_live_${'9'.repeat(length)}`),
    fc.string({ unit: 'binary', maxLength: 60 }).map((text) =>
      Buffer.from(text, 'utf8')
        .toString('latin1')
        .replace(/[\r\n\0]/g, ''),
    ),
  );
}

const REQUEST_IDS = fc.oneof(
  fc.constantFrom(
    '',
    'short',
    'a'.repeat(100),
    'a'.repeat(101),
    '../../etc/passwd',
    '\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9',
    'req id with spaces',
    '12345678',
  ),
  fc.integer({ min: 200, max: 12_000 }).map((length) => 'r'.repeat(length)),
);

/** Framing: mostly right, then every way of getting it wrong. */
const FRAMINGS: fc.Arbitrary<Framing> = fc.oneof(
  { arbitrary: fc.constant<Framing>({ kind: 'content-length' }), weight: 12 },
  { arbitrary: fc.integer({ min: 0, max: 200_000 }).map((length): Framing => ({ kind: 'declared-length', length })), weight: 2 },
  {
    arbitrary: fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 8 }).map((chunkSizes): Framing => ({ kind: 'chunked', chunkSizes })),
    weight: 3,
  },
  {
    arbitrary: fc
      .constantFrom('zz', '-1', 'ffffffffffffffff', '1;ext=\u00ff', '')
      .map((badChunk): Framing => ({ kind: 'chunked', chunkSizes: [5], badChunk })),
    weight: 1,
  },
  { arbitrary: fc.nat({ max: 40 }).map((afterBytes): Framing => ({ kind: 'cut', afterBytes })), weight: 2 },
  { arbitrary: fc.constant<Framing>({ kind: 'both' }), weight: 1 },
);

/** Family 2: methods, paths, content types, credentials, request ids and framing, in every combination. */
export function transportCases(vocabulary: FuzzVocabulary): Record<string, fc.Arbitrary<FuzzCase>> {
  const credentialsHeader = fc.oneof(
    { arbitrary: fc.constantFrom(...CALLERS).map((caller) => credentialHeaders(caller, vocabulary)), weight: 3 },
    {
      arbitrary: fc.array(fc.tuple(fc.constantFrom('X-Api-Key', 'Authorization', 'x-api-key'), garbageCredentialValues(vocabulary)), {
        minLength: 1,
        maxLength: 4,
      }),
      weight: 4,
    },
  );
  const requests = fc
    .record({
      method: fc.constantFrom(...METHODS),
      target: fc.constantFrom(...TARGETS),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      accept: fc.constantFrom(...ACCEPTS),
      credentials: credentialsHeader,
      requestIds: fc.array(REQUEST_IDS, { maxLength: 3 }),
      preflight: fc.boolean(),
      origin: fc.constantFrom(undefined, 'https://evil.example', 'null'),
      body: fc.constantFrom(...BODIES),
      framing: FRAMINGS,
    })
    .map(({ method, target, contentType, accept, credentials, requestIds, preflight, origin, body, framing }) => {
      const headers: Array<[string, string]> = [];
      if (contentType !== undefined) headers.push(['Content-Type', contentType]);
      if (accept !== undefined) headers.push(['Accept', accept]);
      if (preflight) headers.push(['Apollo-Require-Preflight', 'true']);
      if (origin !== undefined) headers.push(['Origin', origin]);
      headers.push(...credentials, ...requestIds.map((id): [string, string] => ['X-Request-Id', id]));
      return new FuzzCase('transport', { method, target, headers, body: Buffer.from(body, 'latin1'), framing });
    });
  return { 'methods, paths, content types, credentials and framing': withoutInternalDetail(requests) };
}
