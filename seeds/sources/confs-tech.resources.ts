import { normaliseSkillTerm } from '../../src/modules/skill/skill.model';
import { CONFS_TECH_PROVIDER_SLUG } from '../providers/providers';
import type { ResourceSeed, SourceBatch } from '../resources/resource-seed.types';
import { TermTally } from '../skill-matcher';
import { resourceSlug } from '../support/slug';
import type { ConfsTechEvent } from './confs-tech.parser';

export const CONFS_TECH_FEED = 'confs-tech';

/**
 * Skills each confs.tech topic (its file name) stands for. Topics outside the backend taxonomy
 * (accessibility, ux, product…) map to nothing on purpose and are reported as unmapped.
 */
export const CONFS_TECH_TOPIC_SKILLS: Readonly<Record<string, readonly string[]>> = {
  accessibility: [],
  android: ['kotlin', 'java'],
  api: ['restful-api-design', 'graphql', 'api-security-authentication'],
  cfml: [],
  clojure: ['clojure'],
  cpp: ['cpp'],
  css: ['html-css'],
  data: ['data-analysis', 'ml-fundamentals'],
  devops: ['ci-cd', 'infrastructure-as-code', 'monitoring-logging', 'docker', 'kubernetes'],
  dotnet: ['csharp', 'aspnet-core'],
  elixir: ['elixir'],
  elm: [],
  general: [],
  golang: ['go'],
  graphql: ['graphql'],
  groovy: [],
  haskell: ['haskell'],
  identity: ['access-control', 'api-security-authentication'],
  ios: ['swift'],
  iot: [],
  java: ['java'],
  javascript: ['javascript-nodejs'],
  kotlin: ['kotlin'],
  leadership: ['communication', 'teamwork'],
  networking: ['computer-networking'],
  opensource: ['git'],
  performance: ['profiling-debugging', 'caching-strategies', 'performance-tuning'],
  php: ['php'],
  product: [],
  python: ['python'],
  ruby: ['ruby'],
  rust: ['rust'],
  scala: ['scala'],
  security: ['cybersecurity-awareness', 'secure-coding', 'vulnerability-assessment'],
  sre: ['site-reliability-engineering', 'monitoring-logging'],
  'tech-comm': ['communication'],
  testing: ['software-testing'],
  typescript: ['typescript'],
  ux: [],
};

/** confs.tech writes a few country codes where a language code belongs. */
const LANGUAGE_CODE_FIXES: Record<string, string> = { jp: 'ja' };

/** ISO 639-1 code of the first listed locale ("EN,DE" → "en"), or null when there is none or it is malformed. */
export function languageFromLocales(locales: string | null): string | null {
  const first = locales?.split(',')[0]?.trim().toLowerCase();
  if (!first) return null;
  const code = LANGUAGE_CODE_FIXES[first] ?? first;
  return /^[a-z]{2}$/.test(code) ? code : null;
}

/** A YYYY-MM-DD date as midnight UTC, so the calendar day never shifts with the server's time zone. */
export function utcDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/** Stable and readable: the normalised name with dashes, and the start date ("jsconf-spain@2025-03-01"). */
export function confsTechExternalId(event: Pick<ConfsTechEvent, 'name' | 'startDate'>): string {
  return `${normaliseSkillTerm(event.name).replace(/ /g, '-')}@${event.startDate}`;
}

function describe(event: ConfsTechEvent): string {
  const topics = event.topics.join(', ');
  const place = [event.city, event.country].filter(Boolean).join(', ');
  const where = place ? ` in ${place}${event.online ? ' and online' : ''}` : event.online ? ' online' : '';
  const when = event.endDate !== event.startDate ? `from ${event.startDate} to ${event.endDate}` : `on ${event.startDate}`;
  const cfp = event.cfpEndDate ? ` Call for papers until ${event.cfpEndDate}.` : '';
  return `${event.name}: ${topics} conference${where}, ${when}.${cfp}`;
}

/**
 * Turns merged confs.tech events into EVENT resources. The list has no prices, so events are not
 * marked free and have no price (free false, priceAmount null: "price unknown"). Online defaults to
 * false when the entry does not say.
 */
export function confsTechToResources(events: readonly ConfsTechEvent[], context: { fetchedAt: Date }): SourceBatch {
  const unmapped = new TermTally();
  const resources: ResourceSeed[] = [];
  let resourcesWithoutSkills = 0;

  for (const event of events) {
    const skillSlugs = new Set<string>();
    for (const topic of event.topics) {
      const slugs = CONFS_TECH_TOPIC_SKILLS[topic] ?? [];
      if (slugs.length === 0) unmapped.add(topic);
      for (const slug of slugs) skillSlugs.add(slug);
    }
    if (skillSlugs.size === 0) resourcesWithoutSkills += 1;
    const externalId = confsTechExternalId(event);
    resources.push({
      kind: 'EVENT',
      slug: resourceSlug(event.name, CONFS_TECH_FEED, externalId),
      title: event.name,
      url: event.url,
      description: describe(event),
      providerSlug: CONFS_TECH_PROVIDER_SLUG,
      skills: [...skillSlugs].map((skillSlug) => ({ skillSlug, level: null })),
      level: null,
      free: false,
      priceAmount: null,
      priceCurrency: null,
      language: languageFromLocales(event.locales),
      tags: [...event.topics, 'conference'],
      source: { feed: CONFS_TECH_FEED, externalId, fetchedAt: context.fetchedAt },
      startDate: utcDate(event.startDate),
      endDate: utcDate(event.endDate),
      online: event.online ?? false,
      ...(event.city ? { city: event.city } : {}),
      ...(event.country ? { country: event.country } : {}),
      ...(event.cfpUrl ? { cfpUrl: event.cfpUrl } : {}),
      ...(event.cfpEndDate ? { cfpDeadline: utcDate(event.cfpEndDate) } : {}),
    });
  }

  const listings = events.reduce((total, event) => total + event.listings, 0);
  const merged = listings - events.length;
  return {
    feed: CONFS_TECH_FEED,
    read: listings,
    resources,
    skipped: merged > 0 ? [{ reason: 'same conference (name and start date) listed under several topics: merged', count: merged }] : [],
    unmappedTerms: unmapped.entries(),
    resourcesWithoutSkills,
  };
}
