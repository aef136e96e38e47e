/** Text helpers shared by slugs, skill matching, search and prefix filters: one rule each. */

/** Lower-case, accents removed (NFKD, then the combining marks dropped). */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Escapes every regular-expression metacharacter, so user text in an anchored prefix regex matches literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const MAX_SLUG_WORDS_LENGTH = 60;

/** Lower-case, ASCII, dash-separated; "C++", "C#" and ".NET" keep their meaning as "cplusplus", "csharp" and "dotnet". */
export function slugify(text: string): string {
  const slug = foldText(text)
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
 * `String(value)` for a value of a type nobody has checked yet (a feed's JSON, a filter in a driver
 * command): what it says when quoted in a message or compared as text. An object without its own
 * `toString` comes out as "[object Object]", which for bad input is the honest answer.
 */
export function textOfUnknown(value: unknown): string {
  return String(value);
}
