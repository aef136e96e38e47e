import type { ClassType } from 'type-graphql';
import { ProviderFacetValueResolver, SearchResolver, SkillFacetValueResolver } from './search.resolver';

/** Resolver classes of the search module: `search`, `suggest`, `resourceFacets` and the facet values. */
export const SearchResolvers: ClassType[] = [SearchResolver, ProviderFacetValueResolver, SkillFacetValueResolver];
