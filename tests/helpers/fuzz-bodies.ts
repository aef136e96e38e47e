import fc from 'fast-check';
import { callerArbitrary, FuzzCase, graphqlPost, withoutInternalDetail } from './fuzz-requests';
import type { FuzzVocabulary } from './fuzz-target';

/** Small valid operations the body generators wrap, corrupt and pad. */
const OPERATIONS = [
  '{ __typename }',
  '{ providers { totalCount } }',
  'query Resource($slug: String!) { resource(slug: $slug) { title } }',
  'query Filtered($filter: ResourceFilter) { resources(filter: $filter, first: 2) { totalCount edges { node { title } } } }',
  'query Search($q: String!) { search(query: $q, first: 3) { edges { node { title } } } }',
];

const validBodyObject = fc.record(
  {
    query: fc.constantFrom(...OPERATIONS),
    variables: fc.constantFrom({ slug: 'intro-js' }, { filter: { free: true } }, { q: 'python' }, {}),
    operationName: fc.constantFrom(null, 'Resource', 'Filtered', 'Search'),
  },
  { requiredKeys: ['query'] },
);

const validBodyText = validBodyObject.map((body) => JSON.stringify(body));

/** Random bytes, any length up to 4 KB. */
const randomBytes = fc.uint8Array({ maxLength: 4096, size: 'max' }).map((bytes) => Buffer.from(bytes));

/** A valid body cut short anywhere. */
const truncatedJson = fc.tuple(validBodyText, fc.nat()).map(([text, cut]) => text.slice(0, cut % text.length));

/** A valid body with one character inserted or replaced by a JSON-significant one (or NUL, or a lone surrogate). */
const corruptedJson = fc
  .tuple(validBodyText, fc.nat(), fc.constantFrom('{', '}', '[', ']', '"', '\\', ',', ':', '\u0000', '\ud800', 'e', '-', ' '), fc.boolean())
  .map(([text, at, character, replace]) => {
    const index = at % text.length;
    return text.slice(0, index) + character + text.slice(replace ? index + 1 : index);
  });

/** JSON of the wrong shape: not an object, or an object whose members have the wrong types. */
const wrongShape = fc
  .oneof(
    fc.jsonValue({ maxDepth: 4 }).filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
    fc.record(
      {
        query: fc.jsonValue({ maxDepth: 3 }),
        variables: fc.jsonValue({ maxDepth: 3 }),
        operationName: fc.jsonValue({ maxDepth: 2 }),
        extensions: fc.jsonValue({ maxDepth: 3 }),
      },
      { requiredKeys: [] },
    ),
    fc.record({ query: fc.constantFrom(...OPERATIONS), variables: fc.jsonValue({ maxDepth: 3 }) }),
    fc.record({ query: fc.constantFrom(...OPERATIONS), extensions: fc.record({ persistedQuery: fc.jsonValue({ maxDepth: 3 }) }) }),
  )
  .map((value) => JSON.stringify(value));

/** Where deep nesting is put: every member the server reads, and the body itself. */
const DEEP_PLACES = [
  'variables',
  'variable',
  'filter variable',
  'extensions',
  'persistedQuery',
  'operationName',
  'query',
  'body',
  'batch',
] as const;

/**
 * JSON nested `depth` levels, written as text: building it as a value and calling JSON.stringify
 * would overflow this process's stack before the server's.
 */
function deepJson(depth: number, shape: 'array' | 'object' | 'mixed'): string {
  if (shape === 'array') return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  if (shape === 'object') return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const half = Math.floor(depth / 2);
  return `${'{"a":['.repeat(half)}1${']}'.repeat(half)}`;
}

/** Nesting depths from harmless to far beyond any stack: most of the budget goes to the dangerous range. */
const nestingDepth = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 100 }), weight: 2 },
  { arbitrary: fc.integer({ min: 100, max: 5_000 }), weight: 3 },
  { arbitrary: fc.integer({ min: 5_000, max: 60_000 }), weight: 5 },
);

const deeplyNested = fc
  .record({
    depth: nestingDepth,
    shape: fc.constantFrom('array' as const, 'object' as const, 'mixed' as const),
    place: fc.constantFrom(...DEEP_PLACES),
  })
  .map(({ depth, shape, place }) => {
    const deep = deepJson(depth, shape);
    const query = JSON.stringify(OPERATIONS[3]);
    switch (place) {
      case 'variables':
        return `{"query":${query},"variables":${deep}}`;
      case 'variable':
        return `{"query":${query},"variables":{"filter":${deep}}}`;
      case 'filter variable':
        return `{"query":${query},"variables":{"filter":{"tags":${deep}}}}`;
      case 'extensions':
        return `{"query":${query},"extensions":${deep}}`;
      case 'persistedQuery':
        return `{"query":${query},"extensions":{"persistedQuery":${deep}}}`;
      case 'operationName':
        return `{"query":${query},"operationName":${deep}}`;
      case 'query':
        return `{"query":${deep}}`;
      case 'body':
        return deep;
      case 'batch':
        return `[{"query":${query}},${deep}]`;
    }
  });

/** Batched operations: Apollo's batching is off, so every one must be refused cleanly. */
const batched = fc.oneof(
  fc.array(validBodyObject, { maxLength: 20 }).map((bodies) => JSON.stringify(bodies)),
  fc.integer({ min: 100, max: 2_000 }).map((count) => JSON.stringify(Array.from({ length: count }, () => ({ query: OPERATIONS[1] })))),
);

/** Lone surrogates, NUL, byte-order marks and invalid UTF-8 in every member. */
const unicodeTrouble = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('\\ud800', '\\udfff', '\\u0000', '\\ufeff', '\\ud83d\\ude00', '\\uffff'),
      fc.constantFrom('query', 'operationName', 'variables'),
    )
    .map(([escape, member]) =>
      member === 'query'
        ? `{"query":"{ resource(slug: \\"${escape}\\") { title } }"}`
        : member === 'operationName'
          ? `{"query":"query Q { __typename }","operationName":"Q${escape}"}`
          : `{"query":${JSON.stringify(OPERATIONS[4])},"variables":{"q":"py${escape}thon"}}`,
    ),
  fc
    .tuple(
      validBodyText,
      fc.nat(),
      fc.constantFrom([0xff], [0xc0, 0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xef, 0xbb, 0xbf]),
    )
    .map(([text, at, bytes]) => {
      const utf8 = Buffer.from(text, 'utf8');
      const index = at % utf8.length;
      return Buffer.concat([utf8.subarray(0, index), Buffer.from(bytes), utf8.subarray(index)]);
    }),
  validBodyText.map((text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
  validBodyText.map((text) => Buffer.from(text, 'utf16le')),
  fc
    .string({ unit: 'binary', maxLength: 200 })
    .map((text) => JSON.stringify({ query: `{ search(query: ${JSON.stringify(text || 'x')}) { totalCount } }`, operationName: text })),
);

/** Duplicate members and prototype-pollution shapes: the parser keeps the last, nothing may reach Object.prototype. */
const duplicateKeys = fc.oneof(
  fc.tuple(validBodyText, validBodyText).map(([first, second]) => `${first.slice(0, -1)},${second.slice(1)}`),
  fc.constantFrom(
    '{"query":"{ __typename }","query":{"a":1}}',
    '{"query":"{ __typename }","variables":{},"variables":[],"variables":null}',
    '{"__proto__":{"query":"{ __typename }"}}',
    '{"query":"{ __typename }","__proto__":{"variables":{"x":1}}}',
    '{"query":"query Filtered($filter: ResourceFilter) { resources(filter: $filter) { totalCount } }","variables":{"filter":{"__proto__":{"free":true}}}}',
    '{"query":"{ __typename }","constructor":{"prototype":{"polluted":true}}}',
    '{"query":"{ __typename }","extensions":{"__proto__":{"persistedQuery":{"version":1,"sha256Hash":"x"}}}}',
  ),
);

/** Bodies right below, at and above the body limits (100 kB anonymous, 1 MB current default, 2 MB keyed). */
const LIMITS = [100_000, 1_000_000, 2_000_000];
const nearSizeLimit = fc
  .record({
    limit: fc.constantFrom(...LIMITS),
    offset: fc.integer({ min: -64, max: 64 }),
    member: fc.constantFrom('variables', 'query', 'extensions'),
  })
  .map(({ limit, offset, member }) => {
    const size = limit + offset;
    const frame =
      member === 'query'
        ? (pad: string) => `{"query":"{ __typename }#${pad}"}`
        : (pad: string) => `{"query":"{ __typename }","${member}":{"pad":"${pad}"}}`;
    return frame('x'.repeat(Math.max(0, size - frame('').length)));
  });

/** Long strings in the members a resolver reads (search text, slugs, operation names). */
const hugeStrings = fc
  .record({ length: fc.constantFrom(1_000, 10_000, 60_000, 95_000), member: fc.constantFrom('search', 'slug', 'operationName') })
  .map(({ length, member }) => {
    const text = 'k8s '.repeat(length / 4);
    if (member === 'operationName') return JSON.stringify({ query: OPERATIONS[0], operationName: text });
    return JSON.stringify(
      member === 'search' ? { query: OPERATIONS[4], variables: { q: text } } : { query: OPERATIONS[2], variables: { slug: text } },
    );
  });

/**
 * Family 1: bodies of every kind, each from a random caller, one in five sent chunked: an anonymous
 * body with a Content-Length is read by the response cache's fast path, a chunked one by express.
 */
export function bodyCases(vocabulary: FuzzVocabulary): Record<string, fc.Arbitrary<FuzzCase>> {
  const post = (family: string, bodies: fc.Arbitrary<string | Buffer>) =>
    withoutInternalDetail(
      fc.tuple(bodies, callerArbitrary(), fc.integer({ min: 0, max: 4 })).map(([body, caller, framingChoice]) => {
        const fuzzCase = graphqlPost(family, body, vocabulary, caller);
        return framingChoice > 0
          ? fuzzCase
          : new FuzzCase(family, { ...fuzzCase.request, framing: { kind: 'chunked', chunkSizes: [16_384] } });
      }),
    );
  return {
    'random bytes': post('random bytes', randomBytes),
    'truncated and corrupted JSON': post('malformed JSON', fc.oneof(truncatedJson, corruptedJson)),
    'JSON of the wrong shape': post('wrong shape', wrongShape),
    'deep nesting in every member': post('deep nesting', deeplyNested),
    'batched arrays': post('batched', batched),
    'unicode trouble': post('unicode', unicodeTrouble),
    'duplicate keys and prototype pollution': post('duplicate keys', duplicateKeys),
    'bodies near the size limits': post('size limits', nearSizeLimit),
    'huge strings': post('huge strings', hugeStrings),
  };
}
