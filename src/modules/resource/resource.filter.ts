import type { Types } from 'mongoose';
import { BadUserInputError } from '../../core/errors';
import { resolvePageSize } from '../../core/relay/connection';
import { filterAfterCursor, type KeysetPageRequest, type SortDirection } from '../../core/relay/keyset-pagination';
import { expectGlobalId } from '../../core/relay/global-id';
import { OrderDirection } from '../../core/relay/order-direction';
import { now } from '../../core/clock';
import { DEFAULT_EVENT_TIME, eventTimeCondition } from './event-time';
import { MAX_FILTER_VALUES, ResourceOrderField, SkillsMatch, type ResourceFilter, type ResourceOrder } from './resource.input';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Sort key and natural direction of each ordering. */
const ORDERINGS: Record<ResourceOrderField, { sortPath: string; naturalDirection: SortDirection }> = {
  [ResourceOrderField.CREATED_AT]: { sortPath: 'createdAt', naturalDirection: -1 },
  [ResourceOrderField.TITLE]: { sortPath: 'titleKey', naturalDirection: 1 },
  [ResourceOrderField.PRICE]: { sortPath: 'priceAmount', naturalDirection: 1 },
  [ResourceOrderField.RATING]: { sortPath: 'ratingAverage', naturalDirection: -1 },
  [ResourceOrderField.START_DATE]: { sortPath: 'startDate', naturalDirection: 1 },
  [ResourceOrderField.STARS]: { sortPath: 'stars', naturalDirection: -1 },
};

export interface ResourceOrdering {
  /** Stored in cursors ("RATING_DESC"), so a cursor of one ordering or direction is refused by another. */
  name: string;
  sortPath: string;
  direction: SortDirection;
}

/** The ordering an `orderBy` argument asks for; omitted means newest first. */
export function resolveResourceOrdering(order: ResourceOrder | null | undefined): ResourceOrdering {
  const field = order?.field ?? ResourceOrderField.CREATED_AT;
  const { sortPath, naturalDirection } = ORDERINGS[field];
  const direction = order?.direction == null ? naturalDirection : order.direction === OrderDirection.ASC ? 1 : -1;
  return { name: `${field}_${direction === 1 ? 'ASC' : 'DESC'}`, sortPath, direction };
}

function checkListLength(values: readonly unknown[] | null | undefined, argumentName: string): void {
  if (values && values.length > MAX_FILTER_VALUES) {
    throw new BadUserInputError(`"${argumentName}" may hold at most ${MAX_FILTER_VALUES} values, got ${values.length}.`, argumentName);
  }
}

function expectIds(values: string[], typeName: 'Provider' | 'Skill', argumentName: string): Types.ObjectId[] {
  return values.map((value, index) => expectGlobalId(value, [typeName], `${argumentName}[${index}]`));
}

/**
 * Turns a `ResourceFilter` into a MongoDB filter of typed values (ObjectIds, Dates, numbers and
 * strings only, so no operator can be injected, and usable in aggregations, which do not cast).
 * A bad value is a BAD_USER_INPUT error naming the field, e.g. `filter.maxPrice`. Events are those
 * `eventTime` asks for (upcoming by default, judged on the clock's UTC day).
 */
export function buildResourceFilter(filter: ResourceFilter | null | undefined, argumentName = 'filter'): Record<string, unknown> {
  // Retired resources (withdrawn by their feed or partner) stay in the database for history but are never listed.
  const eventTime = eventTimeCondition(filter?.eventTime ?? DEFAULT_EVENT_TIME, now());
  if (!filter) return eventTime ? { $and: [{ retiredAt: null }, eventTime] } : { retiredAt: null };
  const name = (field: string) => `${argumentName}.${field}`;
  for (const field of ['kinds', 'providers', 'skills', 'levels', 'languages', 'tags', 'pricing', 'certificates'] as const)
    checkListLength(filter[field], name(field));

  const conditions: Record<string, unknown>[] = [{ retiredAt: null }];
  if (filter.kinds) conditions.push({ kind: { $in: filter.kinds } });
  if (filter.providers) conditions.push({ providerId: { $in: expectIds(filter.providers, 'Provider', name('providers')) } });
  if (filter.skills) {
    const skillIds = expectIds(filter.skills, 'Skill', name('skills'));
    if ((filter.skillsMatch ?? SkillsMatch.ANY) === SkillsMatch.ALL) {
      // An empty ALL list is vacuously true; `$all: []` would match nothing.
      if (skillIds.length > 0) conditions.push({ skillIds: { $all: skillIds } });
    } else {
      conditions.push({ skillIds: { $in: skillIds } });
    }
  }
  if (filter.levels) conditions.push({ level: { $in: filter.levels } });
  // `free: false` used to mean "paid"; with unknown prices it still does: known paid only.
  if (filter.free != null) conditions.push({ pricing: filter.free ? 'FREE' : 'PAID' });
  if (filter.pricing) conditions.push({ pricing: { $in: filter.pricing } });
  if (filter.certificates) conditions.push(certificateCondition(filter.certificates));
  if (filter.maxPrice != null) {
    if (!Number.isFinite(filter.maxPrice) || filter.maxPrice < 0) {
      throw new BadUserInputError(`"${name('maxPrice')}" must not be negative, got ${filter.maxPrice}.`, name('maxPrice'));
    }
    conditions.push({ $or: [{ free: true }, { priceAmount: { $lte: filter.maxPrice } }] });
  }
  if (filter.minRating != null) {
    if (!Number.isFinite(filter.minRating) || filter.minRating < 0 || filter.minRating > 5) {
      throw new BadUserInputError(`"${name('minRating')}" must be between 0 and 5, got ${filter.minRating}.`, name('minRating'));
    }
    conditions.push({ ratingAverage: { $gte: filter.minRating } });
  }
  if (filter.languages) conditions.push({ language: { $in: filter.languages.map((language) => language.trim().toLowerCase()) } });
  if (filter.startsAfter && filter.startsBefore && filter.startsAfter.getTime() > filter.startsBefore.getTime()) {
    throw new BadUserInputError(`"${name('startsAfter')}" must not be later than "${name('startsBefore')}".`, name('startsAfter'));
  }
  if (filter.startsAfter || filter.startsBefore) {
    const range: Record<string, Date> = {};
    if (filter.startsAfter) range.$gte = filter.startsAfter;
    // Both bounds are whole days: "on or before June 3" keeps an event stored at June 3, 09:00.
    if (filter.startsBefore) range.$lt = new Date(filter.startsBefore.getTime() + DAY_MS);
    conditions.push({ startDate: range });
  }
  if (filter.online != null) conditions.push({ kind: 'EVENT', online: filter.online });
  // Only sources that say so mark a resource interactive: "false" is everything not known to be.
  if (filter.interactive != null) conditions.push(filter.interactive ? { interactive: true } : { interactive: { $ne: true } });
  if (filter.tags) conditions.push({ tags: { $in: filter.tags.map((tag) => tag.trim().toLowerCase()) } });
  if (eventTime) conditions.push(eventTime);

  if (conditions.length === 0) return {};
  return conditions.length === 1 ? conditions[0] : { $and: conditions };
}

/** Certificates among the listed ones; UNKNOWN is a missing (or null) `certificate`. */
function certificateCondition(statuses: readonly string[]): Record<string, unknown> {
  const known = statuses.filter((status) => status !== 'UNKNOWN');
  const unknown = known.length < statuses.length;
  if (!unknown) return { certificate: { $in: known } };
  // `{ certificate: null }` matches a missing field too, on mongod and on mongo-java-server.
  return known.length === 0 ? { certificate: null } : { $or: [{ certificate: { $in: known } }, { certificate: null }] };
}

/** A checked request for one page of resources: the filter, the ordering and the page. */
export interface ResourcePageRequest extends KeysetPageRequest {
  /** `filter` plus the "after the cursor" condition. */
  filterAfterCursor: Record<string, unknown>;
}

/**
 * Checks every argument of a resource connection (page size, filter, ordering, cursor) and returns
 * the request to run. Throws BAD_USER_INPUT for anything wrong, before any database work.
 */
export function prepareResourcePage(args: {
  first?: number | null;
  after?: string | null;
  filter?: ResourceFilter | null;
  orderBy?: ResourceOrder | null;
}): ResourcePageRequest {
  const ordering = resolveResourceOrdering(args.orderBy);
  const request: KeysetPageRequest = {
    orderingName: ordering.name,
    sortPath: ordering.sortPath,
    direction: ordering.direction,
    filter: buildResourceFilter(args.filter),
    first: resolvePageSize(args.first),
    after: args.after ?? null,
  };
  return { ...request, filterAfterCursor: filterAfterCursor(request) };
}
