import { normaliseSkillTerm } from '../../src/modules/skill/skill.model';
import type { ProviderMatcher } from '../providers/provider-matcher';
import type { ResourceSeed, SourceBatch } from '../resources/resource-seed.types';
import { urlIdentity } from '../resources/url-identity';
import { TermTally, type SkillMatcher } from '../skill-matcher';
import { resourceSlug, slugify } from '../support/slug';
import type { AwesomeForBeginnersRepository } from './awesome-for-beginners.parser';

export const AWESOME_FOR_BEGINNERS_FEED = 'awesome-for-beginners';

export interface AwesomeForBeginnersContext {
  skillMatcher: SkillMatcher;
  providerMatcher: ProviderMatcher;
  fetchedAt: Date;
}

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
export function canonicalTechnologySpellings(repositories: readonly AwesomeForBeginnersRepository[]): Map<string, string> {
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

/**
 * Turns the beginner-friendly project list into OPEN_SOURCE_PROJECT resources. The level is BEGINNER
 * because the list exists to point newcomers at issues labelled for them; languages are the skills
 * the first contributions practise. externalId is the repository link without scheme or "www.".
 */
export function awesomeForBeginnersToResources(
  repositories: readonly AwesomeForBeginnersRepository[],
  context: AwesomeForBeginnersContext,
): SourceBatch {
  const spellings = canonicalTechnologySpellings(repositories);
  const spell = (technology: string): string => spellings.get(normaliseSkillTerm(technology) || technology) ?? technology;
  const unmapped = new TermTally();
  const resources: ResourceSeed[] = [];
  const seenExternalIds = new Set<string>();
  let duplicates = 0;
  let resourcesWithoutSkills = 0;

  for (const repository of repositories) {
    const externalId = urlIdentity(repository.link);
    if (seenExternalIds.has(externalId)) {
      duplicates += 1;
      continue;
    }
    seenExternalIds.add(externalId);
    const technologies = [...new Set(repository.technologies.map(spell))];
    const skillSlugs = context.skillMatcher.matchAll(technologies, unmapped);
    if (skillSlugs.length === 0) resourcesWithoutSkills += 1;
    const primaryLanguage = technologies[0];
    resources.push({
      kind: 'OPEN_SOURCE_PROJECT',
      slug: resourceSlug(repository.name, AWESOME_FOR_BEGINNERS_FEED, externalId),
      title: repository.name,
      url: repository.link,
      description: repository.description,
      providerSlug: context.providerMatcher.providerForUrl(repository.link).slug,
      skills: skillSlugs.map((skillSlug) => ({ skillSlug, level: 'BEGINNER' })),
      level: 'BEGINNER',
      free: true,
      priceAmount: null,
      priceCurrency: null,
      language: null,
      tags: [...technologies.map(slugify), 'beginner-friendly'],
      source: { feed: AWESOME_FOR_BEGINNERS_FEED, externalId, fetchedAt: context.fetchedAt },
      repositoryUrl: repositoryUrlOf(repository.link),
      beginnerLabels: repository.label ? [repository.label] : [],
      ...(primaryLanguage ? { primaryLanguage } : {}),
    });
  }

  return {
    feed: AWESOME_FOR_BEGINNERS_FEED,
    read: repositories.length,
    resources,
    skipped: duplicates > 0 ? [{ reason: 'repository listed more than once', count: duplicates }] : [],
    unmappedTerms: unmapped.entries(),
    resourcesWithoutSkills,
  };
}
