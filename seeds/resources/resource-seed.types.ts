import type { ResourceKindValue } from '../../src/modules/resource/resource.model';
import type { Level } from '../../src/modules/shared-enums';
import type { TermCount } from '../skill-matcher';

export type LevelValue = `${Level}`;

/** A skill a resource teaches, by slug; the seeder resolves the slug to the skill's id. */
export interface ResourceSkillSeed {
  skillSlug: string;
  level: LevelValue | null;
}

/**
 * A resource ready to seed: the model's fields, with the provider and skills given by slug. Fields of
 * the other kinds are left out; a kind's field that is undefined is removed from an existing document.
 */
export interface ResourceSeed {
  kind: ResourceKindValue;
  slug: string;
  title: string;
  url: string;
  description: string;
  providerSlug: string;
  skills: ResourceSkillSeed[];
  level: LevelValue | null;
  free: boolean;
  priceAmount: number | null;
  priceCurrency: string | null;
  language: string | null;
  tags: string[];
  source: { feed: string; externalId: string; fetchedAt: Date };

  durationMinutes?: number;
  ratingAverage?: number;
  ratingCount?: number;
  certificate?: 'NONE' | 'FREE' | 'PAID';
  format?: string;

  repositoryUrl?: string;
  primaryLanguage?: string;
  stars?: number;
  beginnerLabels?: string[];
  license?: string;

  startDate?: Date;
  endDate?: Date;
  city?: string;
  country?: string;
  online?: boolean;
  cfpUrl?: string;
  cfpDeadline?: Date;
}

/** Records of one source file set that were not turned into resources of their own, grouped by why. */
export interface SkippedRecords {
  reason: string;
  count: number;
}

/** What one feed's parser and mapper produced from the data files: the input of the resource upsert. */
export interface SourceBatch {
  feed: string;
  /** Records read from the data files (before merging duplicates). */
  read: number;
  resources: ResourceSeed[];
  skipped: SkippedRecords[];
  /** Terms (headings, technologies, topics) that named no skill, with how many records carried them. */
  unmappedTerms: TermCount[];
  /** Resources that ended up with no skill at all. */
  resourcesWithoutSkills: number;
}

/** Which fields belong to which kind: a kind's fields are set, the other kinds' fields are never written. */
export const KIND_FIELDS = {
  COURSE: ['durationMinutes', 'ratingAverage', 'ratingCount', 'certificate', 'format'],
  OPEN_SOURCE_PROJECT: ['repositoryUrl', 'primaryLanguage', 'stars', 'beginnerLabels', 'license'],
  EVENT: ['startDate', 'endDate', 'city', 'country', 'online', 'cfpUrl', 'cfpDeadline'],
} as const satisfies Record<ResourceKindValue, readonly (keyof ResourceSeed)[]>;
