import fc from 'fast-check';
import type { FuzzVocabulary } from './fuzz-target';
import type { RawRequest } from './raw-http';
import { mentionsInternalDetail } from './response-hygiene';

/** Who a generated request claims to be: each takes a different path through the server (fast path, express, auth). */
export type Caller = 'anonymous' | 'admin' | 'partner' | 'analyst';

export const CALLERS: readonly Caller[] = ['anonymous', 'admin', 'partner', 'analyst'];

/** The header that makes a request come from `caller`. */
export function credentialHeaders(caller: Caller, vocabulary: FuzzVocabulary): Array<[string, string]> {
  switch (caller) {
    case 'anonymous':
      return [];
    case 'admin':
      return [['Authorization', `Bearer ${vocabulary.adminToken}`]];
    case 'partner':
      return [['X-Api-Key', vocabulary.partnerKey]];
    case 'analyst':
      return [['Authorization', `Bearer ${vocabulary.analystKey}`]];
  }
}

/** A caller, anonymous most often (the response-cache fast path), keyed callers through express. */
export function callerArbitrary(): fc.Arbitrary<Caller> {
  return fc.oneof(
    { arbitrary: fc.constant<Caller>('anonymous'), weight: 6 },
    { arbitrary: fc.constantFrom<Caller>('admin', 'partner', 'analyst'), weight: 4 },
  );
}

const PREVIEW_CHARACTERS = 300;
/** Node's default --max-http-header-size: the request line and headers together. */
const NODE_MAX_HEADER_BYTES = 16 * 1024;

/**
 * One generated request and the family that made it. fast-check prints counterexamples with
 * `toString`: a bounded description, since bodies run to megabytes and nesting to 60,000 levels.
 */
export class FuzzCase {
  constructor(
    readonly family: string,
    readonly request: RawRequest,
  ) {}

  /**
   * No answer is acceptable only when the client itself broke the framing or cut the connection, or
   * sent a head longer than Node's limit: Node then answers 431 and resets the connection while the
   * client is still writing, so the answer may be lost.
   */
  get mayGoUnanswered(): boolean {
    const { framing, target, headers } = this.request;
    const headLength = target.length + headers.reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
    return (
      headLength > NODE_MAX_HEADER_BYTES ||
      framing.kind === 'cut' ||
      framing.kind === 'declared-length' ||
      framing.kind === 'both' ||
      (framing.kind === 'chunked' && framing.badChunk !== undefined)
    );
  }

  toString(): string {
    const { method, target, headers, body, framing } = this.request;
    const shown = (text: string) =>
      JSON.stringify(
        text.length > PREVIEW_CHARACTERS ? `${text.slice(0, PREVIEW_CHARACTERS)}…(${text.length} chars)…${text.slice(-60)}` : text,
      );
    const headerText = headers.map(([name, value]) => `${name}: ${shown(value)}`).join('; ');
    return `[${this.family}] ${shown(method)} ${shown(target)} {${headerText}} framing=${JSON.stringify(framing)} body(${body.length} bytes)=${shown(body.toString('latin1'))}`;
  }

  [fc.toStringMethod](): string {
    return this.toString();
  }
}

/** A POST to /graphql with a JSON content type and `body`, from `caller`. */
export function graphqlPost(family: string, body: string | Buffer, vocabulary: FuzzVocabulary, caller: Caller = 'anonymous'): FuzzCase {
  return new FuzzCase(family, {
    method: 'POST',
    target: '/graphql',
    headers: [['Content-Type', 'application/json'], ...credentialHeaders(caller, vocabulary)],
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    framing: { kind: 'content-length' },
  });
}

/**
 * Drops the cases that carry text an answer must never contain: an honest error message may echo
 * the input, and that echo must not be taken for a leak.
 */
export function withoutInternalDetail(cases: fc.Arbitrary<FuzzCase>): fc.Arbitrary<FuzzCase> {
  return cases.filter((fuzzCase) => {
    const { target, headers, body } = fuzzCase.request;
    return !mentionsInternalDetail(
      `${target}\n${headers.map(([name, value]) => `${name}: ${value}`).join('\n')}\n${body.toString('latin1')}`,
    );
  });
}
