import { stableHash } from './stable-hash';

const MAX_SLUG_WORDS_LENGTH = 60;

/** Lower-case, ASCII, dash-separated; "C++", "C#" and ".NET" keep their meaning as "cplusplus", "csharp" and "dotnet". */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(^|\s)\.(?=[a-z0-9])/g, '$1dot')
    .replace(/\+/g, 'plus')
    .replace(/#/g, 'sharp')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG_WORDS_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_WORDS_LENGTH);
  // Cut at the last whole word so slugs do not end in half a word.
  const lastDash = cut.lastIndexOf('-');
  return lastDash > 0 ? cut.slice(0, lastDash) : cut;
}

/**
 * A readable, unique resource slug: the title's words plus a short hash of the resource's feed identity.
 * The hash, not the title, makes it unique, so two courses titled "Data Structures" get different slugs,
 * and a resource keeps its slug as long as its (feed, externalId) stays the same.
 */
export function resourceSlug(title: string, feed: string, externalId: string): string {
  const words = slugify(title) || 'resource';
  return `${words}-${stableHash(`${feed}\u0000${externalId}`, 8)}`;
}
