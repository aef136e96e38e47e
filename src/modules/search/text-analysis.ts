import { foldText } from '../../core/text';

/**
 * The text analysis behind search: one tokeniser for what resources are indexed under (on write)
 * and for what callers type (on read), so both sides always agree. Pure functions, no I/O.
 *
 * Pipeline: lower-case → strip accents → rewrite programming-language spellings that punctuation
 * would destroy ("c++" → "cpp", "c#" → "csharp", ".net" → "dotnet") → split on anything that is not
 * a letter or digit (dotted and hyphenated compounds also give their joined form: "node.js" → "node",
 * "js", "nodejs") → drop English stop words → light suffix stripping (`stemToken`).
 */

/** Longest token kept; longer runs of letters are almost always junk (hashes, base64) and are cut. */
export const MAX_TOKEN_LENGTH = 40;
/** Shortest prefix stored for type-ahead; one letter would match a third of the catalogue. */
export const MIN_PREFIX_LENGTH = 2;
/** Longest prefix stored: a longer typed prefix is looked up cut to this length (see `prefixKey`). */
export const MAX_PREFIX_LENGTH = 15;
/** Tokens at least this long get deletion variants, so one typo in them is forgiven. */
export const MIN_FUZZY_LENGTH = 5;

/**
 * Common English function words: they carry no topic, and "for"/"to"/"with" appear in most titles.
 * Deliberately absent: "go" (the language), "r", "c", "d" (languages), "it" is kept out because the
 * acronym IT is rare in this catalogue and "it" as a pronoun is common.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves s t'
  ).split(' '),
);

/**
 * Spellings whose meaning lives in punctuation, rewritten to letters before splitting: "C++" and
 * "C#" are languages, not "c". Applied to folded text.
 */
function rewriteSymbolicNames(folded: string): string {
  return folded
    .replace(/(^|[^a-z0-9])\.net(?![a-z0-9])/g, '$1 dotnet ')
    .replace(/([a-z0-9])\.net(?![a-z0-9])/g, '$1 dotnet ')
    .replace(/([a-z0-9])\+\+/g, '$1pp')
    .replace(/([a-z0-9])#/g, '$1sharp');
}

/** The distinct folded words of `text` before stop words and stemming: the raw material of every field. */
export function splitWords(text: string): string[] {
  if (!text) return [];
  const words: string[] = [];
  // A "chunk" is a run without white space; inside it, dots and hyphens join parts of one name.
  for (const chunk of rewriteSymbolicNames(foldText(text)).split(/\s+/)) {
    const parts = chunk.split(/[^a-z0-9]+/).filter(Boolean);
    for (const part of parts) words.push(part.slice(0, MAX_TOKEN_LENGTH));
    // "node.js" → also "nodejs", "front-end" → "frontend"; only for short compounds, not URLs.
    if (parts.length >= 2 && parts.length <= 3 && /^[a-z0-9]+(?:[.-][a-z0-9]+){1,2}$/.test(chunk.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, ''))) {
      words.push(parts.join('').slice(0, MAX_TOKEN_LENGTH));
    }
  }
  return words;
}

const VOWEL = /[aeiouy]/;

/** True when the letter at `index` of `word` is a consonant (y counts as a vowel here, which is close enough). */
function endsWithDoubleConsonant(word: string): boolean {
  const last = word[word.length - 1];
  return word.length >= 2 && last === word[word.length - 2] && !VOWEL.test(last) && !'lsz'.includes(last);
}

/**
 * A light, Porter-like suffix stripper (steps 1a, 1b and 5a in spirit): plurals, "-ing", "-ed" and a
 * final "e". It only has to be consistent, not linguistically right: "testing"/"tests" → "test",
 * "libraries" → "library", "programming" → "program", "databases"/"database" → "databas",
 * "kubernetes" → "kubernet". Tokens of three characters or fewer ("js", "aws", "css") and tokens
 * with digits ("es2015", "python3") are left as they are.
 */
export function stemToken(token: string): string {
  if (token.length <= 3 || /\d/.test(token)) return token;
  let word = token;
  // Step 1a: plurals.
  if (word.endsWith('sses')) word = word.slice(0, -2);
  else if (word.endsWith('ies') && word.length > 4) word = `${word.slice(0, -3)}y`;
  else if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) {
    // "class", "status", "analysis": not plurals.
  } else if (word.endsWith('s') && word.length > 3) word = word.slice(0, -1);
  // Step 1b: "-ing" and "-ed", when what remains still has a vowel and three letters.
  for (const suffix of ['ing', 'ed']) {
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      if (stem.length >= 3 && VOWEL.test(stem)) {
        word = endsWithDoubleConsonant(stem) ? stem.slice(0, -1) : stem;
      }
      break;
    }
  }
  // Step 5a: a final "e" ("cache"/"caching", "code"/"coding" meet at "cach", "cod").
  if (word.endsWith('e') && word.length >= 4) word = word.slice(0, -1);
  return word;
}

/** The words of `text` that carry meaning: stop words dropped, order kept, duplicates kept. */
export function contentWords(text: string): string[] {
  return splitWords(text).filter((word) => !STOP_WORDS.has(word));
}

/** The distinct search tokens of `text`: content words, stemmed. The unit every token field holds. */
export function tokenize(text: string): string[] {
  return unique(contentWords(text).map(stemToken));
}

/**
 * The prefixes of a word that type-ahead looks up: from `MIN_PREFIX_LENGTH` up to the whole word
 * (capped at `MAX_PREFIX_LENGTH`). Built from unstemmed words, because people type words, not stems.
 */
export function prefixesOf(word: string): string[] {
  const prefixes: string[] = [];
  const longest = Math.min(word.length, MAX_PREFIX_LENGTH);
  for (let length = MIN_PREFIX_LENGTH; length <= longest; length += 1) prefixes.push(word.slice(0, length));
  return prefixes;
}

/** The key a typed prefix is looked up under: cut to the longest stored prefix. */
export function prefixKey(word: string): string {
  return word.slice(0, MAX_PREFIX_LENGTH);
}

/**
 * SymSpell-style keys of a token: the token itself and every variant with one character deleted,
 * for tokens of at least `MIN_FUZZY_LENGTH` characters (shorter ones would collide with everything).
 * Two tokens within one edit (insertion, deletion, substitution or adjacent transposition) share at
 * least one key, so "kubernets" finds "kubernetes" through an ordinary multikey index.
 */
export function deletionKeys(token: string): string[] {
  if (token.length < MIN_FUZZY_LENGTH) return [];
  const keys = new Set<string>([token]);
  for (let index = 0; index < token.length; index += 1) keys.add(token.slice(0, index) + token.slice(index + 1));
  return [...keys];
}

export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
