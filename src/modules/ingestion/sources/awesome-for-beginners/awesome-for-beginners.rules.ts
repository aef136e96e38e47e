import { normaliseSkillTerm } from '../../../skill/skill-term';
import type { AwesomeForBeginnersRepository } from './awesome-for-beginners.parser';

/**
 * The awesome-for-beginners feed's rules, used by its ingestion adapter
 * (./awesome-for-beginners.adapter.ts), which both `npm run ingest` and
 * the seed run.
 */
export const AWESOME_FOR_BEGINNERS_FEED = 'awesome-for-beginners';

/** Hosts whose URLs are `host/owner/repository[/…]`, so the repository URL can be cut out of a deeper link. */
const CODE_HOSTS = new Set(['github.com', 'gitlab.com', 'codeberg.org', 'bitbucket.org']);

/**
 * The repository's URL: `https://host/owner/repository` on a code host; otherwise the link itself,
 * since projects such as Drupal or MediaWiki point at a contribution guide or issue tracker instead.
 */
export function repositoryUrlOf(link: string): string {
  try {
    const url = new URL(link);
    const host = url.hostname.toLowerCase().replace(/^www\./, '');
    const [owner, repository] = url.pathname.split('/').filter(Boolean);
    if (CODE_HOSTS.has(host) && owner && repository) return `https://${host}/${owner}/${repository.replace(/\.git$/, '')}`;
  } catch {
    return link;
  }
  return link;
}

/**
 * The spelling most entries use for each technology, so the odd "Typescript" or "Javascript" is shown
 * as "TypeScript" and "JavaScript". Ties go to the spelling seen first.
 */
export function canonicalTechnologySpellings(
  repositories: readonly Pick<AwesomeForBeginnersRepository, 'technologies'>[],
): Map<string, string> {
  const countsByKey = new Map<string, Map<string, number>>();
  for (const repository of repositories) {
    for (const technology of repository.technologies) {
      const key = normaliseSkillTerm(technology) || technology;
      const counts = countsByKey.get(key) ?? new Map<string, number>();
      counts.set(technology, (counts.get(technology) ?? 0) + 1);
      countsByKey.set(key, counts);
    }
  }
  const canonical = new Map<string, string>();
  for (const [key, counts] of countsByKey) {
    let best: [string, number] | null = null;
    for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
    if (best) canonical.set(key, best[0]);
  }
  return canonical;
}
