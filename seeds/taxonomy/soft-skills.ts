import { articleSkill } from './skill-builders';
import type { SkillSeed } from './taxonomy.types';

/** The article's five soft skills, "the unsung heroes of backend development". */
export const softSkills: SkillSeed[] = [
  articleSkill({
    slug: 'problem-solving',
    name: 'Problem solving',
    description: 'Breaking multifaceted problems down methodically and finding out-of-the-box solutions.',
    category: 'soft-skills',
    aliases: ['Problem-solving', 'Problem solving skills', 'Analytical thinking', 'Critical thinking', 'Out-of-the-box thinking'],
    related: ['profiling-debugging', 'algorithms-data-structures'],
  }),
  articleSkill({
    slug: 'communication',
    name: 'Communication',
    description: 'Explaining technical ideas simply, so that technical and non-technical people understand them.',
    category: 'soft-skills',
    aliases: [
      'Communication skills',
      'Technical communication',
      'Technical writing',
      'Written communication',
      'Presentation skills',
      'Documentation',
    ],
    related: ['teamwork'],
  }),
  articleSkill({
    slug: 'teamwork',
    name: 'Teamwork',
    description: 'Cooperating with frontend developers, designers and other practitioners in an integrated development process.',
    category: 'soft-skills',
    aliases: ['Team work', 'Collaboration', 'Team player', 'Cooperation', 'Cross-functional collaboration'],
    related: ['communication'],
  }),
  articleSkill({
    slug: 'flexibility-adaptability',
    name: 'Flexibility and adaptability',
    description: 'Adjusting to new tools, techniques and requirements as the tech industry changes.',
    category: 'soft-skills',
    aliases: [
      'Flexibility',
      'Adaptability',
      'Flexible',
      'Adaptable',
      'Flexibility/adaptability',
      'Learning agility',
      'Continuous learning',
    ],
  }),
  articleSkill({
    slug: 'precision-attention-to-detail',
    name: 'Precision and attention to detail',
    description: 'Getting the many details of sensitive backend systems right, and noticing when they are not.',
    category: 'soft-skills',
    aliases: ['Precision', 'Attention to detail', 'Detail orientation', 'Detail-oriented', 'Precision/attention to detail', 'Thoroughness'],
    related: ['software-testing'],
  }),
];
