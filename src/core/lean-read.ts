import mongoose, { Types } from 'mongoose';

/** What `readLean` reads of a mongoose schema (method syntax: the schema's own types vary with the model's). */
interface SchemaPaths {
  eachPath(visit: (path: string, type: { options: unknown }) => void): unknown;
}

interface LeanCursor {
  toArray(): Promise<unknown[]>;
}

/** The part of a mongoose model that `readLean` uses (structural: see lean-model.ts). */
export interface LeanReadable {
  schema: SchemaPaths;
  // Method syntax, and no driver types: mongoose has a driver of its own, whose types differ from the top-level one's.
  // While mongoose buffers (reconnecting), its collection answers with a promise of the cursor.
  collection: {
    find(filter: Record<string, unknown>, options?: Record<string, unknown>): LeanCursor | Promise<LeanCursor>;
    aggregate(pipeline: object[], options?: Record<string, unknown>): LeanCursor | Promise<LeanCursor>;
  };
}

/** Per schema, the projection mongoose applies when a query names none: its `select: false` paths left out. */
const defaultProjections = new WeakMap<object, Record<string, 0> | undefined>();

function defaultProjectionOf(schema: SchemaPaths): Record<string, 0> | undefined {
  if (defaultProjections.has(schema)) return defaultProjections.get(schema);
  const hidden: Record<string, 0> = {};
  schema.eachPath((path, type) => {
    if ((type.options as { select?: unknown }).select === false) hidden[path] = 0;
  });
  const projection = Object.keys(hidden).length > 0 ? hidden : undefined;
  defaultProjections.set(schema, projection);
  return projection;
}

/**
 * Lean documents of `filter`, as `Model.find(filter).lean()` reads them, without mongoose's query layer
 * (query object, casting, option merging: about 5 % of a cold page's CPU, and most of its reads are
 * by id). The read still goes through mongoose's collection, which waits for a connection while
 * mongoose reconnects (bufferTimeoutMS) exactly as its queries do, and carries the global maxTimeMS.
 * Nothing is cast: `filter` must hold stored types (ObjectIds, not hex strings). With no projection,
 * the schema's `select: false` paths are left out, as mongoose leaves them out.
 *
 * The documents come back as raw BSON and are deserialised here, once. Read as objects, each reply was
 * deserialised twice: by the cursor, and whole for the command-monitoring event (monitorCommands is on
 * for the metrics), which with raw reads keeps the batch as bytes.
 */
export async function readLean<TDoc>(
  model: LeanReadable,
  filter: Record<string, unknown>,
  options: { projection?: Record<string, 0 | 1>; sort?: Record<string, 1 | -1>; limit?: number; batchSize?: number } = {},
): Promise<TDoc[]> {
  const projection = options.projection ?? defaultProjectionOf(model.schema);
  return deserialiseEach<TDoc>(await model.collection.find(filter, rawReadOptions({ ...options, ...(projection ? { projection } : {}) })));
}

/**
 * The rows of an aggregation, as `Model.aggregate(pipeline).exec()` gives them, read raw and deserialised
 * once like `readLean`'s documents; through mongoose's collection (which waits out a reconnect), with the
 * global maxTimeMS. For pipelines that need nothing else of mongoose's: no aggregate middleware, no
 * discriminator filter (a base model's aggregation gets none either).
 */
export async function aggregateLean<TRow>(model: LeanReadable, pipeline: object[], options: { batchSize?: number } = {}): Promise<TRow[]> {
  return deserialiseEach<TRow>(await model.collection.aggregate(pipeline, rawReadOptions(options)));
}

/** The driver options of a raw read: the caller's, mongoose's global maxTimeMS (as its queries carry it), and `raw`. */
function rawReadOptions(options: Record<string, unknown>): Record<string, unknown> {
  const maxTimeMS = mongoose.get('maxTimeMS');
  return { ...options, ...(maxTimeMS ? { maxTimeMS } : {}), raw: true };
}

async function deserialiseEach<T>(cursor: LeanCursor): Promise<T[]> {
  const documents = (await cursor.toArray()) as Uint8Array[];
  // The driver's own BSON and its defaults for reads (promoted values, UTF-8 checked), as the cursor would use.
  return documents.map((bytes) => mongoose.mongo.BSON.deserialize(bytes) as T);
}

/** The ObjectIds of the hex ids that are ObjectIds (24 hex digits); any other id cannot name a document. */
export function objectIdsOf(ids: readonly string[]): Types.ObjectId[] {
  return ids.filter((id) => /^[0-9a-f]{24}$/i.test(id)).map((id) => new Types.ObjectId(id));
}
