import { INDEPENDENT_PROVIDER_SLUG, type ProviderSeed } from './known-providers';

/** The URL's host, lower-cased and without a leading "www."; null when the text is not an absolute URL. */
export function hostOfUrl(url: string): string | null {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/**
 * The entry of `byHost` for the most specific host serving `url`: the URL's host itself, else its
 * nearest parent domain in the map ("ocw.mit.edu" before "mit.edu"); null when none is, or the text is
 * not an absolute URL. Keys are bare hosts (lower case, no "www.").
 */
export function mostSpecificHostMatch<Value>(url: string, byHost: ReadonlyMap<string, Value>): { host: string; value: Value } | null {
  const labels = hostOfUrl(url)?.split('.') ?? [];
  // Walking from the full host towards the top-level domain finds the most specific match first.
  for (let start = 0; start < labels.length - 1; start += 1) {
    const host = labels.slice(start).join('.');
    const value = byHost.get(host);
    if (value !== undefined) return { host, value };
  }
  return null;
}

export interface ProviderMatcher {
  /** The provider whose host (or a parent domain of it) serves `url`; the independent provider otherwise. */
  providerForUrl(url: string): ProviderSeed;
}

/**
 * Matches URLs to providers by host. A provider host matches itself and its subdomains
 * ("nptel.ac.in" matches "onlinecourses.nptel.ac.in"); when several match, the longest (most specific)
 * host wins, so "ocw.mit.edu" beats "mit.edu". `providers` must include the independent catch-all.
 */
export function createProviderMatcher(providers: readonly ProviderSeed[]): ProviderMatcher {
  const independent = providers.find((provider) => provider.slug === INDEPENDENT_PROVIDER_SLUG);
  if (!independent) throw new Error(`createProviderMatcher: the providers must include the catch-all "${INDEPENDENT_PROVIDER_SLUG}"`);
  const providerByHost = new Map<string, ProviderSeed>();
  for (const provider of providers) {
    for (const host of provider.hosts) {
      const bareHost = host.toLowerCase().replace(/^www\./, '');
      const owner = providerByHost.get(bareHost);
      if (owner) throw new Error(`createProviderMatcher: host "${bareHost}" belongs to both "${owner.slug}" and "${provider.slug}"`);
      providerByHost.set(bareHost, provider);
    }
  }
  return {
    providerForUrl(url: string): ProviderSeed {
      return mostSpecificHostMatch(url, providerByHost)?.value ?? independent;
    },
  };
}
