import type { SkillMatchVocabulary } from './skill-match-vocabulary';

/**
 * Finding skill names in running text (a title, a description): whole words only, the longest name
 * first (a word inside "Apache Kafka" or "Spring Boot" is not matched again on its own), and guards
 * for names that are also ordinary words. Topics and headings are terms, not text: these guards do not
 * apply to them (a GitHub topic "go" or a heading "Networking" means the skill).
 */

/**
 * Names that in running text are more often something else: a season, a company, a project prefix,
 * people networking, a product's cache, a job's performance. They still count as topics and headings,
 * and as support for a broad term the resource is listed under.
 */
export const AMBIGUOUS_IN_TEXT = new Set([
  'apache',
  'spring',
  'nest',
  'express',
  'cloud',
  'elastic',
  'shell',
  'oracle',
  'cache',
  'performance',
  'tuning',
  'scaling',
  'metrics',
  'tracing',
  'automation',
  'scripting',
  'collaboration',
  'cooperation',
  'flexibility',
  'flexible',
  'adaptability',
  'adaptable',
  'precision',
  'thoroughness',
  'documentation',
  'networking',
  'networks',
  'permissions',
  'chef',
  'puppet',
  'kube',
  // "Parrot OS", "Chrome OS": a product, not operating systems as a subject.
  'os',
  'indexing',
  'saas',
  'paas',
  'iaas',
  'cli',
  'command line',
  'continuous learning',
]);

/**
 * Languages named by one letter or a common word: "Go", "R", "C" count in text only capitalised and
 * next to a word that makes them a language ("Programming in C", "Learn Go", "R Programming").
 */
const LANGUAGE_WORDS = new Set(['go', 'r', 'c']);
const BEFORE_LANGUAGE = new Set(['in', 'with', 'using', 'learn', 'learning', 'to', 'of', 'about']);
const AFTER_LANGUAGE = new Set(['programming', 'language', 'lang', 'tutorial', 'tutorials', 'course', 'courses', 'cookbook', 'bootcamp']);

/** Keys that are abbreviations: in text they count only written in capitals ("ML", "CI/CD", "SRE"), or after a dot (".js", ".NET"). */
function isAbbreviation(key: string): boolean {
  return key.length <= 3 && !key.includes(' ');
}
const AFTER_DOT = new Set(['js', 'net']);
/** Short names that are no ordinary word: any spelling counts ("vue", "git", "k8s"). */
const NAME_LIKE_SHORT_KEYS = new Set([
  'vue',
  'git',
  'sql',
  'php',
  'css',
  'aws',
  'gcp',
  'cpp',
  'c++',
  'c#',
  'k8s',
  'jwt',
  'tls',
  'ssl',
  'elk',
  'hcl',
]);

interface Token {
  /** As written (case kept, accents removed). */
  text: string;
  lower: string;
  /** The character just before the token in the text ('' at the start). */
  before: string;
}

/** Words as `normaliseSkillTerm` splits them, with their spelling and the character before each. */
export function tokensOf(text: string): Token[] {
  const folded = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return [...folded.matchAll(/[A-Za-z0-9#+]+/g)].map((match) => ({
    text: match[0],
    lower: match[0].toLowerCase(),
    before: match.index > 0 ? folded[match.index - 1] : '',
  }));
}

/** Whether a one-word key written this way, at this place, names the skill in running text. */
function passesTextGuards(key: string, tokens: readonly Token[], start: number, size: number): boolean {
  if (AMBIGUOUS_IN_TEXT.has(key)) return false;
  if (size > 1) return true;
  const token = tokens[start];
  if (LANGUAGE_WORDS.has(key)) {
    const capitalised = token.text === token.text.toUpperCase() || /^[A-Z]/.test(token.text);
    const before = tokens[start - 1]?.lower;
    const after = tokens[start + 1]?.lower;
    const alone = tokens.length === 1;
    // "R&D", "C&C": a letter of an abbreviation.
    if (tokens[start + 1]?.before === '&' || token.before === '&') return false;
    return (
      capitalised && (alone || (before !== undefined && BEFORE_LANGUAGE.has(before)) || (after !== undefined && AFTER_LANGUAGE.has(after)))
    );
  }
  if (AFTER_DOT.has(key) && token.before === '.') return true;
  // "ML", "SRE", "IaC": two capitals at least, so a capitalised word ("Rag", "Os") is not taken for one.
  if (isAbbreviation(key) && !NAME_LIKE_SHORT_KEYS.has(key))
    return (token.text.match(/[A-Z]/g)?.length ?? 0) >= Math.min(2, token.text.length);
  return true;
}

/** A name found in text: the key, and the skill or broad term it names. */
export interface TextMention {
  key: string;
  /** The skill slug, for a skill's name or alias. */
  skill?: string;
  /** The broad term's key, for a broad term. */
  broadKey?: string;
}

/**
 * The skill names, aliases and broad terms `text` mentions, longest first, each run of words used once.
 */
export function mentionsIn(text: string, vocabulary: SkillMatchVocabulary): TextMention[] {
  const tokens = tokensOf(text);
  const used = new Array<boolean>(tokens.length).fill(false);
  const found: TextMention[] = [];
  for (let size = Math.min(vocabulary.maxKeyWords, tokens.length); size >= 1; size -= 1) {
    for (let start = 0; start + size <= tokens.length; start += 1) {
      if (used.slice(start, start + size).some(Boolean)) continue;
      const written = tokens
        .slice(start, start + size)
        .map((token) => token.lower)
        .join(' ');
      // "+" is kept for "C++"; a name one "+" only decorates ("CompTIA Security+") is read without it.
      const key =
        vocabulary.skillByKey.has(written) || vocabulary.broadByKey.has(written) ? written : written.replace(/(?<!\+)\+(?= |$)/g, '');
      const skill = vocabulary.skillByKey.get(key);
      const broad = skill === undefined && vocabulary.broadByKey.has(key);
      if (skill === undefined && !broad) continue;
      if (!passesTextGuards(key, tokens, start, size)) continue;
      for (let index = start; index < start + size; index += 1) used[index] = true;
      found.push(skill !== undefined ? { key, skill } : { key, broadKey: key });
    }
  }
  return found;
}

/** Whether `phrase` (normalised words) occurs as whole words in the normalised `text`. */
export function containsPhrase(normalisedText: string, phrase: string): boolean {
  return ` ${normalisedText} `.includes(` ${phrase} `);
}
