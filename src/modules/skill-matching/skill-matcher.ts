import type { ResourceKindValue } from '../resource/resource-kinds';
import { normaliseSkillTerm } from '../skill/skill-term';
import type { BroadTerm } from './broad-terms';
import type { SkillMatchVocabulary } from './skill-match-vocabulary';
import { containsPhrase, mentionsIn } from './text-mentions';

/**
 * The one skill matcher: every door into the catalogue (feeds and the seed, partners, the admin API)
 * decides a resource's skills here, by one rule (docs/INGESTION.md, "Skills"). Pure: no I/O, so the
 * link evaluation runs it in memory over parsed feeds.
 */

/** Where the evidence for a link came from. */
export const SKILL_MATCH_SOURCES = ['ADMIN', 'PARTNER', 'TITLE', 'TOPIC', 'HEADING', 'DESCRIPTION', 'BROAD_TERM', 'IMPLIED'] as const;
export type SkillMatchSource = (typeof SKILL_MATCH_SOURCES)[number];

/**
 * How much each kind of evidence is worth (0–1). A skill found several ways keeps the best.
 * - ADMIN: an admin chose the skill. PARTNER: the provider named it for its own resource.
 * - TITLE: the title names it ("Introduction to MongoDB"). TOPIC: a feed's topic, subject or
 *   technology names it. HEADING: the most specific heading of a curated list that names a skill.
 * - BROAD_TERM: a broad term ("DevOps" heading, "security" topic) narrowed by the resource's own words,
 *   or a technology that implies the skill ("Next.js" → React).
 * - IMPLIED: another linked skill entails it (MySQL → SQL, Django → Python).
 * - DESCRIPTION: the resource's own description names it at least twice.
 */
export const CONFIDENCE: Readonly<Record<SkillMatchSource, number>> = {
  ADMIN: 1,
  PARTNER: 0.95,
  TITLE: 0.9,
  TOPIC: 0.85,
  HEADING: 0.85,
  BROAD_TERM: 0.75,
  IMPLIED: 0.7,
  DESCRIPTION: 0.65,
};

/** Links below this confidence are not stored (none of the rules above produces one today). */
export const MIN_LINK_CONFIDENCE = 0.6;

/** Skills another skill entails: a course on the first teaches the second too. */
export const IMPLIED_SKILLS: Readonly<Record<string, readonly string[]>> = {
  mysql: ['sql'],
  postgresql: ['sql'],
  oracle: ['sql'],
  mongodb: ['nosql'],
  redis: ['nosql'],
  django: ['python'],
  flask: ['python'],
  fastapi: ['python'],
  'spring-boot': ['java'],
  'ruby-on-rails': ['ruby'],
  laravel: ['php'],
  'aspnet-core': ['csharp'],
  express: ['javascript-nodejs'],
  nestjs: ['javascript-nodejs'],
  kafka: ['message-queues-event-driven-architecture'],
  rabbitmq: ['message-queues-event-driven-architecture'],
  terraform: ['infrastructure-as-code'],
  ansible: ['infrastructure-as-code'],
  jenkins: ['ci-cd'],
  // Libraries and frameworks written in JavaScript: a course on them teaches the language in use.
  react: ['javascript-nodejs'],
  vuejs: ['javascript-nodejs'],
  angular: ['javascript-nodejs'],
  // A cloud provider's course or event is a course on cloud services.
  aws: ['cloud-services'],
  azure: ['cloud-services'],
  gcp: ['cloud-services'],
};

/** Words that say a resource is about automating work with scripts. */
const AUTOMATION_WORDS = ['automate', 'automating', 'automation', 'scripting', 'scripts'];

/**
 * Skills a linked skill entails only when the resource's own words say so (IMPLIED): a Bash, Python or
 * Ansible resource on automating tasks or on scripting teaches script automation, one on the language
 * alone does not; a Git resource on collaborating teaches teamwork.
 */
export const IMPLIED_WHEN_SAID: Readonly<Record<string, { skills: readonly string[]; words: readonly string[] }>> = {
  'bash-shell-scripting': { skills: ['script-automation'], words: AUTOMATION_WORDS },
  python: { skills: ['script-automation'], words: AUTOMATION_WORDS },
  ansible: { skills: ['script-automation'], words: AUTOMATION_WORDS },
  // Collaborating on GitHub is working in a team: pull requests, reviews, shared branches.
  git: { skills: ['teamwork'], words: ['collaborate', 'collaborating', 'collaboration', 'teamwork', 'team'] },
};

/**
 * What the matcher reads. Keep it to what a resource says about itself; adapters fill it from their
 * own field names (`skillMatchInputOf` in ingestion/normalise.ts does it for every feed record).
 */
export interface SkillMatchInput {
  kind: ResourceKindValue;
  /** The title, or an event's or project's own name. */
  title: string;
  /** The resource's own description. Leave out text an adapter wrote from other fields (topics, headings). */
  description?: string | null;
  /** Headings of a curated list, outermost first, one path per listing ("Databases › SQL"). */
  headingPaths?: readonly (readonly string[])[];
  /** Terms the source attaches: technologies, subjects, GitHub topics, a conference topic's term, a partner's skill names. */
  topics?: readonly string[];
  /** Who named the topics: a feed (TOPIC links, the default) or the resource's provider itself (PARTNER links). */
  topicsFrom?: 'FEED' | 'PARTNER';
}

/** One resource → skill link. */
export interface SkillLink {
  skill: string;
  confidence: number;
  matchedBy: SkillMatchSource;
}

export interface SkillMatch {
  /** Best confidence first; ties in the order found. */
  links: SkillLink[];
  /** Topics and headings that named no skill and no broad term (reported by ingestion). */
  unmapped: string[];
}

/** Splits "Verilog / VHDL", "HTML and CSS", "Java, Kotlin"; "+" and "#" are kept so "C++" and "C#" survive. */
const TERM_SEPARATORS = /\s*(?:\/|&|,|;|\||\band\b|\bor\b|\(|\)|›)\s*/i;

/**
 * What one term (a topic or a heading) names: one skill, a broad term, or (by its parts: "Docker &
 * Kubernetes", "Python (Django)") several skills and broad terms.
 */
export function resolveSkillTerm(term: string, vocabulary: SkillMatchVocabulary): { skills: string[]; broad: BroadTerm[] } {
  const key = normaliseSkillTerm(term);
  const skill = vocabulary.skillByKey.get(key);
  if (skill) return { skills: [skill], broad: [] };
  const broad = vocabulary.broadByKey.get(key);
  if (broad) return { skills: [], broad: [broad] };
  const skills: string[] = [];
  const broadParts: BroadTerm[] = [];
  for (const part of term.split(TERM_SEPARATORS)) {
    const partKey = normaliseSkillTerm(part);
    if (!partKey || partKey === key) continue;
    const partSkill = vocabulary.skillByKey.get(partKey);
    const partBroad = vocabulary.broadByKey.get(partKey);
    if (partSkill) skills.push(partSkill);
    else if (partBroad) broadParts.push(partBroad);
  }
  return { skills, broad: broadParts };
}

/** The words events append to a name in one word: "PostgresConf", "DevOpsDays", "DjangoCon". */
const EVENT_NAME_SUFFIX = /\b([A-Za-z][A-Za-z.]{2,}?)(conf|con|days?|summit|fest|camp)\b/gi;

/** An event's name with those suffixes split off ("Postgres Conf"), so the name in front is read like any word. */
export function splitEventNameSuffixes(name: string): string {
  return name.replace(EVENT_NAME_SUFFIX, '$1 $2');
}

/**
 * Words that in a conference's name are the name of a conference series, not the skill they spell
 * elsewhere: JAX and W-JAX are Java conferences (not Google's JAX), DDD Melbourne or Perth is
 * "Developer! Developer! Developer!" (not domain-driven design), IAC the Information Architecture
 * Conference (not infrastructure as code). Found in confs.tech's data; dropped from event names only.
 */
const CONFERENCE_SERIES_WORDS = /\b(?:W-)?JAX\b|\bDDD\b|\bIAC\b/g;

/**
 * An event's name as words: suffixes split off, then each run-together word that is not itself a
 * known name split where its case changes ("PostgresOpen" → "Postgres Open", "PGDay" → "PG Day",
 * "CityJS" → "City JS"), so "DevOps", "GraphQL" or "iOS" stay whole.
 */
export function eventNameWords(name: string, vocabulary: SkillMatchVocabulary): string {
  return splitEventNameSuffixes(name.replace(CONFERENCE_SERIES_WORDS, ' ')).replace(/[A-Za-z0-9]+/g, (word) => {
    const key = normaliseSkillTerm(word);
    if (vocabulary.skillByKey.has(key) || vocabulary.broadByKey.has(key)) return word;
    return word.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  });
}

/**
 * The skills of a broad term that the resource's own words support: by one of the skill's names or
 * aliases (any spelling: the term gives the context), or by one of the term's cues for it. An implying
 * term ("Next.js") supports all of its skills, a field its core skills.
 */
function narrow(broad: BroadTerm, ownWords: string, vocabulary: SkillMatchVocabulary): string[] {
  if (broad.implies) return [...broad.skills];
  return broad.skills.filter(
    (skill) =>
      (broad.core ?? []).includes(skill) ||
      (vocabulary.keysBySkill.get(skill) ?? []).some((key) => containsPhrase(ownWords, key)) ||
      (broad.cues?.[skill] ?? []).some((cue) => containsPhrase(ownWords, normaliseSkillTerm(cue))),
  );
}

/**
 * Matches one resource to skills. The rule, in order:
 * 1. topics: a term that names a skill links it (TOPIC, or PARTNER when the provider named it);
 * 2. headings: per path, the most specific heading that names a skill (HEADING);
 * 3. the title: every skill name or alias in it, as whole words, longest first, with guards for names
 *    that are also ordinary words (TITLE; text-mentions.ts);
 * 4. the own description: a skill named at least twice (DESCRIPTION);
 * 5. broad terms met in topics, headings or the title only narrow: each attaches the skills the title or own
 *    description support (BROAD_TERM), or nothing; a heading path whose broad heading attaches
 *    nothing falls back to its next heading up; a field named in the title or in one of the resource's own
 *    topics also attaches its `ownCore` (an event's name is read with "Conf", "Con", "Days"… split off:
 *    "PostgresConf", and its run-together words apart: "PostgresOpen", "PGDay");
 * 6. skills entailed by a linked skill (IMPLIED: MySQL → SQL), some only when the own words say so
 *    (`IMPLIED_WHEN_SAID`: Bash with "scripting" or "automate" → script automation).
 */
export function matchSkillLinks(input: SkillMatchInput, vocabulary: SkillMatchVocabulary): SkillMatch {
  const links = new Map<string, SkillLink>();
  const link = (skill: string, matchedBy: SkillMatchSource) => {
    const confidence = CONFIDENCE[matchedBy];
    const current = links.get(skill);
    if (!current || current.confidence < confidence) links.set(skill, { skill, confidence, matchedBy });
  };
  const unmapped: string[] = [];
  const ownText = [input.title, input.description ?? ''].join(' \n ');
  const ownWords = normaliseSkillTerm(ownText);
  const broadFound = (broad: BroadTerm) => {
    for (const skill of narrow(broad, ownWords, vocabulary)) link(skill, 'BROAD_TERM');
  };

  for (const topic of input.topics ?? []) {
    const { skills, broad } = resolveSkillTerm(topic, vocabulary);
    if (skills.length === 0 && broad.length === 0) unmapped.push(topic);
    for (const skill of skills) link(skill, input.topicsFrom === 'PARTNER' ? 'PARTNER' : 'TOPIC');
    broad.forEach(broadFound);
    for (const term of broad) for (const skill of term.ownCore ?? []) link(skill, 'BROAD_TERM');
  }

  for (const path of input.headingPaths ?? []) {
    for (let depth = path.length - 1; depth >= 0; depth -= 1) {
      const { skills, broad } = resolveSkillTerm(path[depth], vocabulary);
      for (const skill of skills) link(skill, 'HEADING');
      const narrowed = broad.flatMap((term) => narrow(term, ownWords, vocabulary));
      for (const skill of narrowed) link(skill, 'BROAD_TERM');
      if (skills.length > 0 || narrowed.length > 0) break;
      if (broad.length === 0) unmapped.push(path[depth]);
    }
  }

  const title = input.kind === 'EVENT' ? eventNameWords(input.title, vocabulary) : input.title;
  for (const mention of mentionsIn(title, vocabulary)) {
    if (mention.skill) link(mention.skill, 'TITLE');
    else if (mention.broadKey) {
      const broad = vocabulary.broadByKey.get(mention.broadKey) as BroadTerm;
      broadFound(broad);
      for (const skill of broad.ownCore ?? []) link(skill, 'BROAD_TERM');
    }
  }

  if (input.description) {
    const counts = new Map<string, number>();
    // Broad terms in a description are not followed: descriptions name fields loosely ("for DevOps teams").
    for (const mention of mentionsIn(input.description, vocabulary))
      if (mention.skill) counts.set(mention.skill, (counts.get(mention.skill) ?? 0) + 1);
    for (const [skill, count] of counts) if (count >= 2) link(skill, 'DESCRIPTION');
  }

  for (const found of [...links.values()]) {
    for (const implied of IMPLIED_SKILLS[found.skill] ?? []) if (vocabulary.keysBySkill.has(implied)) link(implied, 'IMPLIED');
    const said = IMPLIED_WHEN_SAID[found.skill];
    if (said && said.words.some((word) => containsPhrase(ownWords, word)))
      for (const implied of said.skills) if (vocabulary.keysBySkill.has(implied)) link(implied, 'IMPLIED');
  }

  const ordered = [...links.values()]
    .filter((candidate) => candidate.confidence >= MIN_LINK_CONFIDENCE)
    .map((candidate, index) => ({ candidate, index }))
    .sort((left, right) => right.candidate.confidence - left.candidate.confidence || left.index - right.index)
    .map(({ candidate }) => candidate);
  return { links: ordered, unmapped };
}
