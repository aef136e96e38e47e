import type { Types } from 'mongoose';
import { selectHiddenFields } from '../../src/core/hidden-fields';
import { addSkipped, emptySeedCounts, type SeedCounts } from '../seed-report';
import type { DocumentOutcome, SeededModel, UpsertResult } from './upsert-documents';

export type IdBySlug = Map<string, Types.ObjectId>;

/**
 * The server's error message without the parts that differ per document (database name, key value),
 * so that, say, all duplicate-slug failures are counted under one reason.
 */
export function writeFailureReason(message: string): string {
  return `write failed: ${message
    .replace(/\s*collection: \S+/, '')
    .replace(/\s*dup key: .*$/, '')
    .trim()}`;
}

/** Summarises upsert outcomes; failed writes become skipped records grouped by reason. */
export function seedCountsOf(read: number, result: UpsertResult): SeedCounts {
  const counts = emptySeedCounts(read);
  for (const [key, outcome] of result.outcomes) {
    if (outcome === 'failed') addSkipped(counts.skipped, writeFailureReason(result.failures.get(key) ?? 'unknown error'));
    else counts[outcome] += 1;
  }
  return counts;
}

/**
 * Combines the outcomes of two passes over the same documents (a skill's fields, then its edges):
 * a document created by either pass was created; otherwise changed by either pass means updated.
 */
export function combineOutcomes(
  first: ReadonlyMap<string, DocumentOutcome>,
  second: ReadonlyMap<string, DocumentOutcome>,
): Map<string, DocumentOutcome> {
  const rank: Record<DocumentOutcome, number> = { unchanged: 0, updated: 1, created: 2, failed: 3 };
  const combined = new Map(first);
  for (const [key, outcome] of second) {
    const earlier = combined.get(key);
    if (!earlier || rank[outcome] > rank[earlier]) combined.set(key, outcome);
  }
  return combined;
}

/** Reads the current documents whose `slug` is one of `slugs`, keyed by slug. */
export async function existingBySlug(model: SeededModel, slugs: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  // Every stored field, the `select: false` ones included: the seeder compares them all before writing.
  const documents = await model
    .find({ slug: { $in: slugs } })
    .select(selectHiddenFields(model))
    .lean<Record<string, unknown>[]>();
  return new Map(documents.map((document) => [document.slug as string, document]));
}

/** Reads back the ids of the documents with these slugs, after they were upserted. */
export async function idsBySlug(model: SeededModel, slugs: readonly string[]): Promise<IdBySlug> {
  const documents = await model.find({ slug: { $in: slugs } }, { _id: 1, slug: 1 }).lean<{ _id: Types.ObjectId; slug: string }[]>();
  return new Map(documents.map((document) => [document.slug, document._id]));
}

/** The id of `slug`, or an error naming what referred to it: every reference is checked before writing. */
export function requireId(ids: IdBySlug, slug: string, referrer: string): Types.ObjectId {
  const id = ids.get(slug);
  if (!id) throw new Error(`${referrer} refers to "${slug}", which is not in the database (its upsert failed or it is not seeded)`);
  return id;
}
