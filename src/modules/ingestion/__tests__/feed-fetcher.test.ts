import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SOURCE_ADAPTERS } from '../sources';
import { FeedFetchError, HttpFeedFetcher } from '../feed-fetcher';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'tests', 'fixtures', 'feeds');
const udemy = JSON.parse(readFileSync(path.join(FIXTURES, 'udemy.json'), 'utf8'));
const github = JSON.parse(readFileSync(path.join(FIXTURES, 'github.json'), 'utf8'));

/** A local stand-in for the providers' APIs, serving the fixtures in pages, with scripted failures. */
let server: http.Server;
let base: string;
const hits: string[] = [];
/** Status codes to answer with before the real answer, by path. */
const failures = new Map<string, number[]>();

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', base);
    hits.push(url.pathname + url.search);
    const queued = failures.get(url.pathname)?.shift();
    if (queued === 0) return; // never answer: the client's timeout must fire
    if (queued) {
      response.writeHead(queued, queued === 429 ? { 'retry-after': '0' } : {});
      response.end('{"error":"try again"}');
      return;
    }
    if (url.pathname === '/udemy/courses') {
      // Two pages of three courses, linked by `next` as the affiliate API does.
      const page = Number(url.searchParams.get('page') ?? '1');
      const results = udemy.results.slice((page - 1) * 3, page * 3);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          count: udemy.results.length,
          next: page < 2 ? `${base}/udemy/courses?page=${page + 1}` : null,
          previous: null,
          results,
        }),
      );
      return;
    }
    if (url.pathname === '/github/search') {
      // GitHub pages by the Link header.
      const page = Number(url.searchParams.get('page') ?? '1');
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (page < 2) headers.link = `<${base}/github/search?q=x&page=2>; rel="next", <${base}/github/search?q=x&page=2>; rel="last"`;
      response.writeHead(200, headers);
      response.end(JSON.stringify({ ...github, items: github.items.slice((page - 1) * 2, page * 2) }));
      return;
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  hits.length = 0;
  failures.clear();
});

const sleeps: number[] = [];
const fetcher = (options: ConstructorParameters<typeof HttpFeedFetcher>[0] = {}) =>
  new HttpFeedFetcher({
    backoffMs: 10,
    timeoutMs: 300,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...options,
  });

it('follows `next` links page by page and reads every record', async () => {
  const pages = await fetcher().fetchPages(`${base}/udemy/courses`, SOURCE_ADAPTERS.udemy);
  expect(pages).toHaveLength(2);
  const reading = SOURCE_ADAPTERS.udemy.read(pages);
  expect(reading.records.map((record) => record.externalId)).toEqual(['101', '102', '103', '104', '105', '106']);
});

it("follows GitHub's Link header", async () => {
  const pages = await fetcher().fetchPages(`${base}/github/search?q=x`, SOURCE_ADAPTERS.github);
  expect(hits).toEqual(['/github/search?q=x', '/github/search?q=x&page=2']);
  expect(SOURCE_ADAPTERS.github.read(pages).records.map((record) => record.externalId)).toEqual([
    'freecodecamp/freecodecamp',
    'kubernetes/kubernetes',
    'rust-lang/rust',
    'evil/repo',
  ]);
});

it('retries 429 and 5xx with growing backoff, then succeeds', async () => {
  sleeps.length = 0;
  failures.set('/udemy/courses', [429, 503, 500]);
  const pages = await fetcher().fetchPages(`${base}/udemy/courses`, SOURCE_ADAPTERS.udemy);
  expect(pages).toHaveLength(2);
  expect(hits.filter((hit) => hit === '/udemy/courses')).toHaveLength(4);
  // Retry-After: 0 on the 429, then exponential backoff from 10 ms (with up to 20% jitter).
  expect(sleeps[0]).toBe(0);
  expect(sleeps[1]).toBeGreaterThanOrEqual(20);
  expect(sleeps[2]).toBeGreaterThanOrEqual(40);
});

it('retries a request that times out', async () => {
  failures.set('/udemy/courses', [0]);
  const pages = await fetcher().fetchPages(`${base}/udemy/courses`, SOURCE_ADAPTERS.udemy);
  expect(pages).toHaveLength(2);
});

it('gives up after the last retry, naming the URL and the status', async () => {
  failures.set('/udemy/courses', [502, 502, 502]);
  await expect(fetcher({ retries: 2 }).fetchPages(`${base}/udemy/courses`, SOURCE_ADAPTERS.udemy)).rejects.toThrow(
    /udemy\/courses: gave up after 3 attempts \(HTTP 502\)/,
  );
});

it('does not retry other client errors', async () => {
  await expect(fetcher().fetchPages(`${base}/nowhere`, SOURCE_ADAPTERS.udemy)).rejects.toThrow(FeedFetchError);
  expect(hits).toEqual(['/nowhere']);
});
