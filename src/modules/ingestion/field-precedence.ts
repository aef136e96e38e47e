import { isPartnerFeed } from './partner-feed';

/**
 * Field-level precedence: when several feeds list one resource (its owner in `source`, the others in
 * `alsoListedBy`), each group of fields below comes from the most authoritative feed that has a value
 * for it, and `fieldSources` records which feed that was. Authority: an admin's own edit, then the
 * provider's own feed (Coursera's catalogue for a Coursera course), then a partner, then a curated
 * list (free-programming-books, awesome-for-beginners, confs.tech). Between equals the feed already
 * holding the value keeps it, so re-running any feed in any order changes nothing. The skill links are
 * one group too: edX's own record of CS50 says what it teaches, where OSSU's curriculum row, listed
 * first, names no skill. The record itself (slug, title, URL, tags) stays with its owner. Pure
 * functions: the writer applies them.
 */

/** Fields that move together: a price and its pricing are one fact, so are a level and where it was read. */
export const PRECEDENCE_GROUPS = {
  pricing: ['pricing', 'free', 'priceAmount', 'priceCurrency', 'offerType'],
  level: ['level', 'levelSource'],
  language: ['language'],
  durationMinutes: ['durationMinutes'],
  certificate: ['certificate'],
  rating: ['ratingAverage', 'ratingCount'],
  format: ['format'],
  skills: ['skills', 'skillIds'],
} as const satisfies Record<string, readonly string[]>;

export type PrecedenceGroup = keyof typeof PRECEDENCE_GROUPS;
const GROUPS = Object.keys(PRECEDENCE_GROUPS) as PrecedenceGroup[];
/** Every stored field a precedence group holds, plus `fieldSources`: what the writer must read of a holder. */
export const PRECEDENCE_FIELDS = [...Object.values(PRECEDENCE_GROUPS).flat(), 'fieldSources'] as const;

/** The feeds that are a provider's own catalogue (their adapters read the provider's API). */
const PROVIDER_FEEDS = new Set(['coursera', 'udemy', 'edx', 'github']);

/** How authoritative a feed is: admin 4, a provider's own feed 3, a partner 2, a curated list 1. */
export function authorityOf(feed: string): number {
  if (feed === 'admin') return 4;
  if (PROVIDER_FEEDS.has(feed)) return 3;
  if (isPartnerFeed(feed)) return 2;
  return 1;
}

type Fields = Record<string, unknown>;

/** Whether `fields` hold a value for `group`: a known price (not UNKNOWN), a level, a duration… */
export function hasValue(fields: Fields, group: PrecedenceGroup): boolean {
  if (group === 'pricing') return fields.pricing === 'FREE' || fields.pricing === 'PAID';
  // No skill found is no value: a feed that links nothing leaves the links another feed found.
  if (group === 'skills') return Array.isArray(fields.skillIds) && fields.skillIds.length > 0;
  const [first] = PRECEDENCE_GROUPS[group];
  return fields[first] !== undefined && fields[first] !== null;
}

/**
 * The `fieldSources` an admin's edit of `changed` fields (set or cleared) gives a resource a feed
 * owns: each group it touched is the admin's from then on, and no feed's re-run takes it back.
 * Null when the edit touches no group or the admin owns the resource anyway.
 */
export function adminFieldSources(holder: PrecedenceHolder, changed: readonly string[]): Record<string, string> | null {
  if (holder.source.feed === 'admin') return null;
  const touched = GROUPS.filter((group) => PRECEDENCE_GROUPS[group].some((field) => changed.includes(field)));
  if (touched.length === 0) return null;
  const sources = { ...(holder.fieldSources ?? {}), ...Object.fromEntries(touched.map((group) => [group, 'admin'])) };
  return Object.fromEntries(Object.entries(sources).sort());
}

/** The stored resource as precedence sees it. */
export interface PrecedenceHolder extends Fields {
  source: { feed: string };
  alsoListedBy?: ReadonlyArray<{ feed: string }> | null;
  fieldSources?: Record<string, string> | null;
}

/** The feed that supplied `group` of `holder`: recorded, or its owner's. */
function supplierOf(holder: PrecedenceHolder, group: PrecedenceGroup): string {
  return holder.fieldSources?.[group] ?? holder.source.feed;
}

/** Feeds that still list the holder (its owner and `alsoListedBy`). */
function listingFeeds(holder: PrecedenceHolder): Set<string> {
  return new Set([holder.source.feed, ...(holder.alsoListedBy ?? []).map((listing) => listing.feed)]);
}

/**
 * The fields `feed` may write to `holder` when it sends `offered` (its normalised record): for each
 * group, the offer wins when it has a value and its feed is at least as authoritative as the group's
 * current supplier (strictly more, when the supplier is another feed that still lists the resource and
 * has a value). Returns the fields to set (with `fieldSources`), or null when nothing changes hands.
 * `isOwner`: the feed writes its own record, whose other fields it sends in full.
 */
export function precedenceUpdate(holder: PrecedenceHolder, feed: string, offered: Fields, isOwner: boolean): Fields {
  const listing = listingFeeds(holder);
  const sources: Record<string, string> = { ...(holder.fieldSources ?? {}) };
  const result: Fields = {};
  for (const group of GROUPS) {
    const supplier = supplierOf(holder, group);
    // An admin's edit holds, a cleared value too ("unknown" on purpose); a feed's while it lists the resource.
    const supplierHolds = supplier !== feed && (supplier === 'admin' || (listing.has(supplier) && hasValue(holder, group)));
    const offers = hasValue(offered, group);
    const takes = offers && (!supplierHolds || authorityOf(feed) > authorityOf(supplier));
    if (takes) {
      for (const field of PRECEDENCE_GROUPS[group]) result[field] = offered[field];
      sources[group] = feed;
    } else if (supplierHolds) {
      // Another feed's value stands: the owner's full record must not overwrite (or remove) it.
      for (const field of PRECEDENCE_GROUPS[group]) result[field] = holder[field];
      sources[group] = supplier;
    } else if (isOwner) {
      // Nobody else has it: the owner's record decides, value or not.
      for (const field of PRECEDENCE_GROUPS[group]) result[field] = offered[field];
      delete sources[group];
    }
  }
  // Only a resource several feeds list records suppliers; one that just the owner supplies has none.
  const foreign = Object.entries(sources).filter(
    ([group, supplier]) => GROUPS.includes(group as PrecedenceGroup) && supplier !== holder.source.feed,
  );
  result.fieldSources = foreign.length > 0 ? Object.fromEntries(Object.entries(sources).sort()) : undefined;
  return result;
}
