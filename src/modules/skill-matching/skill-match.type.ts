import { registerEnumType } from 'type-graphql';
import type { SkillMatchSource as SkillMatchSourceValue } from './skill-matcher';

/** Where the evidence for a resource → skill link came from (GraphQL view of `SKILL_MATCH_SOURCES`). */
export enum SkillMatchSource {
  ADMIN = 'ADMIN',
  PARTNER = 'PARTNER',
  TITLE = 'TITLE',
  TOPIC = 'TOPIC',
  HEADING = 'HEADING',
  DESCRIPTION = 'DESCRIPTION',
  BROAD_TERM = 'BROAD_TERM',
  IMPLIED = 'IMPLIED',
}

// Fails to compile when the GraphQL enum and the matcher's sources drift apart.
const sameValues: Record<SkillMatchSourceValue, SkillMatchSource> = SkillMatchSource;
void sameValues;

registerEnumType(SkillMatchSource, {
  name: 'SkillMatchSource',
  description: 'Where the evidence for a resource → skill link came from (docs/INGESTION.md, "Skills").',
  valuesConfig: {
    ADMIN: { description: 'An admin chose the skill through the API (confidence 1).' },
    PARTNER: { description: "The resource's own provider named the skill when writing it (0.95)." },
    TITLE: { description: 'The title (or an event or project name) names the skill or one of its aliases (0.9).' },
    TOPIC: { description: 'A topic, subject or technology the feed attaches names the skill (0.85).' },
    HEADING: { description: 'The most specific heading of a curated list the resource is listed under names the skill (0.85).' },
    DESCRIPTION: { description: "The resource's own description names the skill at least twice (0.65)." },
    BROAD_TERM: {
      description:
        'A broad term ("DevOps", "Security") narrowed by the resource\'s own words, or a technology that implies the skill ("Next.js" → React) (0.75).',
    },
    IMPLIED: { description: 'Another linked skill entails it, e.g. MySQL → SQL, Django → Python (0.7).' },
  },
});
