import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import mongoose from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { databaseCommandCounter } from '../mongo';
import { textOfUnknown } from '../text';
import { entityTag, listTag } from './cache-store';
import type { Flight } from './miss-coalescing';

/** Where a cacheable response will be stored, decided before any database read (see response-cache.plugin.ts). */
export interface ResponseCacheSlot {
  key: string;
  /** The store's epoch before any database read of this request. */
  epoch: string;
  /** Other requests for the same key wait on this; the response plugin settles it with the stored bytes. */
  flight?: Flight<Buffer>;
}

/**
 * What one HTTP request to /graphql did, gathered while it runs: its MongoDB commands and the
 * response-cache tags of everything it read. Reached through AsyncLocalStorage, so the MongoDB
 * driver's command events (which know nothing of requests) are attributed to the right request.
 */
export interface RequestScope {
  databaseCommands: number;
  /** `<Type>:<id>` of every entity read by id, `list:<Type>` of every collection queried otherwise. */
  tags: Set<string>;
  /** True once the request sent a write command: its response is never cached. */
  wrote: boolean;
  /** True when the HTTP fast path already looked the response up (hit or miss): the plugin does not look again. */
  responseCacheLookedUp: boolean;
  responseCacheSlot?: ResponseCacheSlot;
  /**
   * True when the response-cache plugin answers this request from the cache (a request the fast path
   * did not read): rate limiting then treats it as the fast path treats a hit (the per-address
   * cached-hit check, no cost charged).
   */
  answeredFromResponseCache?: boolean;
}

export const requestScopeStorage = new AsyncLocalStorage<RequestScope>();

export function createRequestScope(): RequestScope {
  return { databaseCommands: 0, tags: new Set(), wrote: false, responseCacheLookedUp: false };
}

/** Set on a request by the response cache's HTTP fast path: it did the look-up, with this outcome. */
const RESPONSE_CACHE_LOOK_UP = Symbol('responseCacheLookUp');
type LookedUpRequest = IncomingMessage & { [RESPONSE_CACHE_LOOK_UP]?: { slot?: ResponseCacheSlot } };

/** Records that the HTTP fast path looked `request` up and missed: `slot` is where its response goes (none: not to be stored). */
export function noteResponseCacheLookUp(request: IncomingMessage, slot?: ResponseCacheSlot): void {
  (request as LookedUpRequest)[RESPONSE_CACHE_LOOK_UP] = { slot };
}

/**
 * Express middleware for /graphql: runs the rest of the request in a new scope (round trips and
 * tags), carrying what the HTTP fast path found. Mounted after the caller is identified and the body
 * parsed, so neither counts as the operation's round trips.
 */
export function openRequestScope(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const scope = createRequestScope();
  // However the request ends, requests waiting on its response-cache flight must not wait forever
  // (the plugin settles it first when the response is sent; settling again changes nothing).
  response.once('close', () => scope.responseCacheSlot?.flight?.settle(undefined));
  const lookedUp = (request as LookedUpRequest)[RESPONSE_CACHE_LOOK_UP];
  if (lookedUp) {
    scope.responseCacheLookedUp = true;
    scope.responseCacheSlot = lookedUp.slot;
  }
  requestScopeStorage.run(scope, next);
}

/** The scope of the request running now, if any (seeders and scripts run outside one). */
export function currentRequestScope(): RequestScope | undefined {
  return requestScopeStorage.getStore();
}

const READ_COMMANDS = new Set(['find', 'aggregate', 'count', 'distinct']);
const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify']);

let typeNameByCollection = new Map<string, string>();

/** The model name (`Resource`, `Skill`, …) that owns a collection; the collection name if none does. */
function typeNameOf(collection: string): string {
  if (!typeNameByCollection.has(collection)) {
    // Models are compiled as modules load; rebuild the map when an unknown collection shows up.
    typeNameByCollection = new Map(
      Object.values(mongoose.models)
        .filter((model) => !(model as { baseModelName?: string }).baseModelName)
        .map((model) => [model.collection.collectionName, model.modelName]),
    );
  }
  return typeNameByCollection.get(collection) ?? collection;
}

/** Hex ids when `filter` selects by `_id` (equality or `$in`), else undefined. */
function idsSelectedBy(filter: unknown): string[] | undefined {
  if (!filter || typeof filter !== 'object') return undefined;
  const id = (filter as Record<string, unknown>)._id;
  if (id == null) return undefined;
  if (typeof id === 'object' && '$in' in id && Array.isArray(id.$in)) return (id as { $in: unknown[] }).$in.map(String);
  if (typeof id === 'object' && Object.keys(id).some((key) => key.startsWith('$'))) return undefined;
  return [textOfUnknown(id)];
}

/** Collections an aggregation pipeline reads besides its own ($lookup, $graphLookup, $unionWith, inside $facet too). */
function collectionsJoinedBy(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectionsJoinedBy(item, found);
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) {
      if ((key === '$lookup' || key === '$graphLookup') && inner && typeof (inner as { from?: unknown }).from === 'string')
        found.add((inner as { from: string }).from);
      if (key === '$unionWith') found.add(typeof inner === 'string' ? inner : String((inner as { coll?: unknown }).coll));
      if (typeof inner === 'object') collectionsJoinedBy(inner, found);
    }
  }
  return found;
}

/**
 * Records one MongoDB command in the current request's scope: counts it, and tags the response with
 * what it read. Reads by id tag the entities; any other read tags the whole collection, since a
 * write to any of its documents could change which documents match.
 */
export function recordCommand(scope: RequestScope, event: CommandStartedEvent): void {
  scope.databaseCommands += 1;
  const { commandName, command } = event;
  if (WRITE_COMMANDS.has(commandName)) {
    scope.wrote = true;
    return;
  }
  if (!READ_COMMANDS.has(commandName)) return;
  const collection: unknown = command[commandName];
  if (typeof collection !== 'string') return;
  const typeName = typeNameOf(collection);
  const ids = commandName === 'find' ? idsSelectedBy(command.filter) : undefined;
  if (ids) for (const id of ids) scope.tags.add(entityTag(typeName, id));
  else scope.tags.add(listTag(typeName));
  if (commandName === 'aggregate') {
    for (const joined of collectionsJoinedBy(command.pipeline, new Set())) scope.tags.add(listTag(typeNameOf(joined)));
  }
}

let installed = false;

/**
 * Attributes every MongoDB command to the request scope it runs in (see recordCommand). Call once at
 * start-up, before serving (createApp does); calling it again does nothing. Scripts and CLIs, which
 * run no requests, need not call it.
 */
export function installRequestScope(): void {
  if (installed) return;
  installed = true;
  databaseCommandCounter.subscribe((event) => {
    const scope = requestScopeStorage.getStore();
    if (scope) recordCommand(scope, event);
  });
}
