import path from 'node:path';
import { authorityOf } from '../../src/modules/ingestion/field-precedence';
import { PROJECT_ROOT } from '../../src/core/project-root';
import { readFeedFiles } from '../../src/modules/ingestion/feed-fetcher';
import type { FeedRecord } from '../../src/modules/ingestion/ingestion.types';
import { isRejection, normaliseRecord } from '../../src/modules/ingestion/normalise';
import { SOURCE_ADAPTERS } from '../../src/modules/ingestion/sources';
import { resourceUrlKey } from '../../src/modules/resource/resource-url';
import { buildSkillMatchVocabulary } from '../../src/modules/skill-matching/skill-match-vocabulary';
import { readSeedFeed, SEED_DATA_DIR, SEED_FEEDS } from '../../seeds/sources/seed-feeds';
import { taxonomy } from '../../seeds/taxonomy';
import { skillMatchKeys } from '../../seeds/taxonomy/validate-taxonomy';

/**
 * The seam between the evaluation and whatever attaches skills to resources: given one feed's parsed
 * records, the skill slugs predicted for each resource, keyed by `resourceUrlKey` (the page, plus the
 * start day for an event). Records the pipeline would refuse are left out. Point the evaluation at
 * another matcher by passing another predictor to `predictLinks`.
 */
export type LinkPredictor = (records: readonly FeedRecord[]) => Map<string, string[]>;

/**
 * Today's pipeline: the normaliser's skill matching (`normaliseRecord`) over the taxonomy's
 * vocabulary, with skill slugs standing in for ids, exactly as the seed and `npm run ingest` attach skills.
 */
export function currentPipelinePredictor(): LinkPredictor {
  const vocabulary = buildSkillMatchVocabulary(taxonomy.skills.map((skill) => ({ slug: skill.slug, matchKeys: skillMatchKeys(skill) })));
  const skillIdBySlug = new Map(taxonomy.skills.map((skill) => [skill.slug, skill.slug]));
  return (records) => {
    const predicted = new Map<string, string[]>();
    for (const record of records) {
      const resource = normaliseRecord(record, vocabulary, skillIdBySlug);
      if (isRejection(resource)) continue;
      const key = resourceUrlKey(resource);
      if (key !== null && !predicted.has(key)) predicted.set(key, resource.skillIds);
    }
    return predicted;
  };
}

/** One feed's records, in memory. */
export interface EvaluatedFeed {
  source: string;
  records: FeedRecord[];
}

/** The partner feeds' fixtures (tests/fixtures/feeds) that stand in for the providers' APIs. */
export const FIXTURE_FEEDS = ['coursera', 'udemy', 'edx', 'github'] as const;

/**
 * What the evaluation parses: every seed feed (seeds/data, as `npm run seed` reads it) through its
 * adapter, then the partner fixtures. No database is involved.
 */
export async function readEvaluatedFeeds(): Promise<EvaluatedFeed[]> {
  const seedFeeds = await Promise.all(
    SEED_FEEDS.map(async (feed) => ({ source: feed.source, records: (await readSeedFeed(SEED_DATA_DIR, feed)).reading.records })),
  );
  const fixtureFeeds = await Promise.all(
    FIXTURE_FEEDS.map(async (source) => {
      const adapter = SOURCE_ADAPTERS[source];
      const files = await readFeedFiles(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'feeds', `${source}.json`), adapter);
      return { source: adapter.feed, records: adapter.read(files).records };
    }),
  );
  return [...seedFeeds, ...fixtureFeeds];
}

/** A resource's predicted skills and the feed they came from. */
export interface PredictedLinks {
  source: string;
  skills: string[];
}

/**
 * Predicted skills per resource key over several feeds. The first feed that lists a page keeps it, its
 * skill links going to the most authoritative feed that found any, as the catalogue's writer decides
 * the `skills` precedence group (field-precedence.ts).
 */
export function predictLinks(feeds: readonly EvaluatedFeed[], predictor: LinkPredictor): Map<string, PredictedLinks> {
  const links = new Map<string, PredictedLinks>();
  for (const feed of feeds)
    for (const [key, skills] of predictor(feed.records)) {
      const held = links.get(key);
      // As the writer decides the skill links (field-precedence.ts): the most authoritative feed that found any.
      const takes = !held || (skills.length > 0 && (held.skills.length === 0 || authorityOf(feed.source) > authorityOf(held.source)));
      if (takes) links.set(key, { source: held?.source ?? feed.source, skills });
    }
  return links;
}
