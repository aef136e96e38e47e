import { Types } from 'mongoose';

/**
 * A form of a stored or desired value that compares equal exactly when MongoDB would hold the same
 * data: ObjectIds by hex, Dates by instant, objects without regard to key order, and null, undefined
 * and a missing key all alike (mongoose leaves optional fields out or null interchangeably).
 */
export function comparableValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Types.ObjectId) return `ObjectId(${value.toHexString()})`;
  if (value instanceof Date) return `Date(${value.toISOString()})`;
  if (Array.isArray(value)) return value.map(comparableValue);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([key, field]) => [key, comparableValue(field)] as const)
      .filter(([, field]) => field !== null)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return Object.fromEntries(entries);
  }
  return value;
}

export function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(comparableValue(left)) === JSON.stringify(comparableValue(right));
}

export interface FieldChanges {
  $set: Record<string, unknown>;
  $unset: Record<string, ''>;
}

/**
 * The update that turns `existing` into `desired` for the fields `desired` lists: changed values are
 * `$set`, and fields `desired` gives as undefined but `existing` still holds are `$unset`. Returns null
 * when nothing differs, so an unchanged document costs no write at all.
 */
export function fieldChanges(existing: Record<string, unknown> | undefined, desired: Record<string, unknown>): FieldChanges | null {
  const changes: FieldChanges = { $set: {}, $unset: {} };
  for (const [field, value] of Object.entries(desired)) {
    const current = existing?.[field];
    if (sameValue(current, value)) continue;
    if (value === undefined) changes.$unset[field] = '';
    else changes.$set[field] = value;
  }
  return Object.keys(changes.$set).length === 0 && Object.keys(changes.$unset).length === 0 ? null : changes;
}
