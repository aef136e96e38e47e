import type { GraphQLResolveInfo } from 'graphql';
import type { Loaders } from '../../core/loaders';
import { selectedFieldNames } from '../../core/selected-fields';
import type { ResourceDocument } from './resource.model';

const distinct = (ids: ReadonlyArray<{ toString(): string }>) => [...new Set(ids.map(String))];

/**
 * Loads, before a list of resources is returned, the providers, skills and skill categories its
 * selection reads, in the batches the field resolvers would have made (providers and skills together,
 * then categories: the same commands in the same waves). The field resolvers then answer from the
 * loaders' settled documents without a promise each (`loadSettledFirst`). A failed batch is left to the
 * field that reads it, which reports it as before.
 */
export async function prefetchResourceRelations(
  resources: readonly ResourceDocument[],
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  path: readonly string[],
  loaders: Loaders,
): Promise<void> {
  if (resources.length === 0) return;
  const selected = selectedFieldNames(info, path);
  const withCategory = selected.has('skills') && selectedFieldNames(info, [...path, 'skills', 'skill']).has('category');
  const providers = selected.has('provider')
    ? loaders.providerById.loadMany(distinct(resources.map((resource) => resource.providerId)))
    : null;
  const skills = selected.has('skills')
    ? loaders.skillById
        .loadMany(distinct(resources.flatMap((resource) => (resource.skills ?? []).map((coverage) => coverage.skillId))))
        .then((loaded) => {
          if (!withCategory) return;
          const categoryIds = loaded.flatMap((skill) => (skill && !(skill instanceof Error) ? [skill.categoryId] : []));
          return loaders.categoryById.loadMany(distinct(categoryIds)).then(() => undefined);
        })
    : null;
  await Promise.all([providers, skills]);
}
