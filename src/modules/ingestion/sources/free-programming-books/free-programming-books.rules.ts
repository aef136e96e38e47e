import { createProviderMatcher, hostOfUrl } from '../../../provider/provider-matcher';
import { providers } from '../../../provider/known-providers';
import { slugify } from '../../../../core/text';
import type { FreeProgrammingBooksEntry } from './free-programming-books.parser';

/**
 * The free-programming-books feed's rules, used by its ingestion adapter
 * (./free-programming-books.adapter.ts), which both `npm run ingest` and
 * the seed run.
 */
export const FREE_PROGRAMMING_BOOKS_FEED = 'free-programming-books';

const VIDEO_HOSTS = ['youtube.com', 'youtu.be', 'vimeo.com'];
const VIDEO_DETAILS = /\b(?:youtube|video|playlist|screencasts?)\b/i;
const providerMatcher = createProviderMatcher(providers);

/** "video" for video sites and entries that say so, "online course" on course platforms, otherwise unknown. */
export function courseFormatOf(entry: Pick<FreeProgrammingBooksEntry, 'url' | 'details'>): string | null {
  const host = hostOfUrl(entry.url) ?? '';
  if (VIDEO_HOSTS.some((videoHost) => host === videoHost || host.endsWith(`.${videoHost}`))) return 'video';
  if (entry.details && VIDEO_DETAILS.test(entry.details)) return 'video';
  const provider = providerMatcher.providerForUrl(entry.url);
  if (provider.kind === 'MOOC_PLATFORM' || provider.kind === 'MARKETPLACE') return 'online course';
  return null;
}

/** Tags: the headings the course is listed under, and notes the list makes about access. */
export function courseTagsOf(listings: readonly FreeProgrammingBooksEntry[]): string[] {
  const tags = new Set<string>();
  for (const listing of listings) for (const heading of listing.headingPath) tags.add(slugify(heading));
  const details = listings.map((listing) => listing.details ?? '').join(' ');
  if (/\barchived\b/i.test(details)) tags.add('archived');
  if (/\b(?:account|email address|registration|sign[- ]?up)\b[^)]*\brequired\b/i.test(details)) tags.add('account-required');
  return [...tags];
}

/** "<details>. Free course listed under A › B, C in free-programming-books." */
export function describeCourse(first: FreeProgrammingBooksEntry, listings: readonly FreeProgrammingBooksEntry[]): string {
  const headings = [...new Set(listings.map((listing) => listing.headingPath.join(' › ')))];
  const listedUnder = `Free course listed under ${headings.join(', ')} in free-programming-books.`;
  return first.details ? `${first.details}. ${listedUnder}` : listedUnder;
}
