const PARTNER_FEED_PREFIX = 'partner:';

/**
 * The feed a partner's resources live in: one per provider, so a partner can only ever address its
 * own records, whatever external ids it sends. Keyed by provider id, which never changes.
 */
export function partnerFeed(providerId: string): string {
  return `${PARTNER_FEED_PREFIX}${providerId}`;
}

/** True for the feed of a partner (written through `upsertResources`), not of a provider feed or the admin API. */
export function isPartnerFeed(feed: string): boolean {
  return feed.startsWith(PARTNER_FEED_PREFIX);
}
