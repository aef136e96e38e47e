import { Schema, model } from 'mongoose';

/**
 * The title vocabulary (a search engine's term dictionary): one document per distinct unstemmed title
 * word of `MIN_FUZZY_LENGTH`+ letters ever indexed, with its one-deletion keys. A typo query asks it
 * which of its deletion keys some title word shares (search-vocabulary.ts), so the candidate match
 * over the resources looks up only those keys instead of all of them.
 *
 * Append-only: a word no longer in any title stays, and only makes a key look "known" that then
 * matches no resource, which costs one `$in` value and changes no result.
 */
const searchVocabularySchema = new Schema(
  {
    /** The word, as `contentWords` gives it (folded, unstemmed): "kubernetes". */
    _id: { type: String, required: true },
    /** `deletionKeys(word)`: the word and every variant with one character deleted. */
    keys: { type: [String], default: [] },
  },
  { versionKey: false, collection: 'search_vocabulary' },
);

searchVocabularySchema.index({ keys: 1 });

export const SearchVocabularyModel = model('SearchVocabulary', searchVocabularySchema);
