import type { Model } from 'mongoose';

/**
 * Fields a schema marks `select: false`: stored, but too large or too internal for ordinary reads
 * (a resource's search token arrays, a skill's match keys). The schema is the one list of them;
 * code that compares or scores them asks for them with `selectHiddenFields`, and aggregations
 * (which ignore `select: false`) drop them with `excludeHiddenFields`.
 */
export function hiddenFieldsOf(model: Model<any>): string[] {
  return Object.entries(model.schema.paths)
    .filter(([, schemaType]) => schemaType.options?.select === false)
    .map(([name]) => name);
}

/** A query `select` that adds the hidden fields back: every stored field comes back. */
export function selectHiddenFields(model: Model<any>): string {
  return hiddenFieldsOf(model)
    .map((name) => `+${name}`)
    .join(' ');
}

/** An aggregation `$project` that drops the hidden fields of the `model` document at `path` ('' for the root, or a `$lookup`'s `as`). */
export function excludeHiddenFields(model: Model<any>, path = ''): Record<string, 0> {
  return Object.fromEntries(hiddenFieldsOf(model).map((name) => [path ? `${path}.${name}` : name, 0 as const]));
}
