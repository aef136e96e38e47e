import { normaliseSkillTerm } from '../../../skill/skill-term';
import type { ConfsTechEvent } from './confs-tech.parser';

/**
 * The confs.tech feed's rules, used by its ingestion adapter
 * (./confs-tech.adapter.ts), which both `npm run ingest` and the seed run.
 */
export const CONFS_TECH_FEED = 'confs-tech';

/**
 * Skills each confs.tech topic (its file name) stands for. Topics outside the backend taxonomy
 * (accessibility, ux, product…) map to nothing on purpose and are reported as unmapped.
 */
export const CONFS_TECH_TOPIC_SKILLS: Readonly<Record<string, readonly string[]>> = {
  accessibility: [],
  android: ['kotlin', 'java'],
  api: ['restful-api-design', 'graphql', 'api-security-authentication'],
  cfml: [],
  clojure: ['clojure'],
  cpp: ['cpp'],
  css: ['html-css'],
  data: ['data-analysis', 'ml-fundamentals'],
  devops: ['ci-cd', 'infrastructure-as-code', 'monitoring-logging', 'docker', 'kubernetes'],
  dotnet: ['csharp', 'aspnet-core'],
  elixir: ['elixir'],
  elm: [],
  general: [],
  golang: ['go'],
  graphql: ['graphql'],
  groovy: [],
  haskell: ['haskell'],
  identity: ['access-control', 'api-security-authentication'],
  ios: ['swift'],
  iot: [],
  java: ['java'],
  javascript: ['javascript-nodejs'],
  kotlin: ['kotlin'],
  leadership: ['communication', 'teamwork'],
  networking: ['computer-networking'],
  opensource: ['git'],
  performance: ['profiling-debugging', 'caching-strategies', 'performance-tuning'],
  php: ['php'],
  product: [],
  python: ['python'],
  ruby: ['ruby'],
  rust: ['rust'],
  scala: ['scala'],
  security: ['cybersecurity-awareness', 'secure-coding', 'vulnerability-assessment'],
  sre: ['site-reliability-engineering', 'monitoring-logging'],
  'tech-comm': ['communication'],
  testing: ['software-testing'],
  typescript: ['typescript'],
  ux: [],
};

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
