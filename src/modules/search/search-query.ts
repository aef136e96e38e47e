import { Types } from 'mongoose';
import { BadUserInputError } from '../../core/errors';
import { normaliseSkillTerm } from '../skill/skill-term';
import { intendedKinds } from './kind-intent';
import { SEARCH_KEY_PREFIX } from './search-fields';
import {
  contentWords,
  deletionKeys,
  MIN_FUZZY_LENGTH,
  MIN_PREFIX_LENGTH,
  prefixKey,
  splitWords,
  stemToken,
  tokenize,
} from './text-analysis';

/** Longest query accepted; longer is BAD_USER_INPUT (a search box never needs more). */
export const MAX_QUERY_LENGTH = 200;
/** Terms used from a query; later ones are ignored, so a query's cost is bounded whatever its length. */
export const MAX_QUERY_TERMS = 12;
/** Longest run of words looked up as one skill name or alias ("container orchestration", "ci cd"). */
const MAX_SYNONYM_WORDS = 3;

/**
 * How much one query term earns, by where it matches (the best place counts, once per term):
 * the title says what a resource is about, the skills what it teaches, the body is context.
 * A prefix match (the term being typed) or a one-typo match earns 3/4 of the exact match in that field.
 * See `scoreStages` for how they combine.
 */
export const SCORE_WEIGHTS = {
  title: 3,
  skills: 2,
  body: 1,
  /** A prefix of, or one typo away from, a title word. */
  titleNear: 2.25,
  /** A prefix of, or one typo away from, a skill's name or alias. */
  skillsNear: 1.5,
  /** Added per exact field a term hits, so hitting title and skills beats the title alone. */
  extraField: 0.25,
  /** Per matched term, so matching more of the query beats matching one term in a better place. */
  matchedTermBonus: 2,
  /** Times the share of the title's tokens the query hits: short, on-topic titles first. */
  titleCoverage: 1,
  /** A title that has the name of the skill the term names, but not the term ("Kubernetes" for "k8s"), counts this much of a title match. */
  synonymTitleFactor: 0.8,
  /** …and one that has only an alias of it ("Helm" for "k8s", "JavaScript" for "node"). */
  aliasTitleFactor: 0.6,
  /** Once, for a resource of the kind the query asks for ("tutorial" → a course: kind-intent.ts). */
  kindIntent: 2,
} as const;

/**
 * A term that names a skill ("kubernetes", "postgres", "k8s") counts twice as much as one that does
 * not ("tutorial", "beginners", "conference"): in this catalogue the skill is the subject and the
 * other words qualify it. A cheap stand-in for inverse document frequency that needs no statistics.
 */
export const SKILL_TERM_WEIGHT = 2;

/** One term of a query and every form it can match in. */
export interface QueryTerm {
  /** The folded word as typed ("kubernets"). */
  word: string;
  /** The term's own stemmed token, matched exactly in the token fields. */
  exactTokens: string[];
  /** Tokens of the one-word names of the skills the term names ("k8s" → "kubernet"). */
  synonymTokens: string[];
  /** Tokens of their one-word aliases ("k8s" → "kube", "helm", "openshift"): weaker synonyms, often related tools. */
  aliasTokens: string[];
  /** How much the term counts: `SKILL_TERM_WEIGHT` when it names a skill, else 1 (see `SKILL_TERM_WEIGHT`). */
  weight: number;
  /** The typed prefix to look up in `searchPrefixes`; only for the last term of a query still being typed. */
  prefix: string | null;
  /** One-deletion keys (and the word), matched against `searchFuzzyKeys` by the score; empty for short words. */
  fuzzyKeys: string[];
  /**
   * The `fuzzyKeys` some indexed title word has (the title vocabulary, `applyTitleVocabulary`): the
   * only ones the candidate match looks up, since the others match no resource. Empty until then.
   */
  typoKeys: string[];
  /** Skills this term names, by name or alias; a resource teaching one matches as a skills match. */
  skillIds: Types.ObjectId[];
  /** Skills with a name or alias word this term is a prefix of (last term) or one typo away from. */
  nearSkillIds: Types.ObjectId[];
}

export interface AnalysedQuery {
  terms: QueryTerm[];
  /**
   * Runs of 1–3 consecutive words, normalised like `Skill.matchKeys`, to look up as skill names or
   * aliases, each with the index of the term a match is credited to (its first content word).
   */
  synonymKeys: Array<{ key: string; termIndex: number }>;
}

/**
 * Checks and analyses a search query. Empty or over-long queries are BAD_USER_INPUT; a query of
 * only stop words or punctuation (".*", "$where") analyses to no terms, which finds nothing.
 * Operators cannot be injected: terms are plain strings compared with `$in`, never regular expressions.
 */
export function analyseQuery(query: string, argumentName = 'query'): AnalysedQuery {
  if (query.trim() === '') throw new BadUserInputError(`"${argumentName}" must not be empty.`, argumentName);
  if (query.length > MAX_QUERY_LENGTH) {
    throw new BadUserInputError(`"${argumentName}" may be at most ${MAX_QUERY_LENGTH} characters long, got ${query.length}.`, argumentName);
  }
  // One term per distinct stem: "test testing tests" is one term, not three.
  const words: string[] = [];
  const seenStems = new Set<string>();
  for (const word of contentWords(query)) {
    const stem = stemToken(word);
    if (seenStems.has(stem)) continue;
    seenStems.add(stem);
    words.push(word);
    if (words.length === MAX_QUERY_TERMS) break;
  }
  // The last word is a prefix only while the caller is still typing it (no trailing space or punctuation).
  const stillTyping = /[\p{L}\p{N}+#]$/u.test(query);
  const terms = words.map((word, index): QueryTerm => ({
    word,
    exactTokens: [stemToken(word)],
    synonymTokens: [],
    aliasTokens: [],
    weight: 1,
    prefix: stillTyping && index === words.length - 1 && word.length >= MIN_PREFIX_LENGTH ? prefixKey(word) : null,
    fuzzyKeys: word.length >= MIN_FUZZY_LENGTH ? deletionKeys(word) : [],
    typoKeys: [],
    skillIds: [],
    nearSkillIds: [],
  }));
  return { terms, synonymKeys: synonymKeysOf(query, terms) };
}

function synonymKeysOf(query: string, terms: QueryTerm[]): AnalysedQuery['synonymKeys'] {
  const termIndexByStem = new Map(terms.map((term, index) => [term.exactTokens[0], index]));
  const words = normaliseSkillTerm(query)
    .split(' ')
    .filter(Boolean)
    .slice(0, MAX_QUERY_TERMS * 2);
  const keys = new Map<string, number>();
  for (let start = 0; start < words.length; start += 1) {
    for (let length = 1; length <= MAX_SYNONYM_WORDS && start + length <= words.length; length += 1) {
      const key = words.slice(start, start + length).join(' ');
      // Credit the first content word of the run; a run of stop words only ("to the") names nothing.
      const termIndex = tokenize(key)
        .map((token) => termIndexByStem.get(token))
        .find((index) => index !== undefined);
      if (termIndex !== undefined && !keys.has(key)) keys.set(key, termIndex);
    }
  }
  return [...keys].map(([key, termIndex]) => ({ key, termIndex }));
}

/** A skill as the query analysis needs it: its id, the names it answers to, normalised and as written. */
export interface VocabularySkill {
  _id: Types.ObjectId;
  name: string;
  aliases?: string[] | null;
  matchKeys: string[];
}

/**
 * Adds what the skills collection says the query's words mean:
 * - synonyms: a run of words that is a skill's name or alias ("k8s", "node js") also matches the
 *   tokens of the skill's name and the resources teaching it. Credited to one term per run, so
 *   "data structures" naming "Data Structures & Algorithms" does not count "algorithms" twice;
 * - near matches: a last term that prefixes a word of a skill's name or alias ("kube"), or a term
 *   one typo away from one ("kubernets"), matches the resources teaching that skill.
 * Done here, against the few hundred skills, rather than by storing every alias's prefixes and typo
 * keys on every resource teaching it.
 */
export function applySkillVocabulary(analysed: AnalysedQuery, skills: readonly VocabularySkill[]): QueryTerm[] {
  const terms = analysed.terms.map((term) => ({
    ...term,
    exactTokens: [...term.exactTokens],
    synonymTokens: [...term.synonymTokens],
    aliasTokens: [...term.aliasTokens],
    typoKeys: [...term.typoKeys],
    skillIds: [...term.skillIds],
    nearSkillIds: [...term.nearSkillIds],
  }));
  for (const { key, termIndex } of analysed.synonymKeys) {
    for (const skill of skills) {
      if (!skill.matchKeys.includes(key)) continue;
      const term = terms[termIndex];
      term.weight = SKILL_TERM_WEIGHT;
      if (!term.skillIds.some((id) => id.equals(skill._id))) term.skillIds.push(skill._id);
      // Only one-word names and aliases ("Kubernetes", "k8s", "Node.js"): the words of a longer one
      // ("Service-oriented architecture") would each match on their own ("Data Architecture").
      const oneWord = (name: string) => !/\s/.test(name.trim());
      const known = (token: string) =>
        term.exactTokens.includes(token) || term.synonymTokens.includes(token) || term.aliasTokens.includes(token);
      if (oneWord(skill.name)) for (const token of tokenize(skill.name)) if (!known(token)) term.synonymTokens.push(token);
      for (const alias of (skill.aliases ?? []).filter(oneWord))
        for (const token of tokenize(alias)) if (!known(token)) term.aliasTokens.push(token);
    }
  }
  const needsNear = terms.some((term) => term.prefix || term.fuzzyKeys.length > 0);
  if (!needsNear) return terms;
  for (const skill of skills) {
    const words = [...new Set(splitWords([skill.name, ...(skill.aliases ?? [])].join(' ')))];
    let wordKeys: Set<string> | undefined;
    for (const term of terms) {
      if (term.skillIds.some((id) => id.equals(skill._id))) continue;
      const prefixed = term.prefix !== null && words.some((word) => word.length > term.prefix!.length && word.startsWith(term.prefix!));
      let nearby = false;
      // A word that names a skill is spelt right: it is not a typo of another skill's word ("azure"
      // names Azure; it must not reach Kubernetes through its alias "Azure AKS").
      if (!prefixed && term.fuzzyKeys.length > 0 && term.skillIds.length === 0) {
        wordKeys ??= new Set(words.flatMap(deletionKeys));
        nearby = term.fuzzyKeys.some((key) => wordKeys!.has(key));
      }
      if (prefixed || nearby) term.nearSkillIds.push(skill._id);
    }
  }
  return terms;
}

/**
 * True when the array at `fieldPath` (missing counts as empty) holds any of `values`: an aggregation
 * expression. One `$in` per value rather than `$setIntersection`, which mongo-java-server evaluates
 * 10–50× more slowly (it sorts both sets through its generic comparator); same result on any server.
 */
export function containsAny(fieldPath: string, values: readonly unknown[]): Record<string, unknown> {
  // No `$let` (mongo-java-server lacks it): the `$ifNull` is repeated, which costs little.
  const array = { $ifNull: [fieldPath, []] };
  if (values.length === 1) return { $in: [values[0], array] };
  return { $or: values.map((value) => ({ $in: [value, array] })) };
}

const hits = containsAny;

/**
 * The filter that finds the candidates: every resource at least one term matches in at least one
 * way — but when some terms name a skill, one of THOSE must match. In "kubernetes tutorial for
 * beginners" the skill is the subject: resources that only match "tutorial" or "beginners" would rank
 * low anyway, and leaving them out keeps `totalCount` and the facets about Kubernetes.
 *
 * ONE `$in` on ONE field (`searchKeys`, the field-prefixed keys of search-fields.ts): a real mongod
 * answers it from one multikey index, mongo-java-server (which scans, and scans once per `$or` branch)
 * in one pass. The score is computed afterwards from the per-field arrays (`scoreStages`).
 */
export function candidateFilter(terms: readonly QueryTerm[]): Record<string, unknown> | null {
  const keys = candidateKeys(terms);
  if (!keys) return null;
  return {
    // The same condition twice, for two kinds of server. `$expr` first: a server without a query
    // planner (mongo-java-server) tests the conditions of a document in order and stops at the first
    // false one, and it evaluates this expression (string equality over short arrays) ~10× faster
    // than the query operator, which it runs through its generic value comparator for every pair of
    // array element and listed key. A real mongod answers `searchKeys: {$in}` from the multikey index
    // and evaluates the expression only on the documents the index found.
    $expr: candidateExpression(keys),
    searchKeys: { $in: keys },
  };
}

/**
 * "Any of `keys` is in `searchKeys`", as an expression over the shorter untagged arrays that hold the
 * same keys (search-fields.ts): words in `searchWords`, skill ids in `skillIds`, prefixes in
 * `searchPrefixes`, typo keys in `searchFuzzyKeys`. The expression `$in` scans the array, so shorter
 * arrays are cheaper; the documents are the same. Its cost is (keys × array length) per document, which
 * is why typo keys are first narrowed to those the title vocabulary knows (`applyTitleVocabulary`).
 */
function candidateExpression(keys: readonly string[]): Record<string, unknown> {
  const untagged = (tag: string) => keys.filter((key) => key.startsWith(tag)).map((key) => key.slice(tag.length));
  const parts = [
    ['$searchWords', untagged(SEARCH_KEY_PREFIX.word)],
    ['$skillIds', untagged(SEARCH_KEY_PREFIX.skillId).map((id) => new Types.ObjectId(id))],
    ['$searchPrefixes', untagged(SEARCH_KEY_PREFIX.prefix)],
    ['$searchFuzzyKeys', untagged(SEARCH_KEY_PREFIX.fuzzy)],
  ] as const;
  const conditions = parts.filter(([, values]) => values.length > 0).map(([field, values]) => containsAny(field, values));
  return conditions.length === 1 ? conditions[0] : { $or: conditions };
}

/** The terms a candidate must match one of: those naming a skill when some do (see `candidateFilter`), else all. */
function anchorTerms(terms: readonly QueryTerm[]): readonly QueryTerm[] {
  const namingSkills = terms.filter((term) => term.weight > 1);
  return namingSkills.length > 0 ? namingSkills : terms;
}

/**
 * The terms whose typos the candidate match looks for. A word that is a skill's name or alias is
 * spelt right: looking for its typos would only widen the `$in` (and the candidates) for nothing.
 */
function typoTerms(terms: readonly QueryTerm[]): QueryTerm[] {
  return anchorTerms(terms).filter((term) => term.skillIds.length === 0 && term.fuzzyKeys.length > 0);
}

/** The deletion keys to ask the title vocabulary about (empty when no term is looked up by typo): see `applyTitleVocabulary`. */
export function typoLookupKeys(terms: readonly QueryTerm[]): string[] {
  return [...new Set(typoTerms(terms).flatMap((term) => term.fuzzyKeys))];
}

/**
 * Keeps, as each term's `typoKeys`, the deletion keys some indexed title word has (`knownKeys`, from
 * the title vocabulary: search-vocabulary.ts). A resource matches a key only if one of its title
 * words has it, so the candidates are exactly those of all the keys, found with a handful ("kubernets"
 * keeps 1 of its 10) — or none when no title word is one typo away.
 */
export function applyTitleVocabulary(terms: readonly QueryTerm[], knownKeys: ReadonlySet<string>): QueryTerm[] {
  return terms.map((term) => ({ ...term, typoKeys: term.fuzzyKeys.filter((key) => knownKeys.has(key)) }));
}

/** The `searchKeys` values `candidateFilter` looks for; null when the query has no searchable word. */
export function candidateKeys(terms: readonly QueryTerm[]): string[] | null {
  const anchors = anchorTerms(terms);
  const exact = [...new Set(anchors.flatMap((term) => [...term.exactTokens, ...term.synonymTokens, ...term.aliasTokens]))];
  const fuzzy = [...new Set(typoTerms(terms).flatMap((term) => term.typoKeys))];
  const prefixes = [...new Set(anchors.flatMap((term) => (term.prefix ? [term.prefix] : [])))];
  const skillIds = [...new Set(anchors.flatMap((term) => [...term.skillIds, ...term.nearSkillIds].map(String)))];
  if (exact.length === 0) return null;
  const tagged = (prefix: string, values: readonly string[]) => values.map((value) => prefix + value);
  return [
    ...tagged(SEARCH_KEY_PREFIX.word, exact),
    ...tagged(SEARCH_KEY_PREFIX.skillId, skillIds),
    ...tagged(SEARCH_KEY_PREFIX.prefix, prefixes),
    ...tagged(SEARCH_KEY_PREFIX.fuzzy, fuzzy),
  ];
}

/**
 * The `$project` stages that score a candidate (see `SCORE_WEIGHTS`):
 * 1. for each term i, whether it hits the title, the skills, the body exactly (`t{i}t`, `t{i}s`,
 *    `t{i}b`: 0 or 1) and its best near match (`t{i}n`: a prefix or one typo; 0 when none);
 * 2. each term's score `t{i}`: the best of title 3 (2.4 by the skill's name, 1.8 by an alias) / skills 2 / body 1 /
 *    near, plus 1/4 per exact field hit (a title match that is also a skill taught beats a title
 *    match alone), times the term's weight (2 when it names a skill, see `SKILL_TERM_WEIGHT`);
 * 3. `score = Σ t{i} + Σ (MATCHED_TERM_BONUS × weight of each matched term) + TITLE_COVERAGE × (title hits / title tokens)`
 *    `+ KIND_INTENT` when the resource is of a kind the query asks for ("tutorial": a course):
 *    the coverage part prefers "Kubernetes Course" to "Open Source Camp on Kubernetes".
 * Scores need not be exact binary fractions: the same document always gets the same float, and a
 * cursor stores it exactly (JSON numbers round-trip), so equality in the "after" condition holds.
 */
export function scoreStages(terms: readonly QueryTerm[]): Record<string, unknown>[] {
  const hitsStage: Record<string, unknown> = { _id: 1, titleSize: { $size: { $ifNull: ['$searchTitleTokens', []] } } };
  const termStage: Record<string, unknown> = { titleSize: 1 };
  terms.forEach((term, index) => {
    const allTokens = [...term.exactTokens, ...term.synonymTokens, ...term.aliasTokens];
    const skillHit =
      term.skillIds.length > 0
        ? { $or: [hits('$searchSkillTokens', allTokens), hits('$skillIds', term.skillIds)] }
        : hits('$searchSkillTokens', allTokens);
    const aliasTitleHit =
      term.aliasTokens.length > 0 ? { $cond: [hits('$searchTitleTokens', term.aliasTokens), SCORE_WEIGHTS.aliasTitleFactor, 0] } : 0;
    const synonymTitleHit =
      term.synonymTokens.length > 0
        ? { $cond: [hits('$searchTitleTokens', term.synonymTokens), SCORE_WEIGHTS.synonymTitleFactor, aliasTitleHit] }
        : aliasTitleHit;
    hitsStage[`t${index}t`] = { $cond: [hits('$searchTitleTokens', term.exactTokens), 1, synonymTitleHit] };
    hitsStage[`t${index}s`] = { $cond: [skillHit, 1, 0] };
    hitsStage[`t${index}b`] = { $cond: [hits('$searchBodyTokens', allTokens), 1, 0] };
    const near: unknown[] = [0];
    if (term.prefix) near.push({ $cond: [hits('$searchPrefixes', [term.prefix]), SCORE_WEIGHTS.titleNear, 0] });
    if (term.fuzzyKeys.length > 0) near.push({ $cond: [hits('$searchFuzzyKeys', term.fuzzyKeys), SCORE_WEIGHTS.titleNear, 0] });
    if (term.nearSkillIds.length > 0) near.push({ $cond: [hits('$skillIds', term.nearSkillIds), SCORE_WEIGHTS.skillsNear, 0] });
    hitsStage[`t${index}n`] = { $max: near };
    const [t, sk, b, n] = ['t', 's', 'b', 'n'].map((field) => `$t${index}${field}`);
    const best = {
      $add: [
        {
          $max: [
            { $multiply: [t, SCORE_WEIGHTS.title] },
            { $multiply: [sk, SCORE_WEIGHTS.skills] },
            { $multiply: [b, SCORE_WEIGHTS.body] },
            n,
          ],
        },
        { $multiply: [{ $add: [t, sk, b] }, SCORE_WEIGHTS.extraField] },
      ],
    };
    termStage[`t${index}`] = term.weight === 1 ? best : { $multiply: [best, term.weight] };
    termStage[`t${index}t`] = 1;
  });
  const termScores = terms.map((_, index) => `$t${index}`);
  const matchedBonuses = terms.map((term, index) => ({
    $cond: [{ $gt: [`$t${index}`, 0] }, SCORE_WEIGHTS.matchedTermBonus * term.weight, 0],
  }));
  const titleCoverage = {
    $multiply: [SCORE_WEIGHTS.titleCoverage, { $divide: [{ $add: terms.map((_, index) => `$t${index}t`) }, { $max: ['$titleSize', 1] }] }],
  };
  const kinds = intendedKinds(terms.flatMap((term) => term.exactTokens));
  const kindIntent: unknown[] = [];
  if (kinds.length > 0) {
    hitsStage.kindHit = { $cond: [{ $in: ['$kind', kinds] }, SCORE_WEIGHTS.kindIntent, 0] };
    termStage.kindHit = 1;
    kindIntent.push('$kindHit');
  }
  return [
    { $project: hitsStage },
    { $project: termStage },
    { $project: { score: { $add: [...termScores, ...matchedBonuses, titleCoverage, ...kindIntent] } } },
  ];
}
