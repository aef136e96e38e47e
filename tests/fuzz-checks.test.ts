import { parseResponse, type RawResponse } from './helpers/raw-http';
import { hygieneProblems, mentionsInternalDetail } from './helpers/response-hygiene';

/**
 * The checks the fuzz suite applies to every answer, on answers made up to break each of them: a
 * check that never fires would let the fuzz suite pass whatever the server does.
 */
function answer(status: number, body: string, headers: Record<string, string> = {}): RawResponse {
  const allHeaders = { 'Content-Type': 'application/json; charset=utf-8', ...headers, 'Content-Length': String(Buffer.byteLength(body)) };
  const head = [`HTTP/1.1 ${status} X`, ...Object.entries(allHeaders).map(([name, value]) => `${name}: ${value}`)].join('\r\n');
  return parseResponse(Buffer.from(`${head}\r\n\r\n${body}`), false)!;
}

const CLEAN =
  '{"errors":[{"message":"\\"first\\" must be between 1 and 100, got 1000.","extensions":{"code":"BAD_USER_INPUT","requestId":"client-request-0001"}}],"data":null}';

describe('the checks the fuzz suite applies to every answer', () => {
  it('accept a clean GraphQL answer, a 503 and a non-JSON refusal', () => {
    expect(hygieneProblems(answer(200, CLEAN), '/graphql')).toEqual([]);
    expect(hygieneProblems(answer(200, '{"data":{"providers":{"totalCount":4}}}'), '/graphql?x')).toEqual([]);
    expect(hygieneProblems(answer(503, '{"status":"unavailable","mongo":false}'), '/health/ready')).toEqual([]);
    expect(
      hygieneProblems(
        answer(400, 'POST body missing, invalid Content-Type, or JSON object has no keys.', { 'Content-Type': 'text/plain' }),
        '/graphql',
      ),
    ).toEqual([]);
  });

  it.each([
    ['a 500', answer(500, '{"errors":[{"message":"Internal server error.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}'), /status 500/],
    ['a 502', answer(502, CLEAN), /status 502/],
    [
      'a stack frame',
      answer(400, '{"errors":[{"message":"x\\n    at parse (/srv/app/dist/index.js:10:5)","extensions":{"code":"BAD_USER_INPUT"}}]}'),
      /internal detail/,
    ],
    ['a source path', answer(200, CLEAN.replace('got 1000', 'in /work/wt/src/core/relay/cursor.ts:12')), /internal detail/],
    ['a driver error', answer(200, CLEAN.replace('must be', 'MongoServerError: E11000 duplicate key')), /internal detail/],
    [
      'a runtime error',
      answer(200, CLEAN.replace('must be', "TypeError: Cannot read properties of undefined (reading 'x')")),
      /internal detail/,
    ],
    ['a library name in a header', answer(200, CLEAN, { 'X-Debug': 'mongoose 9' }), /headers contain internal detail/],
    [
      'a suggestion',
      answer(
        400,
        '{"errors":[{"message":"Value \\"advanced\\" does not exist in \\"Level\\" enum. Did you mean the enum value \\"ADVANCED\\"?","extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}',
      ),
      /suggestion/,
    ],
    [
      'a masked unexpected error',
      answer(200, '{"errors":[{"message":"Internal server error.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":null}'),
      /unexpected error, masked/,
    ],
    ['an error without a code', answer(400, '{"errors":[{"message":"Bad."}]}'), /no string extensions.code/],
    ['an error without a message', answer(400, '{"errors":[{"extensions":{"code":"BAD_REQUEST"}}]}'), /no message/],
    ['an empty errors list', answer(400, '{"errors":[]}'), /not a non-empty array/],
    ['neither data nor errors', answer(200, '{"result":1}'), /neither data nor errors/],
    ['a JSON array', answer(200, '[{"data":{}}]'), /not an object/],
    ['JSON that is not JSON', answer(200, '{"data":'), /not JSON/],
  ])('reject %s', (_name, response, problem) => {
    expect(hygieneProblems(response, '/graphql').join('\n')).toMatch(problem);
  });

  it('recognise inputs that an honest echo would turn into a leak, so the generators drop them', () => {
    expect(mentionsInternalDetail('{"query":"{ resource(slug: \\"TypeError\\") { title } }"}')).toBe(true);
    expect(mentionsInternalDetail('did you mean')).toBe(true);
    expect(mentionsInternalDetail('{"query":"{ resource(slug: \\"intro-js\\") { title } }"}')).toBe(false);
  });
});
