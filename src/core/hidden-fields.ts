import type { Schema } from 'mongoose';

/** A model, as far as its schema's paths: any feature's model fits (`Model<T>` is invariant in `T`). */
type ModelWithSchema = { schema: Pick<Schema, 'paths'> };

/**
 * Fields a schema marks `select: false`: stored, but too large or too internal for ordinary reads
 * (a resource's search token arrays, a skill's match keys). The schema is the one list of them;
 * code that compares or scores them asks for them with `selectHiddenFields`, and aggregations
 * (which ignore `select: false`) drop them with `excludeHiddenFields`.
 */
export function hiddenFieldsOf(model: ModelWithSchema): string[] {
  return Object.entries(model.schema.paths)
    .filter(([, schemaType]) => schemaType.options?.select === false)
    .map(([name]) => name);
}

/** A query `select` that adds the hidden fields back: every stored field comes back. */
export function selectHiddenFields(model: ModelWithSchema): string {
  return hiddenFieldsOf(model)
    .map((name) => `+${name}`)
    .join(' ');
}

/** An aggregation `$project` that drops the hidden fields of the `model` document at `path` ('' for the root, or a `$lookup`'s `as`). */
export function excludeHiddenFields(model: ModelWithSchema, path = ''): Record<string, 0> {
  return Object.fromEntries(hiddenFieldsOf(model).map((name) => [path ? `${path}.${name}` : name, 0 as const]));
}
