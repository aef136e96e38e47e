import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FeedFile, SourceAdapter } from './ingestion.types';

/** Where a feed's pages come from. The CLI uses files or HTTP; tests plug in a local server or a fake. */
export interface FeedFetcher {
  fetchPages(startUrl: string, adapter: SourceAdapter): Promise<FeedFile[]>;
}

export class FeedFetchError extends Error {}

export interface HttpFeedFetcherOptions {
  /** Longest one request may take, in ms. Default 15,000. */
  timeoutMs?: number;
  /** Retries of one page after a 429, a 5xx, a timeout or a network error. Default 4. */
  retries?: number;
  /** First backoff, doubled on each retry (with jitter); a Retry-After header wins, capped at `maxBackoffMs`. Default 500. */
  backoffMs?: number;
  /** Longest wait between retries, in ms. Default 30,000. */
  maxBackoffMs?: number;
  /** Stop after this many pages, whatever the feed says. Default 1,000. */
  maxPages?: number;
  /** Extra request headers (an API token). */
  headers?: Record<string, string>;
  /** Injected for tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Fetches every page of an HTTP feed: follows the adapter's next-page link, retries rate limits (429)
 * and server errors (5xx), timeouts and dropped connections with exponential backoff, and gives up
 * with a FeedFetchError naming the URL and the last status. Other 4xx are not retried: asking again
 * will not fix a bad token or a wrong URL.
 */
export class HttpFeedFetcher implements FeedFetcher {
  private readonly options: Required<Omit<HttpFeedFetcherOptions, 'headers' | 'fetch' | 'sleep'>> & Pick<HttpFeedFetcherOptions, 'headers'>;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: HttpFeedFetcherOptions = {}) {
    this.options = {
      timeoutMs: options.timeoutMs ?? 15_000,
      retries: options.retries ?? 4,
      backoffMs: options.backoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      maxPages: options.maxPages ?? 1_000,
      headers: options.headers,
    };
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async fetchPages(startUrl: string, adapter: SourceAdapter): Promise<FeedFile[]> {
    const pages: FeedFile[] = [];
    const visited = new Set<string>();
    let url: string | null = startUrl;
    while (url && pages.length < this.options.maxPages) {
      // A feed whose next link points back at a page it already gave would loop forever.
      if (visited.has(url)) break;
      visited.add(url);
      const { text, linkHeader } = await this.fetchPage(url);
      pages.push({ name: url, text });
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        break;
      }
      url = adapter.nextPageUrl ? resolveNext(adapter.nextPageUrl({ url, body, linkHeader }), url) : null;
    }
    return pages;
  }

  private async fetchPage(url: string): Promise<{ text: string; linkHeader: string | null }> {
    let lastProblem = '';
    for (let attempt = 0; attempt <= this.options.retries; attempt += 1) {
      let retryAfterMs: number | null = null;
      try {
        const response = await this.fetchImpl(url, {
          headers: { accept: 'application/json', ...this.options.headers },
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        if (response.ok) return { text: await response.text(), linkHeader: response.headers.get('link') };
        await response.body?.cancel();
        lastProblem = `HTTP ${response.status}`;
        if (response.status !== 429 && response.status < 500) throw new FeedFetchError(`${url}: ${lastProblem} (not retried)`);
        retryAfterMs = retryAfter(response.headers.get('retry-after'));
      } catch (error) {
        if (error instanceof FeedFetchError) throw error;
        lastProblem = (error as Error).name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : (error as Error).message;
      }
      if (attempt < this.options.retries) {
        const backoff = this.options.backoffMs * 2 ** attempt * (1 + Math.random() * 0.2);
        await this.sleep(Math.min(retryAfterMs ?? backoff, this.options.maxBackoffMs));
      }
    }
    throw new FeedFetchError(`${url}: gave up after ${this.options.retries + 1} attempts (${lastProblem})`);
  }
}

/** Retry-After in seconds or as an HTTP date, in ms; null when absent or unreadable. */
function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function resolveNext(next: string | null, current: string): string | null {
  return next ? new URL(next, current).toString() : null;
}

/**
 * The files of a feed on disk: the file itself, or every file under a directory whose name the
 * adapter reads, in path order, named by their path relative to the directory.
 */
export async function readFeedFiles(target: string, adapter: SourceAdapter): Promise<FeedFile[]> {
  const info = await stat(target);
  if (!info.isDirectory()) return [{ name: path.basename(target), text: await readFile(target, 'utf8') }];
  const names = (await readdir(target, { recursive: true })).filter((name) => adapter.filePattern.test(name)).sort();
  const files: FeedFile[] = [];
  for (const name of names) {
    const full = path.join(target, name);
    if ((await stat(full)).isFile()) files.push({ name, text: await readFile(full, 'utf8') });
  }
  if (files.length === 0) throw new FeedFetchError(`${target}: no file matches ${adapter.filePattern}`);
  return files;
}
