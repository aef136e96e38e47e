import { SOURCE_ADAPTERS } from '../../../src/modules/ingestion/sources';
import { buildSkillVocabulary } from '../../../src/modules/ingestion/ingestion.service';
import type { FeedFile, FeedReading, NormalisedResource, Rejection } from '../../../src/modules/ingestion/ingestion.types';
import { isRejection, normaliseRecord } from '../../../src/modules/ingestion/normalise';
import { skillMatchKeys } from '../../taxonomy/validate-taxonomy';
import { taxonomy } from '../../taxonomy';

/** The ingestion vocabulary of the seeded taxonomy, with skill slugs standing in for ids (no database needed). */
export const taxonomyVocabulary = buildSkillVocabulary(
  taxonomy.skills.map((skill) => ({ id: skill.slug, slug: skill.slug, matchKeys: skillMatchKeys(skill) })),
);

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
