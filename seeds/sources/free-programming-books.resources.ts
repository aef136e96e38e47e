import { hostOfUrl, type ProviderMatcher } from '../providers/provider-matcher';
import type { ProviderSeed } from '../providers/providers';
import { levelFromTitle } from '../resources/level-from-title';
import type { ResourceSeed, SourceBatch } from '../resources/resource-seed.types';
import { urlIdentity } from '../resources/url-identity';
import { TermTally, type SkillMatcher } from '../skill-matcher';
import { slugify, resourceSlug } from '../support/slug';
import { stableHash } from '../support/stable-hash';
import type { FreeProgrammingBooksEntry } from './free-programming-books.parser';

export const FREE_PROGRAMMING_BOOKS_FEED = 'free-programming-books';

export interface FreeProgrammingBooksContext {
  skillMatcher: SkillMatcher;
  providerMatcher: ProviderMatcher;
  /** When the data was fetched upstream (the snapshot's commit date): the resources' `source.fetchedAt`. */
  fetchedAt: Date;
}

const VIDEO_HOSTS = ['youtube.com', 'youtu.be', 'vimeo.com'];
const VIDEO_DETAILS = /\b(?:youtube|video|playlist|screencasts?)\b/i;

/** "video" for video sites and entries that say so, "online course" on course platforms, otherwise unknown. */
function formatOf(entry: FreeProgrammingBooksEntry, provider: ProviderSeed): string | undefined {
  const host = hostOfUrl(entry.url) ?? '';
  if (VIDEO_HOSTS.some((videoHost) => host === videoHost || host.endsWith(`.${videoHost}`))) return 'video';
  if (entry.details && VIDEO_DETAILS.test(entry.details)) return 'video';
  if (provider.kind === 'MOOC_PLATFORM' || provider.kind === 'MARKETPLACE') return 'online course';
  return undefined;
}

/** Tags: the headings the course is listed under, and notes the list makes about access. */
function tagsOf(entries: FreeProgrammingBooksEntry[]): string[] {
  const tags = new Set<string>();
  for (const entry of entries) for (const heading of entry.headingPath) tags.add(slugify(heading));
  const details = entries.map((entry) => entry.details ?? '').join(' ');
  if (/\barchived\b/i.test(details)) tags.add('archived');
  if (/\b(?:account|email address|registration|sign[- ]?up)\b[^)]*\brequired\b/i.test(details)) tags.add('account-required');
  return [...tags];
}

function describe(entry: FreeProgrammingBooksEntry, headings: string[]): string {
  const listedUnder = `Free course listed under ${headings.join(', ')} in free-programming-books.`;
  return entry.details ? `${entry.details}. ${listedUnder}` : listedUnder;
}

/**
 * Skills of one listing: those its own heading names, or, when that heading names none
 * ("IBM" under "Cloud Computing"), those of the closest heading above it that does.
 */
function skillsOfHeadingPath(headingPath: string[], skillMatcher: SkillMatcher, unmapped: TermTally): string[] {
  for (let depth = headingPath.length - 1; depth >= 0; depth -= 1) {
    const heading = headingPath[depth];
    const slugs = skillMatcher.match(heading).skillSlugs;
    if (slugs.length > 0) return slugs;
    unmapped.add(heading);
  }
  return [];
}

/**
 * Turns parsed course lines into COURSE resources. A URL listed several times (under different
 * headings, or twice under one) becomes one resource: its externalId is a hash of the URL, it keeps the
 * first listing's title and gathers the skills and tags of every listing.
 */
export function freeProgrammingBooksToResources(courses: readonly FreeProgrammingBooksEntry[], context: FreeProgrammingBooksContext): SourceBatch {
  const listingsByUrl = new Map<string, FreeProgrammingBooksEntry[]>();
  for (const course of courses) {
    const identity = urlIdentity(course.url);
    const listings = listingsByUrl.get(identity);
    if (listings) listings.push(course);
    else listingsByUrl.set(identity, [course]);
  }

  const unmapped = new TermTally();
  const resources: ResourceSeed[] = [];
  let resourcesWithoutSkills = 0;
  for (const [identity, listings] of listingsByUrl) {
    const [first] = listings;
    const externalId = stableHash(identity);
    const provider = context.providerMatcher.providerForUrl(first.url);
    const level = levelFromTitle(first.title);
    const skillSlugs = [...new Set(listings.flatMap((listing) => skillsOfHeadingPath(listing.headingPath, context.skillMatcher, unmapped)))];
    if (skillSlugs.length === 0) resourcesWithoutSkills += 1;
    const headings = [...new Set(listings.map((listing) => listing.headingPath.join(' › ')))];
    const format = formatOf(first, provider);
    resources.push({
      kind: 'COURSE',
      slug: resourceSlug(first.title, FREE_PROGRAMMING_BOOKS_FEED, externalId),
      title: first.title,
      url: first.url,
      description: describe(first, headings),
      providerSlug: provider.slug,
      skills: skillSlugs.map((skillSlug) => ({ skillSlug, level })),
      level,
      free: true,
      priceAmount: null,
      priceCurrency: null,
      language: 'en',
      tags: tagsOf(listings),
      source: { feed: FREE_PROGRAMMING_BOOKS_FEED, externalId, fetchedAt: context.fetchedAt },
      ...(format ? { format } : {}),
    });
  }

  const duplicates = courses.length - listingsByUrl.size;
  return {
    feed: FREE_PROGRAMMING_BOOKS_FEED,
    read: courses.length,
    resources,
    skipped: duplicates > 0 ? [{ reason: 'URL listed more than once: merged into one resource', count: duplicates }] : [],
    unmappedTerms: unmapped.entries(),
    resourcesWithoutSkills,
  };
}
