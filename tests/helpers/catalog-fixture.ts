import { Types } from 'mongoose';
import { setClock } from '../../src/core/clock';
import { parseGlobalId, toGlobalId } from '../../src/core/relay/global-id';
import { CategoryModel } from '../../src/modules/category/category.model';
import { ProviderModel } from '../../src/modules/provider/provider.model';
import { ResourceModel } from '../../src/modules/resource/resource.model';
import { SkillModel } from '../../src/modules/skill/skill.model';

/** A resource row of the fixture as written below: skills as [skill id, level] pairs, kind-specific fields flat. */
interface FixtureRow {
  kind: 'COURSE' | 'OPEN_SOURCE_PROJECT' | 'EVENT';
  slug: string;
  title: string;
  providerId: Types.ObjectId;
  skills: Array<[Types.ObjectId, string | null]>;
  level: string | null;
  free: boolean;
  language: string;
  tags: string[];
  createdAt: Date;
  priceAmount?: number;
  priceCurrency?: string;
  ratingAverage?: number;
  ratingCount?: number;
  durationMinutes?: number;
  certificate?: string;
  format?: string;
  repositoryUrl?: string;
  primaryLanguage?: string;
  stars?: number;
  beginnerLabels?: string[];
  license?: string;
  startDate?: Date;
  endDate?: Date;
  online?: boolean;
  city?: string;
  country?: string;
  cfpUrl?: string;
  cfpDeadline?: Date;
}

/** A resource row of the fixture, as stored (flat kind-specific fields), with ids resolved. */
export type FixtureResource = Omit<FixtureRow, 'skills' | 'priceAmount' | 'priceCurrency'> & {
  _id: Types.ObjectId;
  url: string;
  description: string;
  priceAmount: number | null;
  priceCurrency: string | null;
  skills: Array<{ skillId: Types.ObjectId; level: string | null }>;
  skillIds: Types.ObjectId[];
  titleKey: string;
  pricing: 'FREE' | 'PAID' | 'UNKNOWN';
  updatedAt: Date;
  source: { feed: string; externalId: string; fetchedAt: Date };
};

const TYPE_BY_KIND = { COURSE: 'Course', OPEN_SOURCE_PROJECT: 'OpenSourceProject', EVENT: 'Event' } as const;

/** The global id a resource document is exposed under. */
export function resourceGlobalId(resource: { _id: Types.ObjectId; kind: string }): string {
  return toGlobalId(TYPE_BY_KIND[resource.kind as keyof typeof TYPE_BY_KIND], resource._id);
}

const day = (n: number) => new Date(Date.UTC(2024, 0, n, 12));
const date = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/**
 * The day the hand-written catalogue is read on: before its first event, so all four events are
 * upcoming (the API lists upcoming events by default) and the tests' expectations stay about filters
 * and orderings. Tests of time itself (tests/event-time.test.ts) move the clock on their own.
 */
export const CATALOG_FIXTURE_NOW = new Date('2025-01-01T12:00:00.000Z');

export interface CatalogFixture {
  providerIds: Record<'coursera' | 'udemy' | 'github' | 'confs', Types.ObjectId>;
  categoryIds: Record<'languages' | 'databases' | 'devops', Types.ObjectId>;
  skillIds: Record<'javascript' | 'python' | 'postgresql' | 'docker' | 'kubernetes', Types.ObjectId>;
  resources: FixtureResource[];
  bySlug: Record<string, FixtureResource>;
  /** Global ids: `ids.provider.coursera`, `ids.skill.python`. */
  ids: { provider: Record<string, string>; skill: Record<string, string> };
}

/**
 * A small hand-written catalogue, written straight through the models: 4 providers, 3 categories,
 * 5 skills and 15 resources (7 courses, 4 projects, 4 events) chosen so every filter keeps a
 * different subset and every ordering has ties and missing values.
 */
export async function seedCatalog(): Promise<CatalogFixture> {
  setClock(() => CATALOG_FIXTURE_NOW);
  const providerIds = {
    coursera: new Types.ObjectId(),
    udemy: new Types.ObjectId(),
    github: new Types.ObjectId(),
    confs: new Types.ObjectId(),
  };
  await ProviderModel.insertMany([
    {
      _id: providerIds.coursera,
      slug: 'coursera',
      name: 'Coursera',
      nameKey: 'coursera',
      kind: 'MOOC_PLATFORM',
      url: 'https://www.coursera.org',
    },
    { _id: providerIds.udemy, slug: 'udemy', name: 'Udemy', nameKey: 'udemy', kind: 'MARKETPLACE', url: 'https://www.udemy.com' },
    { _id: providerIds.github, slug: 'github', name: 'GitHub', nameKey: 'github', kind: 'OPEN_SOURCE', url: 'https://github.com' },
    { _id: providerIds.confs, slug: 'confs-tech', name: 'confs.tech', nameKey: 'confs.tech', kind: 'EVENTS', url: 'https://confs.tech' },
  ]);
  const categoryIds = { languages: new Types.ObjectId(), databases: new Types.ObjectId(), devops: new Types.ObjectId() };
  await CategoryModel.insertMany([
    { _id: categoryIds.languages, slug: 'programming-languages', name: 'Programming Languages', tier: 'FOUNDATION', position: 0 },
    { _id: categoryIds.databases, slug: 'databases', name: 'Databases', tier: 'FOUNDATION', position: 1 },
    { _id: categoryIds.devops, slug: 'devops', name: 'DevOps', tier: 'ADVANCED', position: 0 },
  ]);
  const skillIds = {
    javascript: new Types.ObjectId(),
    python: new Types.ObjectId(),
    postgresql: new Types.ObjectId(),
    docker: new Types.ObjectId(),
    kubernetes: new Types.ObjectId(),
  };
  // `matchKeys` as the skill service computes them (a name without aliases: its normalised name).
  await SkillModel.insertMany([
    {
      _id: skillIds.javascript,
      slug: 'javascript',
      name: 'JavaScript',
      nameKey: 'javascript',
      matchKeys: ['javascript'],
      categoryId: categoryIds.languages,
    },
    { _id: skillIds.python, slug: 'python', name: 'Python', nameKey: 'python', matchKeys: ['python'], categoryId: categoryIds.languages },
    {
      _id: skillIds.postgresql,
      slug: 'postgresql',
      name: 'PostgreSQL',
      nameKey: 'postgresql',
      matchKeys: ['postgresql'],
      categoryId: categoryIds.databases,
    },
    { _id: skillIds.docker, slug: 'docker', name: 'Docker', nameKey: 'docker', matchKeys: ['docker'], categoryId: categoryIds.devops },
    {
      _id: skillIds.kubernetes,
      slug: 'kubernetes',
      name: 'Kubernetes',
      nameKey: 'kubernetes',
      matchKeys: ['kubernetes'],
      categoryId: categoryIds.devops,
    },
  ]);

  const s = skillIds;
  const rows: FixtureRow[] = [
    // Courses
    {
      kind: 'COURSE',
      slug: 'intro-js',
      title: 'Intro to JavaScript',
      providerId: providerIds.coursera,
      skills: [[s.javascript, 'BEGINNER']],
      level: 'BEGINNER',
      free: true,
      language: 'en',
      tags: ['web', 'frontend'],
      createdAt: day(1),
      ratingAverage: 4.5,
      ratingCount: 1000,
      durationMinutes: 600,
      certificate: 'FREE',
      format: 'video',
    },
    {
      kind: 'COURSE',
      slug: 'advanced-python',
      title: 'Advanced Python',
      providerId: providerIds.udemy,
      skills: [[s.python, 'ADVANCED']],
      level: 'ADVANCED',
      free: false,
      priceAmount: 49.99,
      priceCurrency: 'USD',
      language: 'en',
      tags: ['backend'],
      createdAt: day(2),
      ratingAverage: 4.7,
      ratingCount: 200,
      durationMinutes: 1200,
      certificate: 'PAID',
    },
    {
      kind: 'COURSE',
      slug: 'postgres-beginners',
      title: 'PostgreSQL for Beginners',
      providerId: providerIds.udemy,
      skills: [
        [s.postgresql, 'BEGINNER'],
        [s.python, null],
      ],
      level: 'BEGINNER',
      free: false,
      priceAmount: 19.99,
      priceCurrency: 'USD',
      language: 'es',
      tags: ['databases', 'backend'],
      createdAt: day(3),
    },
    {
      kind: 'COURSE',
      slug: 'docker-deep-dive',
      title: 'Docker Deep Dive',
      providerId: providerIds.coursera,
      skills: [
        [s.docker, 'INTERMEDIATE'],
        [s.kubernetes, 'BEGINNER'],
      ],
      level: 'INTERMEDIATE',
      free: false,
      priceAmount: 49.99,
      priceCurrency: 'USD',
      language: 'en',
      tags: ['devops'],
      createdAt: day(3),
      ratingAverage: 4.5,
      ratingCount: 50,
    },
    {
      kind: 'COURSE',
      slug: 'kubernetes-in-action',
      title: 'Kubernetes in Action',
      providerId: providerIds.udemy,
      skills: [
        [s.kubernetes, 'ADVANCED'],
        [s.docker, 'INTERMEDIATE'],
      ],
      level: 'ADVANCED',
      free: false,
      priceAmount: 99,
      priceCurrency: 'EUR',
      language: 'de',
      tags: ['devops', 'cloud'],
      createdAt: day(4),
      ratingAverage: 3.9,
      ratingCount: 10,
    },
    {
      kind: 'COURSE',
      slug: 'js-testing',
      title: 'javascript testing',
      providerId: providerIds.coursera,
      skills: [[s.javascript, 'INTERMEDIATE']],
      level: null,
      free: true,
      language: 'en',
      tags: [],
      createdAt: day(5),
    },
    {
      kind: 'COURSE',
      slug: 'python-pipelines',
      title: 'Python Data Pipelines',
      providerId: providerIds.coursera,
      skills: [
        [s.python, 'INTERMEDIATE'],
        [s.postgresql, 'INTERMEDIATE'],
      ],
      level: 'INTERMEDIATE',
      free: false,
      priceAmount: 29,
      priceCurrency: 'USD',
      language: 'fr',
      tags: ['backend', 'data'],
      createdAt: day(5),
      ratingAverage: 4.7,
      ratingCount: 75,
    },
    // Open-source projects
    {
      kind: 'OPEN_SOURCE_PROJECT',
      slug: 'express',
      title: 'expressjs/express',
      providerId: providerIds.github,
      skills: [[s.javascript, 'INTERMEDIATE']],
      level: null,
      free: true,
      language: 'en',
      tags: ['web', 'backend'],
      createdAt: day(2),
      repositoryUrl: 'https://github.com/expressjs/express',
      primaryLanguage: 'JavaScript',
      stars: 65000,
      beginnerLabels: ['good first issue'],
      license: 'MIT',
    },
    {
      kind: 'OPEN_SOURCE_PROJECT',
      slug: 'django',
      title: 'django/django',
      providerId: providerIds.github,
      skills: [[s.python, 'INTERMEDIATE']],
      level: null,
      free: true,
      language: 'en',
      tags: ['web', 'backend'],
      createdAt: day(6),
      repositoryUrl: 'https://github.com/django/django',
      primaryLanguage: 'Python',
      stars: 80000,
      beginnerLabels: ['easy pickings'],
      license: 'BSD-3-Clause',
    },
    {
      kind: 'OPEN_SOURCE_PROJECT',
      slug: 'tiny-docker-tool',
      title: 'tiny-docker-tool',
      providerId: providerIds.github,
      skills: [[s.docker, 'BEGINNER']],
      level: 'BEGINNER',
      free: true,
      language: 'en',
      tags: ['devops'],
      createdAt: day(6),
      repositoryUrl: 'https://github.com/example/tiny-docker-tool',
    },
    {
      kind: 'OPEN_SOURCE_PROJECT',
      slug: 'pg-utils',
      title: 'pg-utils',
      providerId: providerIds.github,
      skills: [[s.postgresql, null]],
      level: null,
      free: true,
      language: 'en',
      tags: ['databases'],
      createdAt: day(7),
      repositoryUrl: 'https://github.com/example/pg-utils',
      primaryLanguage: 'Go',
      stars: 65000,
    },
    // Events
    {
      kind: 'EVENT',
      slug: 'jsconf-eu',
      title: 'JSConf EU',
      providerId: providerIds.confs,
      skills: [[s.javascript, null]],
      level: null,
      free: false,
      priceAmount: 300,
      priceCurrency: 'EUR',
      language: 'en',
      tags: ['web'],
      createdAt: day(1),
      startDate: date('2025-06-02'),
      endDate: date('2025-06-03'),
      city: 'Berlin',
      country: 'Germany',
      online: false,
      cfpUrl: 'https://jsconf.eu/cfp',
      cfpDeadline: date('2025-03-01'),
    },
    {
      kind: 'EVENT',
      slug: 'pycon-us',
      title: 'PyCon US',
      providerId: providerIds.confs,
      skills: [[s.python, null]],
      level: null,
      free: false,
      priceAmount: 400,
      priceCurrency: 'USD',
      language: 'en',
      tags: [],
      createdAt: day(4),
      startDate: date('2025-05-14'),
      endDate: date('2025-05-22'),
      city: 'Pittsburgh',
      country: 'U.S.A.',
      online: false,
    },
    {
      kind: 'EVENT',
      slug: 'kubecon-online',
      title: 'KubeCon Online',
      providerId: providerIds.confs,
      skills: [
        [s.kubernetes, null],
        [s.docker, null],
      ],
      level: null,
      free: true,
      language: 'en',
      tags: ['devops', 'cloud'],
      createdAt: day(7),
      startDate: date('2025-11-10'),
      endDate: date('2025-11-13'),
      online: true,
    },
    {
      kind: 'EVENT',
      slug: 'postgres-meetup',
      title: 'Postgres Meetup',
      providerId: providerIds.confs,
      skills: [[s.postgresql, null]],
      level: null,
      free: true,
      language: 'fr',
      tags: ['databases'],
      createdAt: day(8),
      startDate: date('2025-06-02'),
      city: 'Paris',
      country: 'France',
      online: false,
    },
  ];

  const resources = rows.map((row): FixtureResource => {
    const skills = row.skills.map(([skillId, level]) => ({ skillId, level }));
    return {
      _id: new Types.ObjectId(),
      url: `https://example.com/${row.slug}`,
      description: `About ${row.title}.`,
      priceAmount: null,
      priceCurrency: null,
      ...row,
      skills,
      skillIds: skills.map((skill) => skill.skillId),
      titleKey: row.title.toLowerCase(),
      // As ingestion stores it: free is known free, a price is known paid, anything else unknown (the events).
      pricing: row.free ? 'FREE' : row.priceAmount ? 'PAID' : 'UNKNOWN',
      updatedAt: row.createdAt,
      source: { feed: 'fixture', externalId: row.slug, fetchedAt: row.createdAt },
    };
  });
  // The raw collection keeps the given createdAt (mongoose timestamps would overwrite it).
  await ResourceModel.collection.insertMany(resources);

  return {
    providerIds,
    categoryIds,
    skillIds,
    resources,
    bySlug: Object.fromEntries(resources.map((resource) => [resource.slug, resource])),
    ids: {
      provider: Object.fromEntries(Object.entries(providerIds).map(([name, id]) => [name, toGlobalId('Provider', id)])),
      skill: Object.fromEntries(Object.entries(skillIds).map(([name, id]) => [name, toGlobalId('Skill', id)])),
    },
  };
}

/**
 * A bulk catalogue for counting round trips: `resourceCount` resources spread over `providerCount`
 * providers and `skillCount` skills in `categoryCount` categories, each resource teaching two skills.
 */
export async function seedBulkCatalog(options: {
  resourceCount: number;
  providerCount: number;
  skillCount: number;
  categoryCount: number;
}) {
  const categories = Array.from({ length: options.categoryCount }, (_, index) => ({
    _id: new Types.ObjectId(),
    slug: `category-${index}`,
    name: `Category ${index}`,
    tier: 'FOUNDATION',
    position: index,
  }));
  const providers = Array.from({ length: options.providerCount }, (_, index) => ({
    _id: new Types.ObjectId(),
    slug: `provider-${index}`,
    name: `Provider ${index}`,
    nameKey: `provider ${index}`,
    kind: 'MOOC_PLATFORM',
    url: `https://provider-${index}.example.com`,
  }));
  const skills = Array.from({ length: options.skillCount }, (_, index) => ({
    _id: new Types.ObjectId(),
    slug: `skill-${String(index).padStart(2, '0')}`,
    name: `Skill ${String(index).padStart(2, '0')}`,
    nameKey: `skill ${String(index).padStart(2, '0')}`,
    categoryId: categories[index % categories.length]._id,
  }));
  const resources = Array.from({ length: options.resourceCount }, (_, index) => {
    const taught = [skills[index % skills.length], skills[(index + 7) % skills.length]];
    return {
      _id: new Types.ObjectId(),
      kind: 'COURSE',
      slug: `bulk-${index}`,
      title: `Bulk course ${index}`,
      titleKey: `bulk course ${index}`,
      url: `https://example.com/bulk-${index}`,
      description: '',
      providerId: providers[index % providers.length]._id,
      skills: taught.map((skill) => ({ skillId: skill._id, level: 'BEGINNER' })),
      skillIds: taught.map((skill) => skill._id),
      level: 'BEGINNER',
      free: true,
      pricing: 'FREE',
      priceAmount: null,
      priceCurrency: null,
      language: 'en',
      tags: [],
      source: { feed: 'bulk', externalId: String(index), fetchedAt: new Date() },
      createdAt: new Date(Date.UTC(2024, 0, 1) + index * 60_000),
      updatedAt: new Date(),
    };
  });
  await CategoryModel.insertMany(categories);
  await ProviderModel.insertMany(providers);
  await SkillModel.insertMany(skills);
  await ResourceModel.collection.insertMany(resources);
  return { categories, providers, skills, resources };
}

/** The ObjectId inside a global id the API returned (for reading the stored document directly). */
export function objectIdOf(globalId: string): Types.ObjectId {
  return parseGlobalId(globalId)!.objectId;
}
