import { normaliseSkillTerm } from '../../../skill/skill-term';
import type { ConfsTechEvent } from './confs-tech.parser';

/**
 * The confs.tech feed's rules, used by its ingestion adapter
 * (./confs-tech.adapter.ts), which both `npm run ingest` and the seed run.
 */
export const CONFS_TECH_FEED = 'confs-tech';

/**
 * The term each confs.tech topic (its file name) stands for, matched by the one skill matcher like any
 * feed's topic: a skill's name ("python" → Python) links it; a broad term ("DevOps", "Security",
 * "Data", "APIs") only narrows to the skills the event's own name supports, or links nothing. Null:
 * the topic names no skill of the taxonomy, and is reported as unmapped. Corrections (issue 11):
 * - `networking` holds people-networking events (Women in Tech summits), not computer networking: null;
 * - `data` is a field (analytics, ML, data engineering), not machine learning: the broad term "Data";
 * - `devops`, `security`, `api`, `identity`, `leadership`, `opensource`, `android` are fields too;
 * - `performance` holds general web conferences as well as performance ones: the broad term "Web
 *   Performance", which links performance tuning only to events whose name says so.
 */
export const CONFS_TECH_TOPIC_TERMS: Readonly<Record<string, string | null>> = {
  accessibility: null,
  android: 'Android',
  api: 'APIs',
  cfml: null,
  clojure: 'Clojure',
  cpp: 'C++',
  css: 'CSS',
  data: 'Data',
  devops: 'DevOps',
  dotnet: '.NET',
  elixir: 'Elixir',
  elm: null,
  general: null,
  golang: 'Go',
  graphql: 'GraphQL',
  groovy: null,
  haskell: 'Haskell',
  identity: 'Identity',
  ios: 'iOS',
  iot: null,
  java: 'Java',
  javascript: 'JavaScript',
  kotlin: 'Kotlin',
  leadership: 'Leadership',
  networking: null,
  opensource: 'Open Source',
  performance: 'Web Performance',
  php: 'PHP',
  product: null,
  python: 'Python',
  ruby: 'Ruby',
  rust: 'Rust',
  scala: 'Scala',
  security: 'Security',
  sre: 'SRE',
  'tech-comm': 'Technical communication',
  testing: 'Testing',
  typescript: 'TypeScript',
  ux: null,
};

/** The topic's term for the skill matcher; null when it names no skill (or is not a topic the table knows). */
export function confsTechTopicTerm(topic: string): string | null {
  return Object.hasOwn(CONFS_TECH_TOPIC_TERMS, topic) ? CONFS_TECH_TOPIC_TERMS[topic] : null;
}

/** Stable and readable: the normalised name with dashes, and the start date ("jsconf-spain@2025-03-01"). */
export function confsTechExternalId(event: Pick<ConfsTechEvent, 'name' | 'startDate'>): string {
  return `${normaliseSkillTerm(event.name).replace(/ /g, '-')}@${event.startDate}`;
}

/** "JSConf: javascript conference in Madrid, Spain, from 2025-03-01 to 2025-03-02. Call for papers until 2024-12-01." */
export function describeEvent(event: ConfsTechEvent): string {
  const topics = event.topics.join(', ');
  const place = [event.city, event.country].filter(Boolean).join(', ');
  const where = place ? ` in ${place}${event.online ? ' and online' : ''}` : event.online ? ' online' : '';
  const when = event.endDate !== event.startDate ? `from ${event.startDate} to ${event.endDate}` : `on ${event.startDate}`;
  const cfp = event.cfpEndDate ? ` Call for papers until ${event.cfpEndDate}.` : '';
  return `${event.name}: ${topics} conference${where}, ${when}.${cfp}`;
}
