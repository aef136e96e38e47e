import { ProviderFacetValueResolver, SearchResolver, SkillFacetValueResolver } from './search.resolver';

export { SearchService } from './search.service';
export { backfillSearchFields, searchFieldsFor } from './search-indexing';
export { backfillSearchVocabulary, recordTitleWords } from './search-vocabulary';

/** Resolver classes of the search module: `search`, `suggest`, `resourceFacets` and the facet values. */
export const SearchResolvers: Function[] = [SearchResolver, ProviderFacetValueResolver, SkillFacetValueResolver];
