import type { RawResponse } from './raw-http';

/**
 * Text that only an internal detail can put in an answer: stack frames, source paths, driver and
 * runtime error names, library names. A fuzz input that itself contains one of these could be echoed
 * back in an honest error message, so the generators drop such inputs (`mentionsInternalDetail`).
 */
export const INTERNAL_DETAIL_PATTERNS: readonly RegExp[] = [
  /\bat (?:[^\s()]+ )?\(?(?:node:|file:|\/|[A-Za-z]:\\)[^\s()]*:\d+:\d+\)?/,
  /\/work\//,
  /node_modules/,
  /\.ts:/,
  /\.[cm]?js:\d/,
  /MongoServerError/,
  /MongoError/,
  /MongoNetworkError/,
  /E11000/,
  /\bBSON/,
  /Cast to \w+ failed/,
  /TypeError/,
  /RangeError/,
  /ReferenceError/,
  /SyntaxError/,
  /Maximum call stack/,
  /Cannot read prop/,
  /is not a function/,
  /ECONNREFUSED/,
  /ECONNRESET/,
  /\bERR_[A-Z_]{3,}/,
  /mongoose/i,
];

/** Field and type suggestions help an attacker map the schema; production must not give them. */
const SUGGESTION_PATTERN = /did you mean/i;

/** True when `text` contains something an answer must never contain (internal detail or a suggestion). */
export function mentionsInternalDetail(text: string): boolean {
  return SUGGESTION_PATTERN.test(text) || INTERNAL_DETAIL_PATTERNS.some((pattern) => pattern.test(text));
}

/** Where a request was sent: GraphQL answers are checked for the GraphQL response shape. */
export function isGraphQLPath(target: string): boolean {
  const path = target.split('?')[0];
  return path === '/graphql' || path === '/graphql/';
}

/**
 * Every problem with one answer, as readable sentences (empty when there is none):
 * - a 5xx other than 503 (503 is the deliberate "not ready / shedding load" answer);
 * - a stack trace, source path or driver/runtime error name anywhere in the status line, headers or body;
 * - a "Did you mean" suggestion;
 * - on the GraphQL endpoint, a JSON body that does not have the GraphQL response shape, or an error
 *   coded INTERNAL_SERVER_ERROR: an unexpected failure masked after the fact, where bad input should
 *   have had a client-facing code.
 */
export function hygieneProblems(response: RawResponse, target: string): string[] {
  const problems: string[] = [];
  if (response.status >= 500 && response.status !== 503) problems.push(`status ${response.status}`);
  const body = response.body.toString('utf8');
  for (const [where, text] of [
    ['headers', response.head],
    ['body', body],
  ] as const) {
    const leaked = INTERNAL_DETAIL_PATTERNS.find((pattern) => pattern.test(text));
    if (leaked) problems.push(`the ${where} contain internal detail (${leaked}): ${excerptAround(text, leaked)}`);
    if (SUGGESTION_PATTERN.test(text)) problems.push(`the ${where} contain a suggestion: ${excerptAround(text, SUGGESTION_PATTERN)}`);
  }
  const contentType = response.headers['content-type'] ?? '';
  if (isGraphQLPath(target) && /json/i.test(contentType) && response.body.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      problems.push(`the body says ${contentType} but is not JSON: ${body.slice(0, 200)}`);
    }
    if (parsed !== undefined) problems.push(...graphQLShapeProblems(parsed));
  }
  return problems;
}

/** What is wrong with `body` as a GraphQL response: `data` and/or `errors`, each error a message and a string `extensions.code`. */
export function graphQLShapeProblems(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return [`the JSON body is not an object: ${JSON.stringify(body)?.slice(0, 200)}`];
  const { data, errors } = body as { data?: unknown; errors?: unknown };
  if (data === undefined && errors === undefined)
    return [`the JSON body has neither data nor errors: ${JSON.stringify(body).slice(0, 200)}`];
  if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data))) return [`data is not an object or null`];
  if (errors === undefined) return [];
  if (!Array.isArray(errors) || errors.length === 0) return [`errors is not a non-empty array: ${JSON.stringify(errors).slice(0, 200)}`];
  // Each error is checked for the fields read here before it is trusted; a non-object reads as undefined fields.
  return errors.flatMap((error: { message?: unknown; extensions?: { code?: unknown } } | null | undefined, index) => {
    if (typeof error?.message !== 'string') return [`errors[${index}] has no message: ${JSON.stringify(error).slice(0, 200)}`];
    if (typeof error.extensions?.code !== 'string')
      return [`errors[${index}] has no string extensions.code: ${JSON.stringify(error).slice(0, 200)}`];
    if (error.extensions.code === 'INTERNAL_SERVER_ERROR')
      return [`errors[${index}] is an unexpected error, masked: ${JSON.stringify(error).slice(0, 200)}`];
    return [];
  });
}

function excerptAround(text: string, pattern: RegExp): string {
  const index = text.search(pattern);
  return JSON.stringify(text.slice(Math.max(0, index - 80), index + 160));
}
