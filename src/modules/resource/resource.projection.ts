import type { GraphQLResolveInfo } from 'graphql';
import { selectedFieldNames } from '../../core/selected-fields';
import { ResourceModel } from './resource.model';

/**
 * The stored fields each field resolver of the resource types reads (resource.resolver.ts). A field
 * with no resolver reads the stored field of its own name. Every resolver of a resource type must be
 * listed here (a test checks it): a resolver left out would read fields a projection dropped.
 */
export const STORED_FIELDS_BY_RESOLVER: Readonly<Record<string, readonly string[]>> = {
  // Resource
  id: ['kind'],
  provider: ['providerId'],
  skills: ['skills'],
  price: ['free', 'priceAmount', 'priceCurrency'],
  pricing: ['pricing', 'free'],
  fieldSources: ['fieldSources'],
  sources: ['source', 'alsoListedBy'],
  // Course
  rating: ['ratingAverage', 'ratingCount'],
  prerequisites: ['prerequisiteUrlKeys'],
  // Book
  authors: ['authors'],
  formats: ['formats'],
  accessNotes: ['accessNotes'],
  // OpenSourceProject
  beginnerLabels: ['beginnerLabels'],
  // Event
  online: ['online'],
};

/** Top-level stored paths of a resource a plain field can name (`source`, not `source.feed`). */
const STORED_PATHS = new Set(Object.keys(ResourceModel.schema.paths).map((path) => path.split('.')[0]));

/**
 * The projection a list of resources needs for the fields selected at `nodePath` (e.g. `['edges',
 * 'node']` below a connection): `_id`, `kind` (the concrete type) and `sortPath` (the cursors), plus
 * what each selected field reads. Undefined, i.e. the whole document, when a selected field is
 * neither a stored field nor a known resolver (a field added elsewhere): a projection is only ever
 * used for the selection it was made from, never cached or shared, so a missing field could only be
 * this request's, and this rule keeps even that from happening.
 */
export function resourceProjection(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  nodePath: readonly string[],
  sortPath: string,
): Record<string, 1> | undefined {
  const projection: Record<string, 1> = { _id: 1, kind: 1, [sortPath]: 1 };
  for (const field of selectedFieldNames(info, nodePath)) {
    if (field === '__typename') continue;
    const stored = STORED_FIELDS_BY_RESOLVER[field] ?? (STORED_PATHS.has(field) ? [field] : undefined);
    if (!stored) return undefined;
    for (const path of stored) projection[path] = 1;
  }
  return projection;
}
