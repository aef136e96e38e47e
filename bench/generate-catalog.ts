import { Types } from 'mongoose';
import { ProviderModel } from '../src/modules/provider/provider.model';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { searchFieldsFor, type IndexableResource } from '../src/modules/search/search-indexing';
import { recordTitleWords } from '../src/modules/search/search-vocabulary';
import { SkillModel } from '../src/modules/skill/skill.model';
import { seedProviders } from '../seeds/database/seed-providers';
import { seedCategories, seedRoles, seedSkills } from '../seeds/database/seed-taxonomy';
import { providers as seedProviderList } from '../src/modules/provider/known-providers';
import { taxonomy } from '../seeds/taxonomy';
import { seededRandom as createRandom } from '../src/core/seeded-random';

/**
 * A deterministic synthetic catalogue for benchmarks: the real taxonomy and providers (seeded as the
 * seeder does), then `count` generated resources whose titles, skills, kinds, prices, languages and
 * dates come from a seeded pseudo-random generator, so two runs build byte-identical data. Resources
 * get their search fields through `searchFieldsFor` and their title words through `recordTitleWords`,
 * the same path as every other write.
 */

const COURSE_TITLES = [
  '{skill} Tutorial for Beginners',
  'Mastering {skill}',
  '{skill} in Action',
  'The Complete {skill} Course',
  '{skill} Crash Course',
  'Advanced {skill}',
  '{skill} and {other}: a Practical Guide',
  'Learn {skill} by Building Projects',
  'Introduction to {skill}',
  '{skill} Fundamentals',
  '{skill} for Data Engineers',
  'Testing {skill} Applications',
  '{skill} Performance Tuning',
  'Production {skill}',
];
const PROJECT_TITLES = ['{skill}-toolkit', 'awesome-{skill}', '{skill} starter kit', 'tiny {skill} server', '{skill} plugins'];
const EVENT_TITLES = ['{skill} Conf {city}', '{city} {skill} Meetup', '{skill} Summit', '{skill} Days {city}', '{skill} and {other} Forum'];
const CITIES = ['Berlin', 'Paris', 'Lisbon', 'Austin', 'Toronto', 'Bangalore', 'Nairobi', 'Tokyo', 'Sydney', 'Warsaw'];
const LANGUAGES = ['en', 'en', 'en', 'en', 'es', 'de', 'fr', 'pt', 'ja'];
const LEVELS = ['BEGINNER', 'INTERMEDIATE', 'ADVANCED', null] as const;
const WORDS =
  'hands-on exercises quizzes projects videos labs explanations examples production deployment debugging architecture patterns'.split(' ');

/** The day generated events are spread from: fixed, so the data never depends on when it was built. */
export const GENERATED_EVENTS_FROM = new Date('2026-01-01T00:00:00.000Z');

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)];

/** A deterministic ObjectId for the n-th generated resource (timestamp part fixed, counter part n). */
function generatedId(index: number): Types.ObjectId {
  return new Types.ObjectId(`65a00000${index.toString(16).padStart(16, '0')}`);
}

export interface GeneratedCatalog {
  resources: number;
  durationMs: number;
}

export interface GenerateCatalogOptions {
  seed?: number;
  batchSize?: number;
  onProgress?: (written: number) => void;
  /**
   * Also writes `pricing` (FREE or PAID, from `free` and the price), as every write path does now. Off by
   * default so that the search bench's catalogue stays what its reports measured; the plan bench needs it
   * (free-only and budget plans filter on `pricing`).
   */
  pricing?: boolean;
}

/**
 * Seeds the taxonomy and providers, then inserts `count` generated resources (in batches, with
 * their search fields). Expects an empty resources collection.
 */
export async function generateCatalog(count: number, options: GenerateCatalogOptions = {}): Promise<GeneratedCatalog> {
  const startedAt = Date.now();
  const categories = await seedCategories(taxonomy.categories);
  const skills = await seedSkills(taxonomy.skills, categories.ids);
  await seedRoles(taxonomy.roles, skills.ids);
  await seedProviders(seedProviderList);
  const skillDocuments = await SkillModel.find({}, { name: 1 }).sort({ slug: 1 }).lean().exec();
  const providerIds = (await ProviderModel.find({}, { _id: 1 }).sort({ slug: 1 }).lean().exec()).map((provider) => provider._id);

  const random = createRandom(options.seed ?? 20_260_101);
  const batchSize = options.batchSize ?? 2_000;
  for (let start = 0; start < count; start += batchSize) {
    const batch: Array<Record<string, unknown>> = [];
    for (let index = start; index < Math.min(count, start + batchSize); index += 1) {
      const roll = random();
      const kind = roll < 0.6 ? 'COURSE' : roll < 0.8 ? 'OPEN_SOURCE_PROJECT' : 'EVENT';
      const skill = pick(random, skillDocuments);
      const other = pick(random, skillDocuments);
      const template = pick(random, kind === 'COURSE' ? COURSE_TITLES : kind === 'EVENT' ? EVENT_TITLES : PROJECT_TITLES);
      const title = template.replace('{skill}', skill.name).replace('{other}', other.name).replace('{city}', pick(random, CITIES));
      const free = kind === 'OPEN_SOURCE_PROJECT' || random() < 0.4;
      const skillIds = other._id.equals(skill._id) || random() < 0.5 ? [skill._id] : [skill._id, other._id];
      const createdAt = new Date(Date.UTC(2024, 0, 1) + index * 60_000);
      const document: Record<string, unknown> = {
        _id: generatedId(index),
        kind,
        slug: `generated-${index}`,
        title,
        titleKey: title.toLowerCase(),
        url: `https://example.com/generated/${index}`,
        description: `${title}: ${Array.from({ length: 6 }, () => pick(random, WORDS)).join(' ')}.`,
        providerId: pick(random, providerIds),
        skills: skillIds.map((skillId) => ({ skillId, level: null })),
        skillIds,
        level: pick(random, LEVELS),
        free,
        priceAmount: free ? null : Math.round(random() * 20_000) / 100,
        priceCurrency: free ? null : 'USD',
        ...(options.pricing ? { pricing: free ? 'FREE' : 'PAID' } : {}),
        language: pick(random, LANGUAGES),
        tags: [],
        source: { feed: 'generated', externalId: String(index), fetchedAt: createdAt },
        createdAt,
        updatedAt: createdAt,
      };
      if (kind === 'COURSE') {
        document.durationMinutes = 30 + Math.floor(random() * 3000);
        if (random() < 0.7)
          Object.assign(document, {
            ratingAverage: Math.round((2.5 + random() * 2.5) * 10) / 10,
            ratingCount: Math.floor(random() * 5000),
          });
      } else if (kind === 'OPEN_SOURCE_PROJECT') {
        Object.assign(document, {
          repositoryUrl: `https://github.com/example/generated-${index}`,
          stars: Math.floor(random() * 50_000),
          beginnerLabels: [],
        });
      } else {
        Object.assign(document, {
          startDate: new Date(GENERATED_EVENTS_FROM.getTime() + Math.floor(random() * 730) * 86_400_000),
          online: random() < 0.3,
        });
      }
      batch.push(document);
    }
    const searchFields = await searchFieldsFor(batch as unknown as IndexableResource[]);
    batch.forEach((document, index) => Object.assign(document, searchFields[index]));
    await recordTitleWords(batch);
    // The raw collection keeps the generated createdAt (mongoose timestamps would overwrite it).
    await ResourceModel.collection.insertMany(batch, { ordered: false });
    options.onProgress?.(Math.min(count, start + batchSize));
  }
  return { resources: count, durationMs: Date.now() - startedAt };
}
