/**
 * The part of a URL that identifies what it points at: host without "www.", path without a trailing
 * slash, and the query. Scheme and fragment are ignored, so "http://www.x.org/a/" and "https://x.org/a"
 * are one resource.
 */
export function urlIdentity(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    const path = parsed.pathname.replace(/\/+$/, '');
    return `${host}${path}${parsed.search}`;
  } catch {
    return url.trim();
  }
}
