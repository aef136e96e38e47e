import type { AnyBulkWriteOperation, Model } from 'mongoose';
import { fieldChanges } from '../../src/core/field-changes';

/**
 * Any of the seeded models (providers, categories, skills, roles). Mongoose's Model type is invariant in
 * its document types, so only `Model<any>` takes all four (as src/core/hidden-fields.ts does); the seeder
 * reads and writes their documents as plain records, never through the model's own types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one way to accept every model, for the reason above
export type SeededModel = Model<any>;

/** Operations per `bulkWrite` call: large enough for few round trips, small enough for any server's message limit. */
export const BULK_WRITE_BATCH_SIZE = 1000;

/** One document the seed wants to exist, identified by a unique key. */
export interface DesiredDocument {
  /** Identity within this call (a slug, an externalId); also the key of the `existing` map. */
  key: string;
  /** Finds the document by its unique key, e.g. `{ slug }` or `{ 'source.feed', 'source.externalId' }`. */
  filter: Record<string, unknown>;
  /** Fields to keep in step: changed ones are set, undefined ones removed. */
  fields: Record<string, unknown>;
  /** Fields written only when the document is created, never compared or changed afterwards. */
  fieldsOnInsert?: Record<string, unknown>;
}

export type DocumentOutcome = 'created' | 'updated' | 'unchanged' | 'failed';

export interface UpsertResult {
  outcomes: Map<string, DocumentOutcome>;
  /** Why each failed document failed (the server's message), by key. */
  failures: Map<string, string>;
}

interface WriteErrorLike {
  index: number;
  errmsg?: string;
  err?: { errmsg?: string };
}

/** Reads the per-operation errors of an unordered bulk write, or returns null for any other error. */
function bulkWriteErrors(error: unknown): { writeErrors: WriteErrorLike[]; upsertedIds: Record<number, unknown> } | null {
  if (typeof error !== 'object' || error === null || !('writeErrors' in error)) return null;
  const raw = error.writeErrors;
  const writeErrors = (Array.isArray(raw) ? raw : [raw]) as WriteErrorLike[];
  const result = (error as { result?: { upsertedIds?: Record<number, unknown> } }).result;
  return { writeErrors, upsertedIds: result?.upsertedIds ?? {} };
}

/**
 * Makes the collection hold `desired`, writing only what differs from `existing` (the current
 * documents, by key): missing documents are upserted, changed ones updated by `_id`, equal ones left
 * alone. Writes go in unordered `bulkWrite` batches; mongoose adds `createdAt` on insert and
 * `updatedAt` on change. Nothing is ever deleted. A document whose write fails (e.g. a unique slug held
 * by another document) is reported as failed rather than aborting the seed.
 */
export async function upsertDocuments(
  model: SeededModel,
  desired: readonly DesiredDocument[],
  existing: ReadonlyMap<string, Record<string, unknown>>,
): Promise<UpsertResult> {
  const outcomes = new Map<string, DocumentOutcome>();
  const failures = new Map<string, string>();
  const pending: { document: DesiredDocument; operation: AnyBulkWriteOperation; inserting: boolean }[] = [];

  for (const document of desired) {
    const current = existing.get(document.key);
    const changes = fieldChanges(current, document.fields);
    if (current && !changes) {
      outcomes.set(document.key, 'unchanged');
      continue;
    }
    if (current && changes) {
      const update = {
        ...(Object.keys(changes.$set).length ? { $set: changes.$set } : {}),
        ...(Object.keys(changes.$unset).length ? { $unset: changes.$unset } : {}),
      };
      pending.push({ document, inserting: false, operation: { updateOne: { filter: { _id: current._id }, update } } });
      continue;
    }
    const $set = Object.fromEntries(Object.entries(document.fields).filter(([, value]) => value !== undefined));
    const update = { $set, ...(document.fieldsOnInsert ? { $setOnInsert: document.fieldsOnInsert } : {}) };
    pending.push({ document, inserting: true, operation: { updateOne: { filter: document.filter, update, upsert: true } } });
  }

  for (let start = 0; start < pending.length; start += BULK_WRITE_BATCH_SIZE) {
    const batch = pending.slice(start, start + BULK_WRITE_BATCH_SIZE);
    let upsertedIds: Record<number, unknown> = {};
    const failedIndexes = new Map<number, string>();
    try {
      const result = await model.bulkWrite(
        batch.map((entry) => entry.operation),
        { ordered: false },
      );
      upsertedIds = result.upsertedIds ?? {};
    } catch (error) {
      const details = bulkWriteErrors(error);
      if (!details) throw error;
      upsertedIds = details.upsertedIds;
      for (const writeError of details.writeErrors)
        failedIndexes.set(writeError.index, writeError.errmsg ?? writeError.err?.errmsg ?? 'write failed');
    }
    batch.forEach((entry, index) => {
      const failure = failedIndexes.get(index);
      if (failure !== undefined) {
        outcomes.set(entry.document.key, 'failed');
        failures.set(entry.document.key, failure);
        return;
      }
      // An upsert that found a document (written since we read) updated it rather than creating one.
      const created = entry.inserting && index in upsertedIds;
      outcomes.set(entry.document.key, created ? 'created' : 'updated');
    });
  }
  return { outcomes, failures };
}

/** How many documents had each outcome. */
export function countOutcomes(outcomes: ReadonlyMap<string, DocumentOutcome>): Record<DocumentOutcome, number> {
  const counts: Record<DocumentOutcome, number> = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const outcome of outcomes.values()) counts[outcome] += 1;
  return counts;
}
