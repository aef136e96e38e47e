import { Types } from 'mongoose';
import { ResourceModel } from '../../src/modules/resource/resource.model';
import { backfillSearchFields } from '../../src/modules/search/search-indexing';

/** A resource row as stored: `title`, `providerId` and `kind`-specific fields given, the rest defaulted. */
export type RawResourceRow = Record<string, unknown> & { title: string; providerId: Types.ObjectId };

/**
 * Writes resources straight into the collection, exactly as given (the `_id`s and `createdAt`s
 * included, in the order given, which mongoose's timestamps would not keep), then computes their
 * search fields as every write path does. For fixtures whose point is the stored values themselves:
 * equal sort keys, chosen ids, words in one field only.
 */
export async function insertRawResources(
  rows: readonly RawResourceRow[],
): Promise<Array<RawResourceRow & { _id: Types.ObjectId; slug: string }>> {
  const documents = rows.map((row, index) => {
    const skillIds = (row.skillIds as Types.ObjectId[] | undefined) ?? [];
    const slug = (row.slug as string | undefined) ?? `raw-${index}-${new Types.ObjectId().toHexString()}`;
    const createdAt = (row.createdAt as Date | undefined) ?? new Date(Date.UTC(2024, 0, 1));
    return {
      _id: new Types.ObjectId(),
      kind: 'COURSE',
      url: `https://example.com/${slug}`,
      description: '',
      level: null,
      free: true,
      priceAmount: null,
      priceCurrency: null,
      language: 'en',
      tags: [],
      updatedAt: createdAt,
      source: { feed: 'fixture', externalId: slug, fetchedAt: createdAt },
      ...row,
      slug,
      createdAt,
      skillIds,
      skills: skillIds.map((skillId) => ({ skillId, level: null })),
      titleKey: row.title.toLowerCase(),
    };
  });
  await ResourceModel.collection.insertMany(documents);
  await backfillSearchFields();
  return documents;
}
