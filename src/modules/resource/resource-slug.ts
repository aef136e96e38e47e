import { slugify } from '../../core/text';
import { stableHash } from '../../core/stable-hash';

/**
 * A readable, unique resource slug: the title's words plus a short hash of the resource's feed identity.
 * The hash, not the title, makes it unique, so two courses titled "Data Structures" get different slugs,
 * and a resource keeps its slug as long as its (feed, externalId) stays the same.
 */
export function resourceSlug(title: string, feed: string, externalId: string): string {
  const words = slugify(title) || 'resource';
  return `${words}-${stableHash(`${feed}\u0000${externalId}`, 8)}`;
}
