import { contentWords, deletionKeys, prefixesOf, tokenize, unique } from './text-analysis';

/**
 * Bump when the analysis or the fields change: `backfillSearchFields` rewrites every resource whose
 * `searchVersion` differs, so a deploy with new analysis re-indexes the catalogue once.
 */
export const SEARCH_FIELDS_VERSION = 1;

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
}

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
  /** Unstemmed title words of 5+ characters and their one-deletion variants: one typo forgiven. */
  searchFuzzyKeys: string[];
  /** Which version of the analysis wrote these fields (see `SEARCH_FIELDS_VERSION`). */
  searchVersion: number;
}

/** Names of the stored search fields, for projections that leave them out. */
export const SEARCH_FIELD_NAMES = ['searchTitleTokens', 'searchSkillTokens', 'searchBodyTokens', 'searchPrefixes', 'searchFuzzyKeys', 'searchVersion'] as const;

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
  const bodyText = [(resource.description ?? '').slice(0, MAX_INDEXED_BODY_CHARACTERS), ...(resource.tags ?? []), resource.providerName ?? ''].join(' \n ');
  const titleWords = unique(contentWords(resource.title));
  return {
    searchTitleTokens: sorted(tokenize(resource.title)),
    searchSkillTokens: sorted(tokenize(skillText)),
    searchBodyTokens: sorted(tokenize(bodyText)),
    searchPrefixes: sorted(unique(titleWords.flatMap(prefixesOf))),
    searchFuzzyKeys: sorted(unique(titleWords.flatMap(deletionKeys))),
    searchVersion: SEARCH_FIELDS_VERSION,
  };
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}
