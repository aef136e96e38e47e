import { createHash } from 'node:crypto';
import type { Choices, GeneratedRequest } from './fuzz-choices';

/** Documents of hostile shape: fragment cycles and long chains, alias floods, introspection, several operations, subscriptions. */
export function hostileDocument(c: Choices): GeneratedRequest {
  switch (c.integer(0, 7)) {
    case 0: {
      const length = c.integer(2, 600);
      const chain = Array.from(
        { length },
        (_, index) => `fragment C${index} on Query { ${index + 1 < length ? `...C${index + 1}` : '__typename'} }`,
      );
      return { query: `query { ...C0 }\n${chain.join('\n')}` };
    }
    case 1: {
      const length = c.integer(2, 50);
      const cycle = Array.from({ length }, (_, index) => `fragment C${index} on Query { ...C${(index + 1) % length} }`);
      return { query: `query { ...C0 }\n${cycle.join('\n')}` };
    }
    case 2: {
      const count = c.integer(25, 400);
      const field = c.pick([
        'providers { totalCount }',
        'search(query: "python") { totalCount }',
        'resourceFacets { kinds { count } }',
        'catalogStats(groupBy: [PROVIDER, KIND]) { count }',
        '__typename',
      ]);
      return { query: `{ ${Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join(' ')} }` };
    }
    case 3:
      return {
        query: c.pick([
          '{ __schema { types { name fields { name } } } }',
          '{ __type(name: "Resource") { name fields { name } } }',
          'query IntrospectionQuery { __schema { queryType { name } } }',
        ]),
      };
    case 4:
      return {
        query: 'query A { __typename } query B { providers { totalCount } } query A { __typename }',
        operationName: c.pick([undefined, 'A', 'B', 'C']),
      };
    case 5:
      return { query: c.pick(['subscription { resources { totalCount } }', 'subscription S { __typename }']) };
    case 6: {
      const depth = c.integer(13, 2_000);
      return {
        query: `{ ${'skill(slug: "python") { prerequisites { '.repeat(Math.floor(depth / 2))}name${' } }'.repeat(Math.floor(depth / 2))} }`,
      };
    }
    default: {
      const depth = c.integer(10, 3_000);
      return { query: `{ resources(filter: { tags: ${'['.repeat(depth)}"x"${']'.repeat(depth)} }) { totalCount } }` };
    }
  }
}

const SYNTAX_TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '@',
  '...',
  '!',
  '=',
  '|',
  '&',
  ',',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'true',
  'null',
  'extend',
  'schema',
  'type',
  'providers',
  'resources',
  'search',
  'edges',
  'node',
  'totalCount',
  'first',
  'id',
  '"text"',
  '"""block"""',
  '"unterminated',
  '"\\u{1F600}"',
  '"\\uD800"',
  '"\\x"',
  '123',
  '-0',
  '1.5e309',
  '0x1F',
  '1e',
  '.',
  '..',
  '-',
  '#comment\n',
  '\u0000',
  '\ufeff',
  '\u00a0',
  '\\',
  '`',
  '\u2028',
  '😀',
];

/** Random token streams, and valid operations with garbage spliced in. */
export function syntaxGarbage(c: Choices): GeneratedRequest {
  const tokens = Array.from({ length: c.integer(0, 300) }, () => c.pick(SYNTAX_TOKENS));
  const garbage = tokens.join(c.pick([' ', '', '\n']));
  if (c.percent(70)) return { query: garbage };
  const valid = '{ providers(first: 2) { edges { node { name } } } }';
  const at = c.integer(0, valid.length);
  return { query: valid.slice(0, at) + garbage + valid.slice(at) };
}

/** Automatic persisted queries: right, wrong, missing and malformed hashes and versions. */
export function persistedQuery(c: Choices, base: GeneratedRequest, knownHash: string): GeneratedRequest {
  const query = typeof base.query === 'string' ? base.query : '{ __typename }';
  const rightHash = createHash('sha256').update(query).digest('hex');
  const hash = c.pick<unknown>([
    rightHash,
    knownHash,
    'f'.repeat(64),
    rightHash.toUpperCase(),
    rightHash.slice(1),
    `${rightHash}0`,
    '',
    null,
    1,
    { $gt: '' },
    [rightHash],
  ]);
  const version = c.pick<unknown>([1, 1, 1, 2, 0, '1', null, undefined]);
  const persisted = { extensions: { persistedQuery: { version, sha256Hash: hash } } };
  return c.percent(50) ? { ...base, query, ...persisted } : { variables: base.variables, operationName: base.operationName, ...persisted };
}
