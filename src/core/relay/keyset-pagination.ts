import type { Types } from 'mongoose';
import type { LeanModel } from '../lean-model';
import { readLean } from '../lean-read';
import { ConnectionResult } from './connection';
import { CursorPosition, decodeCursor, encodeCursor } from './cursor';

export type SortDirection = 1 | -1;

/** Reads a dotted path such as "rating.average" from a lean document. */
export function readPath(document: object, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value == null ? undefined : (value as Record<string, unknown>)[key]), document);
}

/**
 * The filter that keeps only items strictly after `position` in the order (sortPath, _id) both in
 * `direction`. MongoDB sorts null/missing before every value, so in descending order nulls come last
 * and must be kept after any non-null position.
 */
export function afterPositionFilter(sortPath: string, direction: SortDirection, position: CursorPosition): Record<string, unknown> {
  const beyond = direction === 1 ? '$gt' : '$lt';
  if (sortPath === '_id') return { _id: { [beyond]: position.id } };
  if (position.value === null) {
    const sameNullValue = { [sortPath]: null, _id: { [beyond]: position.id } };
    return direction === 1 ? { $or: [sameNullValue, { [sortPath]: { $ne: null } }] } : sameNullValue;
  }
  const clauses: Record<string, unknown>[] = [
    { [sortPath]: { [beyond]: position.value } },
    { [sortPath]: position.value, _id: { [beyond]: position.id } },
  ];
  if (direction === -1) clauses.push({ [sortPath]: null });
  return { $or: clauses };
}

export interface KeysetPageRequest {
  /** Name of the ordering, stored in cursors so a cursor of one ordering is refused by another. */
  orderingName: string;
  sortPath: string;
  direction: SortDirection;
  filter: Record<string, unknown>;
  first: number;
  after?: string | null;
}

/** The `sort` document of an ordering, with `_id` as the tie-breaker so cursors never skip or repeat. */
export function sortDocument(sortPath: string, direction: SortDirection): Record<string, SortDirection> {
  return sortPath === '_id' ? { _id: direction } : { [sortPath]: direction, _id: direction };
}

/** Adds the "after the cursor" condition to a filter. */
export function filterAfterCursor(request: KeysetPageRequest): Record<string, unknown> {
  if (!request.after) return request.filter;
  const position = decodeCursor(request.after, request.orderingName);
  return { $and: [request.filter, afterPositionFilter(request.sortPath, request.direction, position)] };
}

/** The cursor of `node` in the order of `request`. */
function cursorOf(request: KeysetPageRequest, node: { _id: Types.ObjectId }): string {
  return encodeCursor(request.orderingName, {
    value: (readPath(node, request.sortPath) ?? null) as CursorPosition['value'],
    id: node._id,
  });
}

/**
 * An edge whose cursor is encoded the first time it is read: most pages select `node` only (and
 * `pageInfo.endCursor`), and encoding a cursor (JSON, then base64) for each of 100 edges was a
 * visible part of a cold page's CPU. Enumerable like a plain property, so JSON still sees it.
 */
function cursorEdge<TDoc extends { _id: Types.ObjectId }>(request: KeysetPageRequest, node: TDoc): { node: TDoc; cursor: string } {
  let cursor: string | undefined;
  return {
    node,
    get cursor() {
      cursor ??= cursorOf(request, node);
      return cursor;
    },
  };
}

/** Turns `first + 1` fetched documents into a connection page. */
export function toConnection<TDoc extends { _id: Types.ObjectId }>(
  request: KeysetPageRequest,
  fetched: TDoc[],
  countTotal: () => Promise<number>,
): ConnectionResult<TDoc> {
  const hasNextPage = fetched.length > request.first;
  const page = hasNextPage ? fetched.slice(0, request.first) : fetched;
  const edges = page.map((node) => cursorEdge(request, node));
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(request.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    /** Counted the first time GraphQL reads it, i.e. only when the client selects `totalCount`. */
    get totalCount() {
      counted ??= countTotal();
      return counted;
    },
  };
}

/**
 * One page of a collection in keyset order: one `find` round trip, plus one `countDocuments` only
 * when the client selects `totalCount` (it is a thunk the GraphQL default resolver calls).
 * `projection`, when given, must keep `request.sortPath` (the cursors read it).
 */
export async function findKeysetPage<TDoc extends { _id: Types.ObjectId }>(
  model: LeanModel,
  request: KeysetPageRequest,
  projection?: Record<string, 1>,
): Promise<ConnectionResult<TDoc>> {
  // mongoose casts the filter (ids, dates, numbers as the schema stores them); the driver reads the page.
  const filter = model.find(filterAfterCursor(request)).cast();
  const documents = await readLean<TDoc>(model, filter, {
    projection,
    sort: sortDocument(request.sortPath, request.direction),
    limit: request.first + 1,
  });
  return toConnection(request, documents, () => model.countDocuments(request.filter).exec());
}
