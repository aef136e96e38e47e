import { Types } from 'mongoose';
import { CategoryModel } from '../../src/modules/category/category.model';
import { ProviderModel } from '../../src/modules/provider/provider.model';
import { SkillModel } from '../../src/modules/skill/skill.model';
import { normaliseSkillTerm } from '../../src/modules/skill/skill-term';

/** Providers the ingestion and partner tests use: the feeds' own, two partners and the catch-all. */
export const FIXTURE_PROVIDERS = [
  { slug: 'coursera', name: 'Coursera', kind: 'MOOC_PLATFORM', url: 'https://www.coursera.org', hosts: ['coursera.org'] },
  { slug: 'udemy', name: 'Udemy', kind: 'MARKETPLACE', url: 'https://www.udemy.com', hosts: ['udemy.com'] },
  { slug: 'edx', name: 'edX', kind: 'MOOC_PLATFORM', url: 'https://www.edx.org', hosts: ['edx.org'] },
  { slug: 'github', name: 'GitHub', kind: 'OPEN_SOURCE', url: 'https://github.com', hosts: ['github.com'] },
  { slug: 'confs-tech', name: 'confs.tech', kind: 'EVENTS', url: 'https://confs.tech', hosts: ['confs.tech'] },
  { slug: 'youtube', name: 'YouTube', kind: 'COMMUNITY', url: 'https://www.youtube.com', hosts: ['youtube.com'] },
  { slug: 'independent', name: 'Independent', kind: 'COMMUNITY', url: 'https://skillatlas.dev', hosts: [] },
  { slug: 'acme-academy', name: 'Acme Academy', kind: 'MARKETPLACE', url: 'https://acme.example', hosts: ['acme.example'] },
  { slug: 'beta-learning', name: 'Beta Learning', kind: 'MARKETPLACE', url: 'https://beta.example', hosts: ['beta.example'] },
] as const;

/** Skills with their aliases; `matchKeys` are computed as the skill service computes them. */
const FIXTURE_SKILLS: Array<{ slug: string; name: string; aliases: string[] }> = [
  { slug: 'javascript', name: 'JavaScript', aliases: ['JS', 'Node.js', 'NodeJS'] },
  { slug: 'typescript', name: 'TypeScript', aliases: ['TS'] },
  { slug: 'python', name: 'Python', aliases: ['Python 3'] },
  { slug: 'go', name: 'Go', aliases: ['Golang'] },
  { slug: 'rust', name: 'Rust', aliases: [] },
  { slug: 'docker', name: 'Docker', aliases: ['containers'] },
  { slug: 'kubernetes', name: 'Kubernetes', aliases: ['k8s'] },
  { slug: 'postgresql', name: 'PostgreSQL', aliases: ['Postgres'] },
  { slug: 'git', name: 'Git', aliases: ['version control'] },
  { slug: 'machine-learning', name: 'Machine Learning', aliases: ['ML'] },
  { slug: 'web-development', name: 'Web Development', aliases: [] },
];

export interface IngestionFixture {
  providerIds: Record<string, Types.ObjectId>;
  skillIds: Record<string, Types.ObjectId>;
}

/** Writes the providers and skills straight through the models (no resources). */
export async function seedIngestionVocabulary(): Promise<IngestionFixture> {
  const providerIds: Record<string, Types.ObjectId> = {};
  await ProviderModel.insertMany(
    FIXTURE_PROVIDERS.map((provider) => {
      providerIds[provider.slug] = new Types.ObjectId();
      return { _id: providerIds[provider.slug], ...provider, hosts: [...provider.hosts], nameKey: provider.name.toLowerCase() };
    }),
  );
  const categoryId = new Types.ObjectId();
  await CategoryModel.insertMany([{ _id: categoryId, slug: 'general', name: 'General', tier: 'FOUNDATION', position: 0 }]);
  const skillIds: Record<string, Types.ObjectId> = {};
  await SkillModel.insertMany(
    FIXTURE_SKILLS.map((skill) => {
      skillIds[skill.slug] = new Types.ObjectId();
      const matchKeys = [...new Set([skill.name, ...skill.aliases].map(normaliseSkillTerm))];
      return { _id: skillIds[skill.slug], ...skill, nameKey: skill.name.toLowerCase(), categoryId, matchKeys };
    }),
  );
  return { providerIds, skillIds };
}
