import DataLoader from 'dataloader';
import type { Types } from 'mongoose';
import type { EntityCache } from './cache/entity-cache';
import type { LeanModel } from './lean-model';
import { objectIdsOf, readLean } from './lean-read';

/**
 * `batchSize` for the queries behind the loaders: a batch is ONE command. Without it a real mongod puts
 * at most 101 documents in a cursor's first batch, so a `$in` of 102 ids or more (a page of 100
 * resources' skills, the taxonomy's skills) would cost a `getMore` per further batch. MongoDB still caps
 * a batch at 16 MiB; past that the driver fetches the rest, so nothing is ever cut off.
 */
export const ONE_BATCH = 1_000_000;

/** A by-id DataLoader that also answers, without a promise, for the ids this request has loaded already. */
export interface ByIdLoader<TDoc> extends DataLoader<string, TDoc | null> {
  /**
   * The document of `id` when a batch of this loader has already brought it (null: it does not
   * exist); undefined when it has not been loaded (or its batch failed): then `load` it. A field
   * resolver that answers from here returns a value, not a promise, so graphql-js completes the field
   * at once: a page of 50 has ~250 such relation fields, each a promise job otherwise.
   */
  settled(id: string): TDoc | null | undefined;
}

/**
 * A DataLoader that fetches documents by ObjectId (keyed by hex string) and returns them in key
 * order, null for a miss. With an entity cache, the batch is first looked up there (one MGET) and
 * only the misses are read from MongoDB, in one `$in` query; without one, the whole batch is.
 */
export function createByIdLoader<TDoc extends { _id: Types.ObjectId }>(model: LeanModel, entityCache?: EntityCache): ByIdLoader<TDoc> {
  const fetch = (ids: string[]) => readLean<TDoc>(model, { _id: { $in: objectIdsOf(ids) } }, { batchSize: ONE_BATCH });
  // Loaders live for one request and are never cleared or primed, so what a batch brought stays true for it.
  const settledById = new Map<string, TDoc | null>();
  const loader = new DataLoader<string, TDoc | null>(async (ids) => {
    let documents: Array<TDoc | null>;
    if (entityCache) documents = await entityCache.load<TDoc>(model.modelName, ids, fetch);
    else {
      const found = await fetch([...ids]);
      const byId = new Map(found.map((document) => [String(document._id), document]));
      documents = ids.map((id) => byId.get(id) ?? null);
    }
    ids.forEach((id, index) => settledById.set(id, documents[index]));
    return documents;
  });
  return Object.assign(loader, { settled: (id: string) => settledById.get(id) });
}

/** The document of `id`: at once when this request has it already (`settled`), else through the batch. */
export function loadSettledFirst<TDoc>(loader: ByIdLoader<TDoc>, id: string): TDoc | null | Promise<TDoc | null> {
  const settled = loader.settled(id);
  return settled !== undefined ? settled : loader.load(id);
}

/**
 * A DataLoader for a one-to-many relation: all documents whose `field` holds one of the keys, in one
 * query per batch, grouped per key (a multikey `field` may put one document under several keys). The
 * keys are cast to the field's schema type by mongoose; the read itself skips mongoose's query layer
 * (`readLean`).
 */
export function createByFieldLoader<TDoc extends { _id: Types.ObjectId }>(
  model: LeanModel,
  field: string,
  sort: Record<string, 1 | -1>,
): DataLoader<string, TDoc[]> {
  const segments = field.split('.');
  return new DataLoader<string, TDoc[]>(async (keys) => {
    const filter = model.find({ [field]: { $in: keys } }).cast();
    const documents = await readLean<TDoc>(model, filter, { sort, batchSize: ONE_BATCH });
    const grouped = new Map<string, TDoc[]>(keys.map((key) => [key, []]));
    for (const document of documents) {
      for (const value of valuesAt(document, segments)) grouped.get(String(value))?.push(document);
    }
    return keys.map((key) => grouped.get(key) ?? []);
  });
}

/** The values at a dotted path, arrays on the way flattened (as MongoDB matches a multikey path). */
function valuesAt(document: object, segments: readonly string[]): unknown[] {
  let values: unknown[] = [document];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of values) {
      const child = value == null ? undefined : (value as Record<string, unknown>)[segment];
      if (Array.isArray(child)) for (const item of child) next.push(item);
      else if (child !== undefined) next.push(child);
    }
    values = next;
  }
  return values;
}

/**
 * Loads the documents `entries` refer to (one batch) and pairs each entry with its document, in
 * order. An entry whose document is gone (an id left dangling by a delete) is dropped rather than
 * failing the list; a failed batch is rethrown, not hidden.
 */
export async function loadEach<TEntry, TDoc>(
  loader: DataLoader<string, TDoc | null>,
  entries: readonly TEntry[],
  idOf: (entry: TEntry) => { toString(): string },
): Promise<Array<{ entry: TEntry; document: TDoc }>> {
  const results = await loader.loadMany(entries.map((entry) => String(idOf(entry))));
  return entries.flatMap((entry, index) => {
    const result = results[index];
    if (result instanceof Error) throw result;
    return result ? [{ entry, document: result }] : [];
  });
}

/** The documents of `ids` that exist, in order (see `loadEach`). */
export async function loadPresent<TDoc>(
  loader: DataLoader<string, TDoc | null>,
  ids: ReadonlyArray<{ toString(): string }>,
): Promise<TDoc[]> {
  return (await loadEach(loader, ids, (id) => id)).map(({ document }) => document);
}
