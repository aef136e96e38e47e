import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normaliseSkillTerm } from '../../src/modules/skill/skill-term';
import { resolveSkillTerm } from '../../src/modules/skill-matching/skill-matcher';
import { taxonomyVocabulary } from './helpers/read-with-adapter';
import { taxonomy, validateTaxonomy } from '../taxonomy';
import type { Taxonomy } from '../taxonomy/taxonomy.types';

/** Every skill the article (seeds/article/backend-developer-skills.txt) names, in its own words. */
const ARTICLE_SKILL_TERMS = [
  'Python',
  'Java',
  'PHP',
  'Ruby',
  'JavaScript (Node.js)',
  'C#',
  'MySQL',
  'PostgreSQL',
  'MongoDB',
  'Redis',
  'Oracle',
  'SQL',
  'NoSQL',
  'Linux/Unix systems',
  'Apache',
  'Nginx',
  'AWS',
  'GCP',
  'AZURE',
  'RESTful API design',
  'Graph QL',
  'API security and authentication',
  'Git',
  'Service-oriented architecture principles',
  'Docker',
  'Kubernetes',
  'message queues',
  'event-driven architectures',
  'Encryption techniques',
  'Access Control',
  'Secure coding practices',
  'Vulnerability assessment',
  'Caching strategies',
  'Database query optimization',
  'Load balancing',
  'Profiling and debugging',
  'Fundamental concepts in ML',
  'ML libraries and frameworks',
  'Data pre-processing and feature creation',
  'Continuous Integration/Continuous Deployment',
  'Infrastructure as Code',
  'IaC',
  'Monitoring and logging',
  'Problem-solving',
  'Communication',
  'Teamwork',
  'Flexibility',
  'Precision',
  'Structuring of the System',
  'Determination of Scalability Strategy',
  'cloud services',
  'script automation',
  'data modeling',
  'performance tuning',
  'database management',
  'server administration',
  'awareness of cybersecurity',
  'measures of encoding',
  'ethical hacking',
  'security auditing',
  'semi-supervised learning',
  'data analysis',
  'statistical analysis',
  'deep learning frameworks',
];

const ARTICLE_CATEGORY_NAMES = [
  'Programming Languages',
  'Databases',
  'Server Side',
  'API Development',
  'Version Control',
  'Microservices Architecture',
  'Security',
  'Performance Optimization',
  'Machine Learning & AI',
  'DevOps',
  'Soft Skills',
];

function cloneTaxonomy(): Taxonomy {
  return structuredClone(taxonomy);
}

describe('taxonomy', () => {
  it('is consistent: unique slugs, known references, acyclic prerequisites, one skill per alias', () => {
    expect(validateTaxonomy(taxonomy)).toEqual([]);
  });

  it('takes its list of article skills word for word from the article', () => {
    const article = readFileSync(path.join(__dirname, '..', 'article', 'backend-developer-skills.txt'), 'utf8').toLowerCase();
    expect(ARTICLE_SKILL_TERMS.filter((term) => !article.includes(term.toLowerCase()))).toEqual([]);
  });

  it('has a skill flagged fromArticle for every skill the article names', () => {
    const articleSlugs = new Set(taxonomy.skills.filter((skill) => skill.fromArticle).map((skill) => skill.slug));
    const missing = ARTICLE_SKILL_TERMS.filter((term) => {
      // A skill's own name or alias (one skill), not a broad term or the parts of the term.
      const slug = taxonomyVocabulary.vocabulary.skillByKey.get(normaliseSkillTerm(term));
      return typeof slug !== 'string' || !articleSlugs.has(slug);
    });
    expect(missing).toEqual([]);
  });

  it('flags as fromArticle only skills the article names', () => {
    const namedSlugs = new Set(ARTICLE_SKILL_TERMS.flatMap((term) => resolveSkillTerm(term, taxonomyVocabulary.vocabulary).skills));
    const flaggedButNotNamed = taxonomy.skills
      .filter((skill) => skill.fromArticle && !namedSlugs.has(skill.slug))
      .map((skill) => skill.slug);
    expect(flaggedButNotNamed).toEqual([]);
  });

  it('has the article categories in three tiers, in the article order', () => {
    const topLevel = (tier: string) =>
      taxonomy.categories.filter((category) => category.parent === null && category.tier === tier && category.fromArticle);
    expect(topLevel('FOUNDATION').map((category) => category.name)).toEqual(ARTICLE_CATEGORY_NAMES.slice(0, 5));
    expect(topLevel('ADVANCED').map((category) => category.name)).toEqual(ARTICLE_CATEGORY_NAMES.slice(5, 10));
    expect(topLevel('SOFT_SKILLS').map((category) => category.name)).toEqual(['Soft Skills']);
  });

  it('gives every skill a description, and names that match their own aliases', () => {
    for (const skill of taxonomy.skills) {
      expect(skill.description.length).toBeGreaterThan(20);
      expect(resolveSkillTerm(skill.name, taxonomyVocabulary.vocabulary).skills).toEqual([skill.slug]);
    }
  });

  it('keeps the prerequisite edges the learning path needs', () => {
    const prerequisitesOf = (slug: string) => taxonomy.skills.find((skill) => skill.slug === slug)?.prerequisites ?? [];
    expect(prerequisitesOf('database-query-optimization')).toContain('sql');
    expect(prerequisitesOf('kubernetes')).toContain('docker');
    expect(prerequisitesOf('ci-cd')).toContain('git');
    expect(prerequisitesOf('server-administration')).toContain('linux-unix');
    expect(prerequisitesOf('deep-learning-frameworks')).toContain('ml-fundamentals');
  });

  it('types as RECOMMENDED the edges one can start without, and keeps the rest REQUIRED', () => {
    const skillOf = (slug: string) => taxonomy.skills.find((skill) => skill.slug === slug);
    expect(skillOf('docker')).toMatchObject({ prerequisites: [], recommendedPrerequisites: ['linux-unix'] });
    expect(skillOf('aws')).toMatchObject({ prerequisites: [], recommendedPrerequisites: ['cloud-services'] });
    expect(skillOf('ethical-hacking-penetration-testing')).toMatchObject({
      prerequisites: ['vulnerability-assessment', 'computer-networking'],
      recommendedPrerequisites: ['linux-unix'],
    });
    for (const [slug, prerequisite] of [
      ['typescript', 'javascript-nodejs'],
      ['django', 'python'],
      ['postgresql', 'sql'],
      ['bash-shell-scripting', 'linux-unix'],
    ]) {
      expect(skillOf(slug)?.prerequisites).toContain(prerequisite);
      expect(skillOf(slug)?.recommendedPrerequisites).not.toContain(prerequisite);
    }
  });

  it("groups the backend role's six languages and DevOps's three clouds, each option carrying the group's weight", () => {
    const role = (slug: string) => taxonomy.roles.find((candidate) => candidate.slug === slug)!;
    const backend = role('backend-software-engineer');
    expect(backend.requirementGroups).toEqual([{ key: 'programming-language', label: 'At least one programming language', minimum: 1 }]);
    expect(backend.requiredSkills.filter((entry) => entry.group === 'programming-language')).toEqual(
      ['python', 'java', 'php', 'ruby', 'javascript-nodejs', 'csharp'].map((skill) => ({
        skill,
        level: 'ADVANCED',
        weight: 0.9,
        group: 'programming-language',
      })),
    );
    const devops = role('devops-engineer');
    expect(devops.requirementGroups).toEqual([{ key: 'cloud-provider', label: 'At least one cloud provider', minimum: 1 }]);
    expect(devops.requiredSkills.some((entry) => entry.group !== undefined)).toBe(false);
    expect(devops.additionalSkills.filter((entry) => entry.group === 'cloud-provider').map((entry) => [entry.skill, entry.weight])).toEqual(
      [
        ['aws', 0.5],
        ['gcp', 0.5],
        ['azure', 0.5],
      ],
    );
    // Every other entry of every role stands alone.
    const grouped = taxonomy.roles.flatMap((candidate) =>
      [...candidate.requiredSkills, ...candidate.additionalSkills].filter((entry) => entry.group !== undefined),
    );
    expect(grouped).toHaveLength(9);
  });

  it('seeds the five roles with the article requirements and additional skills', () => {
    const role = (slug: string) => taxonomy.roles.find((candidate) => candidate.slug === slug);
    const skillsOf = (slug: string, list: 'requiredSkills' | 'additionalSkills') => role(slug)?.[list].map((entry) => entry.skill);
    expect(taxonomy.roles.map((candidate) => candidate.title)).toEqual([
      'Backend Software Engineer',
      'DevOps Engineer',
      'Database Administrator',
      'Security Engineer',
      'AI/ML Engineer',
    ]);
    expect(skillsOf('backend-software-engineer', 'requiredSkills')).toEqual(
      expect.arrayContaining(['python', 'sql', 'restful-api-design']),
    );
    expect(skillsOf('backend-software-engineer', 'additionalSkills')).toEqual(['system-design', 'scalability-strategy']);
    expect(skillsOf('devops-engineer', 'requiredSkills')).toEqual(['server-administration', 'ci-cd', 'docker', 'kubernetes']);
    expect(skillsOf('devops-engineer', 'additionalSkills')).toEqual(expect.arrayContaining(['cloud-services', 'script-automation']));
    expect(skillsOf('database-administrator', 'requiredSkills')).toEqual(['database-management', 'sql', 'nosql']);
    expect(skillsOf('database-administrator', 'additionalSkills')).toEqual(['data-modeling', 'performance-tuning']);
    expect(skillsOf('security-engineer', 'requiredSkills')).toEqual(['cybersecurity-awareness', 'encryption']);
    expect(skillsOf('security-engineer', 'additionalSkills')).toEqual(['ethical-hacking-penetration-testing', 'security-auditing']);
    expect(skillsOf('ai-ml-engineer', 'requiredSkills')).toEqual(['semi-supervised-learning', 'data-analysis']);
    expect(skillsOf('ai-ml-engineer', 'additionalSkills')).toEqual(['statistical-analysis', 'deep-learning-frameworks']);
  });

  describe('validateTaxonomy', () => {
    it('reports a prerequisite cycle', () => {
      const broken = cloneTaxonomy();
      broken.skills.find((skill) => skill.slug === 'docker')?.prerequisites.push('kubernetes');
      expect(validateTaxonomy(broken)).toEqual([
        expect.stringMatching(/^prerequisite cycle .*docker.*kubernetes|^prerequisite cycle .*kubernetes.*docker/),
      ]);
    });

    it('reports unknown references and aliases shared by two skills', () => {
      const broken = cloneTaxonomy();
      broken.skills[0].related.push('no-such-skill');
      broken.skills[1].aliases.push(broken.skills[0].name);
      broken.roles[0].requiredSkills.push({ skill: 'ghost', level: 'EXPERT', weight: 2 });
      const problems = validateTaxonomy(broken);
      expect(problems).toEqual(
        expect.arrayContaining([
          `skill "${broken.skills[0].slug}" refers to unknown skill "no-such-skill"`,
          `match key "${normaliseSkillTerm(broken.skills[0].name)}" belongs to both "${broken.skills[0].slug}" and "${broken.skills[1].slug}"`,
          'role "backend-software-engineer" refers to unknown skill "ghost"',
          'role "backend-software-engineer" has weight 2 outside 0–1 for "ghost"',
        ]),
      );
    });

    it('reports a cycle through a recommended edge, and a prerequisite both required and recommended or unknown', () => {
      const broken = cloneTaxonomy();
      const skillOf = (slug: string) => broken.skills.find((skill) => skill.slug === slug)!;
      // docker ⇢ linux-unix already; linux-unix ⇢ kubernetes → docker closes a cycle with one required edge in it.
      skillOf('linux-unix').recommendedPrerequisites = ['kubernetes'];
      skillOf('kubernetes').recommendedPrerequisites = ['docker', 'no-such-skill'];
      expect(validateTaxonomy(broken)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^prerequisite cycle .*linux-unix.*kubernetes.*docker|^prerequisite cycle .*docker.*linux-unix.*kubernetes|^prerequisite cycle .*kubernetes.*docker.*linux-unix/,
          ),
          'skill "kubernetes" has "docker" as both a required and a recommended prerequisite',
          'skill "kubernetes" refers to unknown skill "no-such-skill"',
        ]),
      );
    });

    it('reports every way requirement groups and skill entries can disagree', () => {
      const broken = cloneTaxonomy();
      const role = (slug: string) => broken.roles.find((candidate) => candidate.slug === slug)!;
      const backend = role('backend-software-engineer');
      backend.requirementGroups!.push(
        { key: 'programming-language', label: 'Again', minimum: 1 },
        { key: 'Not A Slug', label: '  ', minimum: 1 },
      );
      backend.requiredSkills.find((entry) => entry.skill === 'sql')!.group = 'databases';
      backend.additionalSkills[0].group = 'programming-language';
      const devops = role('devops-engineer');
      devops.requirementGroups![0].minimum = 4;
      const dba = role('database-administrator');
      dba.requirementGroups = [{ key: 'engine', label: 'An engine', minimum: 0 }];
      dba.requiredSkills[0].group = 'engine';
      expect(validateTaxonomy(broken)).toEqual([
        'role "backend-software-engineer" group "programming-language" key: Another requirement group of the role already has the key "programming-language".',
        'role "backend-software-engineer" group "Not A Slug" key: A slug is 1–120 lower-case letters, digits and single hyphens, e.g. "postgresql" or "api-security".',
        'role "backend-software-engineer" group "Not A Slug" label: This field must not be empty.',
        'role "backend-software-engineer" requiredSkills entry "sql" group: The role declares no requirement group "databases".',
        'role "backend-software-engineer" additionalSkills entry "system-design" group: The options of the requirement group "programming-language" are in both requiredSkills and additionalSkills; a group is either required or additional.',
        'role "backend-software-engineer" group "Not A Slug": The requirement group "Not A Slug" has no option: name it in the "group" of at least one skill, or drop the group.',
        'role "devops-engineer" group "cloud-provider" minimum: The requirement group "cloud-provider" asks for 4 of its options but has 3.',
        'role "database-administrator" group "engine" minimum: Must be between 1 and 100, got 0.',
      ]);
    });

    it('reports a category that is its own ancestor', () => {
      const broken = cloneTaxonomy();
      const databases = broken.categories.find((category) => category.slug === 'databases');
      if (databases) databases.parent = 'sql-databases';
      expect(validateTaxonomy(broken)).toEqual(expect.arrayContaining(['category "databases" is its own ancestor']));
    });
  });
});
