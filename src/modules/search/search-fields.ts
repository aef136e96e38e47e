import { contentWords, deletionKeys, MIN_FUZZY_LENGTH, prefixesOf, tokenize, unique } from './text-analysis';

/**
 * Bump when the analysis or the fields change: `backfillSearchFields` rewrites every resource whose
 * `searchVersion` differs, so a deploy with new analysis re-indexes the catalogue once.
 */
export const SEARCH_FIELDS_VERSION = 2;

/** The names a skill is known by: its name and aliases, all indexed under the resources teaching it. */
export interface SkillNames {
  name: string;
  aliases?: readonly string[] | null;
}

/** What the search fields of a resource are computed from. */
export interface SearchableResource {
  title: string;
  description?: string | null;
  tags?: readonly string[] | null;
  /** The provider's name ("Coursera"): a body term, so "coursera docker" prefers Coursera's courses. */
  providerName?: string | null;
  /** The skills the resource teaches, with their names and aliases. */
  skills: readonly SkillNames[];
  /** The ids of the skills taught (hex strings or ObjectIds): `k:<id>` keys, so "resources teaching skill X" is a key lookup too. */
  skillIds?: ReadonlyArray<{ toString(): string }> | null;
}

/**
 * Field prefixes of `searchKeys`: one multikey array holds every key a query can find a resource by,
 * each tagged with where it comes from, so the candidate match is ONE `$in` on ONE field (one index
 * on a real mongod, one pass over the collection on mongo-java-server) instead of an `$or` of six.
 */
export const SEARCH_KEY_PREFIX = {
  /**
   * A stemmed token of the title, the skills taught (names, aliases) or the body: the candidate match
   * asks "does the word occur anywhere", and which field it occurs in is for the score (read from the
   * per-field arrays). One key per token rather than one per field keeps the array and the `$in` short.
   */
  word: 'w:',
  /** A prefix (2–15 characters) of an unstemmed title word. */
  prefix: 'p:',
  /** A one-deletion variant (or the whole) of a title word of 5+ characters. */
  fuzzy: 'f:',
  /** The hex id of a skill taught. */
  skillId: 'k:',
} as const;

/** The stored search fields of a resource. Field names are those of the resource model. */
export interface ResourceSearchFields {
  /** Stemmed tokens of the title: the strongest signal. */
  searchTitleTokens: string[];
  /** Stemmed tokens of the names and aliases of the skills taught ("k8s" and "kubernet" for Kubernetes). */
  searchSkillTokens: string[];
  /** Stemmed tokens of the description, tags and provider name. */
  searchBodyTokens: string[];
  /**
   * Prefixes (2–15 characters) of the unstemmed title words, for the term being typed. Skill names
   * and aliases are matched by prefix and typo against the skills collection at query time instead
   * (search-query.ts): storing their keys on every resource made these arrays 6× larger.
   */
  searchPrefixes: string[];
  /**
   * Unstemmed title words of 5+ characters and their one-deletion variants: one typo forgiven. A
   * typo query looks up only the keys the title vocabulary knows (search-vocabulary.ts).
   */
  searchFuzzyKeys: string[];
  /**
   * The distinct tokens of the three fields above (title ∪ skills ∪ body), untagged: what the candidate
   * expression looks words up in on a server without an index (search-query.ts `candidateFilter`), a
   * third of the length of `searchKeys`. Not indexed.
   */
  searchWords: string[];
  /**
   * Every key above, tagged with its kind (`SEARCH_KEY_PREFIX`): "w:kubernet" for a token of the title,
   * skills or body, "p:kub", "f:kubernets", and "k:<skill id>" per skill taught. The only indexed search field: candidates are found with one
   * `$in` on it; the separate arrays above are what the score is computed from.
   */
  searchKeys: string[];
  /** Which version of the analysis wrote these fields (see `SEARCH_FIELDS_VERSION`). */
  searchVersion: number;
}

/** Names of the stored search fields, for projections that leave them out. */
export const SEARCH_FIELD_NAMES = [
  'searchTitleTokens',
  'searchSkillTokens',
  'searchBodyTokens',
  'searchPrefixes',
  'searchFuzzyKeys',
  'searchWords',
  'searchKeys',
  'searchVersion',
] as const;

/**
 * Description text beyond this many characters is not indexed: the first paragraphs say what a
 * resource is about, and a 20,000-character description would otherwise bloat the multikey index.
 */
const MAX_INDEXED_BODY_CHARACTERS = 2_000;

/**
 * The search fields of one resource. The ONE function behind every write path (the resource
 * service's create and update, the seeder, the backfill), so a resource is indexed the same way
 * however it was written. Deterministic (sorted arrays), so the idempotent seeder sees no change
 * when nothing changed.
 */
export function computeSearchFields(resource: SearchableResource): ResourceSearchFields {
  const skillText = resource.skills.flatMap((skill) => [skill.name, ...(skill.aliases ?? [])]).join(' \n ');
  const bodyText = [
    (resource.description ?? '').slice(0, MAX_INDEXED_BODY_CHARACTERS),
    ...(resource.tags ?? []),
    resource.providerName ?? '',
  ].join(' \n ');
  const titleWords = unique(contentWords(resource.title));
  const searchTitleTokens = sorted(tokenize(resource.title));
  const searchSkillTokens = sorted(tokenize(skillText));
  const searchBodyTokens = sorted(tokenize(bodyText));
  const searchPrefixes = sorted(unique(titleWords.flatMap(prefixesOf)));
  const searchFuzzyKeys = sorted(unique(fuzzyTitleWords(resource.title).flatMap(deletionKeys)));
  const searchWords = sorted(unique([...searchTitleTokens, ...searchSkillTokens, ...searchBodyTokens]));
  const tagged = (prefix: string, values: readonly string[]) => values.map((value) => prefix + value);
  const searchKeys = sorted(
    unique([
      ...tagged(SEARCH_KEY_PREFIX.word, searchWords),
      ...tagged(SEARCH_KEY_PREFIX.prefix, searchPrefixes),
      ...tagged(SEARCH_KEY_PREFIX.fuzzy, searchFuzzyKeys),
      ...tagged(SEARCH_KEY_PREFIX.skillId, (resource.skillIds ?? []).map(String)),
    ]),
  );
  return {
    searchTitleTokens,
    searchSkillTokens,
    searchBodyTokens,
    searchPrefixes,
    searchFuzzyKeys,
    searchWords,
    searchKeys,
    searchVersion: SEARCH_FIELDS_VERSION,
  };
}

/**
 * The distinct title words one typo is forgiven in (unstemmed, `MIN_FUZZY_LENGTH`+ letters): their
 * deletion keys are `searchFuzzyKeys`, and they are what the title vocabulary records
 * (search-vocabulary.ts), so the two always agree.
 */
export function fuzzyTitleWords(title: string): string[] {
  return unique(contentWords(title)).filter((word) => word.length >= MIN_FUZZY_LENGTH);
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}
