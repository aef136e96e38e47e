import { SOURCE_ADAPTERS } from '../../../src/modules/ingestion/sources';
import type { FeedFile, FeedReading, NormalisedResource, Rejection } from '../../../src/modules/ingestion/ingestion.types';
import { isRejection, normaliseRecord } from '../../../src/modules/ingestion/normalise';
import { buildSkillMatchVocabulary } from '../../../src/modules/skill-matching/skill-match-vocabulary';
import { skillMatchKeys } from '../../taxonomy/validate-taxonomy';
import { taxonomy } from '../../taxonomy';

/** The skill matcher's vocabulary of the seeded taxonomy, with skill slugs standing in for ids (no database needed). */
export const taxonomyVocabulary = {
  vocabulary: buildSkillMatchVocabulary(taxonomy.skills.map((skill) => ({ slug: skill.slug, matchKeys: skillMatchKeys(skill) }))),
  skillIdBySlug: new Map(taxonomy.skills.map((skill) => [skill.slug, skill.slug])),
};

/** What the seed (and `npm run ingest`) makes of these files, up to the writer: the adapter's reading, then each record normalised. */
export function readWithAdapter(
  source: string,
  files: FeedFile[],
): { reading: FeedReading; resources: NormalisedResource[]; rejected: Rejection[] } {
  const reading = SOURCE_ADAPTERS[source].read(files);
  const resources: NormalisedResource[] = [];
  const rejected: Rejection[] = [...reading.rejected];
  for (const record of reading.records) {
    const normalised = normaliseRecord(record, taxonomyVocabulary.vocabulary, taxonomyVocabulary.skillIdBySlug);
    if (isRejection(normalised)) rejected.push(normalised);
    else resources.push(normalised);
  }
  return { reading, resources, rejected };
}
