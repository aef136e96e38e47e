import type { LeanReadable } from './lean-read';

/**
 * The part of a mongoose model that core's generic readers (the by-id loaders, keyset pages) use.
 * Structural on purpose: `Model<T>` is invariant in its document type, so no single `Model<…>`
 * accepts every feature's model, and `Model<any>` would let `any` leak out of every read.
 */
export interface LeanModel extends LeanReadable {
  modelName: string;
  find(filter: Record<string, unknown>, projection?: Record<string, 1>): LeanQuery;
  countDocuments(filter: Record<string, unknown>): { exec(): Promise<number> };
}

/** A find query, chained as core uses it; `exec` resolves to the lean documents, typed by the caller. */
export interface LeanQuery {
  sort(sort: Record<string, 1 | -1>): LeanQuery;
  limit(count: number): LeanQuery;
  batchSize(size: number): LeanQuery;
  lean(): LeanQuery;
  /** The filter cast to the schema's types (mongoose's `Query#cast`), for a read that skips mongoose. */
  cast(): Record<string, unknown>;
  exec(): Promise<unknown>;
}
