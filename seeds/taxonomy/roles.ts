import type { RoleSeed } from './taxonomy.types';

/**
 * The article's five job roles. Required skills follow each role's "Requirements", additional skills
 * its "Additional Skills"; levels and weights are our reading of how central each one is to the role.
 * Where the article offers a choice ("proficient in at least one of…"), the options form one
 * requirement group, and each option carries the group's weight: meeting the group through any one
 * of them counts as much.
 */
export const roles: RoleSeed[] = [
  {
    slug: 'backend-software-engineer',
    title: 'Backend Software Engineer',
    description:
      'Builds the server side of applications: proficient in at least one programming language (any one of the six listed meets the requirement), handles databases and develops APIs; also structures the system and decides how it scales.',
    requirementGroups: [{ key: 'programming-language', label: 'At least one programming language', minimum: 1 }],
    requiredSkills: [
      { skill: 'python', level: 'ADVANCED', weight: 0.9, group: 'programming-language' },
      { skill: 'java', level: 'ADVANCED', weight: 0.9, group: 'programming-language' },
      { skill: 'php', level: 'ADVANCED', weight: 0.9, group: 'programming-language' },
      { skill: 'ruby', level: 'ADVANCED', weight: 0.9, group: 'programming-language' },
      { skill: 'javascript-nodejs', level: 'ADVANCED', weight: 0.9, group: 'programming-language' },
      { skill: 'csharp', level: 'ADVANCED', weight: 0.9, group: 'programming-language' },
      { skill: 'sql', level: 'ADVANCED', weight: 0.8 },
      { skill: 'nosql', level: 'INTERMEDIATE', weight: 0.6 },
      { skill: 'database-management', level: 'INTERMEDIATE', weight: 0.6 },
      { skill: 'restful-api-design', level: 'ADVANCED', weight: 0.9 },
      { skill: 'graphql', level: 'INTERMEDIATE', weight: 0.6 },
      { skill: 'api-security-authentication', level: 'INTERMEDIATE', weight: 0.7 },
    ],
    additionalSkills: [
      { skill: 'system-design', level: 'ADVANCED', weight: 0.6 },
      { skill: 'scalability-strategy', level: 'INTERMEDIATE', weight: 0.5 },
    ],
  },
  {
    slug: 'devops-engineer',
    title: 'DevOps Engineer',
    description:
      'Keeps software flowing from commit to production: administers servers, runs continuous integration and deployment, and containerises services; also works across cloud services and automates with scripts.',
    requirementGroups: [{ key: 'cloud-provider', label: 'At least one cloud provider', minimum: 1 }],
    requiredSkills: [
      { skill: 'server-administration', level: 'ADVANCED', weight: 0.9 },
      { skill: 'ci-cd', level: 'ADVANCED', weight: 0.9 },
      { skill: 'docker', level: 'ADVANCED', weight: 0.8 },
      { skill: 'kubernetes', level: 'INTERMEDIATE', weight: 0.7 },
    ],
    additionalSkills: [
      { skill: 'cloud-services', level: 'ADVANCED', weight: 0.6 },
      { skill: 'aws', level: 'INTERMEDIATE', weight: 0.5, group: 'cloud-provider' },
      { skill: 'gcp', level: 'INTERMEDIATE', weight: 0.5, group: 'cloud-provider' },
      { skill: 'azure', level: 'INTERMEDIATE', weight: 0.5, group: 'cloud-provider' },
      { skill: 'script-automation', level: 'ADVANCED', weight: 0.6 },
    ],
  },
  {
    slug: 'database-administrator',
    title: 'Database Administrator',
    description:
      'Runs the databases an organisation depends on, with professional-level experience in database management and in SQL and NoSQL systems; also models data and tunes performance.',
    requiredSkills: [
      { skill: 'database-management', level: 'EXPERT', weight: 1 },
      { skill: 'sql', level: 'EXPERT', weight: 0.9 },
      { skill: 'nosql', level: 'ADVANCED', weight: 0.7 },
    ],
    additionalSkills: [
      { skill: 'data-modeling', level: 'ADVANCED', weight: 0.6 },
      { skill: 'performance-tuning', level: 'ADVANCED', weight: 0.6 },
    ],
  },
  {
    slug: 'security-engineer',
    title: 'Security Engineer',
    description:
      'Protects systems and data, drawing on cybersecurity awareness and encryption; also hacks ethically (approved penetration of networks and systems to assess their vulnerabilities) and audits security.',
    requiredSkills: [
      { skill: 'cybersecurity-awareness', level: 'EXPERT', weight: 1 },
      { skill: 'encryption', level: 'ADVANCED', weight: 0.9 },
    ],
    additionalSkills: [
      { skill: 'ethical-hacking-penetration-testing', level: 'ADVANCED', weight: 0.6 },
      { skill: 'security-auditing', level: 'ADVANCED', weight: 0.6 },
    ],
  },
  {
    slug: 'ai-ml-engineer',
    title: 'AI/ML Engineer',
    description:
      'Builds machine learning into applications, working with semi-supervised learning and data analysis; also uses statistical analysis and deep learning frameworks.',
    requiredSkills: [
      { skill: 'semi-supervised-learning', level: 'ADVANCED', weight: 0.8 },
      { skill: 'data-analysis', level: 'ADVANCED', weight: 0.9 },
    ],
    additionalSkills: [
      { skill: 'statistical-analysis', level: 'ADVANCED', weight: 0.6 },
      { skill: 'deep-learning-frameworks', level: 'INTERMEDIATE', weight: 0.6 },
    ],
  },
];
