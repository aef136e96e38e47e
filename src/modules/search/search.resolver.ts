import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { Arg, Args, Ctx, Extensions, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import type { ProviderDocument } from '../provider/provider.model';
import { Provider } from '../provider/provider.type';
import { ResourceFilter } from '../resource/resource.input';
import type { SkillDocument } from '../skill/skill.model';
import { Skill } from '../skill/skill.type';
import { MAX_SUGGESTIONS, DEFAULT_SUGGESTIONS } from './search.service';
import { ProviderFacetValue, ResourceFacets, ResourceSearchConnection, SearchArgs, SkillFacetValue, Suggestion } from './search.type';
import { QUERY_COST } from '../../core/rate-limit/query-cost';

/** `search`, `suggest` and `resourceFacets`. */
@Resolver()
export class SearchResolver {
  @Extensions({ complexity: QUERY_COST.SEARCH })
  @Query(() => ResourceSearchConnection, {
    description:
      'Full-text search over the catalogue, best match first: titles, skills taught (names and aliases: "k8s", "postgres", "node"), descriptions, tags and providers; ' +
      'the last word matches as a prefix ("kube"), words of 5+ letters forgive one typo ("kubernets"). Combine with any `filter`. ' +
      'Pages never repeat or skip a result: the order is score (highest first), then id, and the cursor records both.',
  })
  search(@Args() args: SearchArgs, @Ctx() { services }: Context, @Info() info: GraphQLResolveInfo) {
    // Knowing the selection up front lets the page, `totalCount` and `facets` share one aggregation.
    const selected = selectedFieldNames(info);
    return services.search.search(args, { include: { totalCount: selected.has('totalCount'), facets: selected.has('facets') } });
  }

  @Extensions({ complexity: QUERY_COST.SUGGEST })
  @Query(() => [Suggestion], {
    description:
      'Type-ahead for a search box: skills whose name or alias, and roles whose title, start with `prefix` — names first, shortest first.',
  })
  suggest(
    @Arg('prefix', () => String, {
      description: 'What has been typed so far, e.g. "kub" or "back"; at most 100 characters. Punctuation-only input suggests nothing.',
    })
    prefix: string,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_SUGGESTIONS,
      description: `How many suggestions, 1–${MAX_SUGGESTIONS}. Defaults to ${DEFAULT_SUGGESTIONS}.`,
    })
    first: number,
    @Ctx() { services }: Context,
  ) {
    return services.search.suggest({ prefix, first });
  }

  @Extensions({ complexity: QUERY_COST.FACETS })
  @Query(() => ResourceFacets, {
    description:
      'Facet counts of the catalogue (as `resources(filter:)` lists it) or of search results (with `query`, as `search` finds them): per kind, provider, level, skill, ' +
      'free/paid, language and price band, each counted under every condition except its own. The same counts as `ResourceSearchConnection.facets`. One aggregation.',
  })
  resourceFacets(
    @Arg('filter', () => ResourceFilter, { nullable: true, description: 'The conditions of the list the facets explain.' })
    filter: ResourceFilter | null,
    @Arg('query', () => String, {
      nullable: true,
      description: 'A search query, as for `search`; omit to count the whole filtered catalogue.',
    })
    query: string | null,
    @Ctx() { services }: Context,
  ) {
    return services.search.facets({ filter, query });
  }
}

@Resolver(() => ProviderFacetValue)
export class ProviderFacetValueResolver {
  @FieldResolver(() => Provider, { description: 'The provider.' })
  provider(@Root() value: ProviderFacetValue, @Ctx() { loaders }: Context): Promise<ProviderDocument | null> {
    return loaders.providerById.load(value.providerId);
  }
}

@Resolver(() => SkillFacetValue)
export class SkillFacetValueResolver {
  @FieldResolver(() => Skill, { nullable: true, description: 'The skill; null if it was deleted after resources were tagged with it.' })
  skill(@Root() value: SkillFacetValue, @Ctx() { loaders }: Context): Promise<SkillDocument | null> {
    return loaders.skillById.load(value.skillId);
  }
}

/** Names of the fields selected directly under the current field, through fragments and inline fragments. */
function selectedFieldNames(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD && !visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        walk(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return names;
}
