import { slugify } from '../../core/text';
import { stableHash } from '../../core/stable-hash';

/** Hex digits of the hash in a slug of a feed's resource. */
export const FEED_SLUG_HASH_LENGTH = 8;
/** Hex digits of the hash in a slug the API generates: the form its slugs have always had. */
export const API_SLUG_HASH_LENGTH = 6;

/**
 * A readable, unique resource slug: the title's words plus a short hash of the resource's identity in
 * its feed (for the admin API, which names a resource by its slug, the new resource's id). The hash,
 * not the title, makes it unique, so two courses titled "Data Structures" get different slugs, and a
 * resource keeps its slug as long as its identity stays the same. The one slug rule of every writer.
 */
export function resourceSlug(title: string, feed: string, externalId: string, hashLength = FEED_SLUG_HASH_LENGTH): string {
  const words = slugify(title) || 'resource';
  return `${words}-${stableHash(`${feed}\u0000${externalId}`, hashLength)}`;
}
