import { ResourceModel } from '../resource/resource.model';
import { fuzzyTitleWords } from './search-fields';
import { SearchVocabularyModel } from './search-vocabulary.model';
import { deletionKeys, unique } from './text-analysis';

/**
 * The title vocabulary (search-vocabulary.model.ts): written on every resource write, read by typo
 * queries. Spelling correction as search engines do it: look the misspelt word up in the dictionary
 * of indexed words (a few thousand small documents), not in every resource.
 */

/**
 * Records the typo-matchable title words of `resources` (`fuzzyTitleWords`) that the vocabulary does
 * not hold yet. One read; a write only when some word is new, so re-running a feed writes nothing.
 * Called before the resources are written: if the resource write then fails, an extra word is
 * harmless (see the model), whereas a resource whose word is missing could not be found by a typo.
 * Returns how many words it added.
 */
export async function recordTitleWords(resources: ReadonlyArray<{ title?: string | null }>): Promise<number> {
  const words = unique(resources.flatMap((resource) => fuzzyTitleWords(resource.title ?? '')));
  if (words.length === 0) return 0;
  const known = new Set(
    (
      await SearchVocabularyModel.find({ _id: { $in: words } }, { _id: 1 })
        .lean()
        .exec()
    ).map((entry) => String(entry._id)),
  );
  const missing = words.filter((word) => !known.has(word));
  if (missing.length === 0) return 0;
  try {
    await SearchVocabularyModel.insertMany(
      missing.map((word) => ({ _id: word, keys: deletionKeys(word) })),
      { ordered: false },
    );
  } catch (error) {
    // Another writer recorded some of these words meanwhile: they are there, which is all we need.
    if (!onlyDuplicateKeys(error)) throw error;
  }
  return missing.length;
}

function onlyDuplicateKeys(error: unknown): boolean {
  const details = error as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  if (details.writeErrors?.length) return details.writeErrors.every((writeError) => (writeError.code ?? writeError.err?.code) === 11000);
  return details.code === 11000;
}

/**
 * Which of `keys` (deletion keys of query words) some recorded title word has: the only typo keys
 * worth looking up in the resources, since a key no title word has matches no resource. One small
 * aggregation over the vocabulary; the answer has at most `keys.length` entries, however many words
 * share them.
 */
export async function knownTitleKeys(keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await SearchVocabularyModel.aggregate<{ _id: string }>([
    { $match: { keys: { $in: keys } } },
    { $unwind: '$keys' },
    { $match: { keys: { $in: keys } } },
    { $group: { _id: '$keys' } },
  ]).exec();
  return new Set(rows.map((row) => row._id));
}

/** Present while `backfillSearchVocabulary` fills the vocabulary: an interrupted fill is resumed at the next start. Never a word (words have no "#"). */
const FILL_IN_PROGRESS = '#filling';
/** Resources read per batch by the fill. */
const FILL_BATCH_SIZE = 2_000;

/**
 * Fills the vocabulary from the titles of the existing catalogue, once: when it is empty (a catalogue
 * indexed before the vocabulary existed) or a previous fill was interrupted. Otherwise one read and
 * nothing else: every write path records its words (`recordTitleWords`), so a non-empty vocabulary is
 * complete. Runs at start-up and at the end of the seed. Returns how many words it added.
 */
export async function backfillSearchVocabulary(): Promise<number> {
  const any = await SearchVocabularyModel.findOne({}, { _id: 1 }).sort({ _id: 1 }).lean().exec();
  if (any && any._id !== FILL_IN_PROGRESS) return 0;
  // `#` sorts before letters and digits: when the marker exists, the first document is the marker.
  if (!any) {
    if (!(await ResourceModel.exists({}))) return 0;
    await SearchVocabularyModel.updateOne({ _id: FILL_IN_PROGRESS }, { $setOnInsert: { keys: [] } }, { upsert: true }).exec();
  }
  let added = 0;
  let lastId: unknown = null;
  // Keyset over _id: short, restartable queries rather than a cursor held open.
  for (;;) {
    const batch = await ResourceModel.find(lastId ? { _id: { $gt: lastId } } : {}, { title: 1 })
      .sort({ _id: 1 })
      .limit(FILL_BATCH_SIZE)
      .lean()
      .exec();
    if (batch.length === 0) break;
    added += await recordTitleWords(batch);
    lastId = batch[batch.length - 1]._id;
    if (batch.length < FILL_BATCH_SIZE) break;
  }
  await SearchVocabularyModel.deleteOne({ _id: FILL_IN_PROGRESS }).exec();
  return added;
}
