import { registerEnumType } from 'type-graphql';

/** How deep a skill is known or taught. */
export enum Level {
  BEGINNER = 'BEGINNER',
  INTERMEDIATE = 'INTERMEDIATE',
  ADVANCED = 'ADVANCED',
  EXPERT = 'EXPERT',
}

registerEnumType(Level, {
  name: 'Level',
  description: 'How deep a skill is known (for roles) or taught (for resources).',
  valuesConfig: {
    BEGINNER: { description: 'First contact: concepts and guided exercises.' },
    INTERMEDIATE: { description: 'Working knowledge: can use it on real tasks with occasional help.' },
    ADVANCED: { description: 'Deep knowledge: designs with it, debugs hard problems, teaches others.' },
    EXPERT: { description: 'Recognised authority: shapes practice beyond one team.' },
  },
});

export const LEVELS = Object.values(Level);
