import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgs, PageInfo } from '../../core/relay/connection';
import { ResourceFilter } from '../resource/resource.input';
import { CertificateStatus, Pricing, Resource, ResourceKind } from '../resource/resource.type';
import { Role } from '../role/role.type';
import { Level } from '../shared-enums';
import { Skill } from '../skill/skill.type';
import { Provider } from '../provider/provider.type';
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, SCORE_WEIGHTS, SKILL_TERM_WEIGHT } from './search-query';

const W = SCORE_WEIGHTS;

/** Arguments of `Query.search`. */
@ArgsType()
export class SearchArgs extends PageArgs {
  @Field(() => String, {
    description:
      `What to look for, as typed in a search box: "kubernetes for beginners", "postgres", "k8s", "kube" (the last word is matched as a prefix while still being typed), "kubernets" (one typo is forgiven in words of 5+ letters). ` +
      `At most ${MAX_QUERY_LENGTH} characters; only the first ${MAX_QUERY_TERMS} meaningful words are used. An empty query is BAD_USER_INPUT; a query of only stop words or punctuation finds nothing.`,
  })
  query!: string;

  @Field(() => ResourceFilter, {
    nullable: true,
    description: 'Only resources matching every condition given, as in `resources(filter:)`.',
  })
  filter?: ResourceFilter | null;
}

@ObjectType({ description: 'One search result, with its relevance score and cursor.' })
export class ResourceSearchEdge {
  @Field(() => String, {
    description: 'Opaque position of this result; pass it as `after` to continue after it (with the same query and filter).',
  })
  cursor!: string;

  @Field(() => Float, {
    description:
      `Relevance. For each query word, the best place it matches — title ${W.title} (${W.title * W.synonymTitleFactor} when the title has the name of the skill the word names, ${W.title * W.aliasTitleFactor} an alias of it), skills taught (name or alias, so "k8s" finds Kubernetes) ${W.skills}, ` +
      `description/tags/provider ${W.body}, prefix of (or one typo away from) a title word ${W.titleNear}, or of a word of the name or an alias of a skill taught ${W.skillsNear} — ` +
      `plus ${W.extraField} for each of title, skills and body it matches exactly, plus ${W.matchedTermBonus} if it matches at all — all times ${SKILL_TERM_WEIGHT} for a word that names a skill; then plus ${W.titleCoverage} × the share of the title's words the query matched, ` +
      `plus ${W.kindIntent} when the query names the kind of resource it wants and this is one ("tutorial", "course", "beginner": a course; "conference", "meetup": an event; "project", "contribute": an open-source project). ` +
      'Results are ordered by score (highest first), then by id.',
  })
  score!: number;

  @Field(() => Resource, { description: 'The resource found.' })
  node!: unknown;
}

export enum PriceBand {
  FREE = 'FREE',
  UNDER_20 = 'UNDER_20',
  FROM_20_TO_50 = 'FROM_20_TO_50',
  FROM_50_TO_100 = 'FROM_50_TO_100',
  FROM_100 = 'FROM_100',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(PriceBand, {
  name: 'PriceBand',
  description: "A range of prices, in the resource's own currency (amounts are not converted between currencies).",
  valuesConfig: {
    FREE: { description: 'Free resources.' },
    UNDER_20: { description: 'Paid, under 20.' },
    FROM_20_TO_50: { description: 'Paid, 20 or more and under 50.' },
    FROM_50_TO_100: { description: 'Paid, 50 or more and under 100.' },
    FROM_100: { description: 'Paid, 100 or more.' },
    UNKNOWN: { description: 'Paid, but the price is not known.' },
  },
});

@ObjectType({ description: 'How many resources are of one kind.' })
export class KindFacetValue {
  @Field(() => ResourceKind, { description: 'The kind.' })
  kind!: ResourceKind;

  @Field(() => Int, { description: 'How many resources of this kind match (ignoring the `kinds` condition).' })
  count!: number;
}

@ObjectType({ description: 'How many resources one provider offers.' })
export class ProviderFacetValue {
  /** Resolved through the provider loader by `FacetValueResolvers`. */
  providerId!: string;

  @Field(() => Provider, { description: 'The provider.' })
  provider!: Provider;

  @Field(() => Int, { description: 'How many of its resources match (ignoring the `providers` condition).' })
  count!: number;
}

@ObjectType({ description: 'How many resources are at one level.' })
export class LevelFacetValue {
  @Field(() => Level, { nullable: true, description: 'The level; null counts the resources whose level is not known.' })
  level!: Level | null;

  @Field(() => Int, { description: 'How many resources at this level match (ignoring the `levels` condition).' })
  count!: number;
}

@ObjectType({ description: 'How many resources teach one skill.' })
export class SkillFacetValue {
  /** Resolved through the skill loader by `FacetValueResolvers`. */
  skillId!: string;

  @Field(() => Skill, { nullable: true, description: 'The skill; null if it was deleted after resources were tagged with it.' })
  skill!: Skill | null;

  @Field(() => Int, { description: 'How many resources teaching it match (ignoring the `skills` condition).' })
  count!: number;
}

@ObjectType({ description: 'How many resources are known to be free, and how many are not (paid or unknown).' })
export class FreeFacetValue {
  @Field(() => Boolean, { description: 'true for resources known to be free; false for paid ones AND those whose price is unknown.' })
  free!: boolean;

  @Field(() => Int, { description: 'How many match (ignoring the `free` condition).' })
  count!: number;
}

@ObjectType({ description: 'How many resources are known free, known paid, or of unknown price.' })
export class PricingFacetValue {
  @Field(() => Pricing, { description: 'FREE, PAID or UNKNOWN.' })
  pricing!: Pricing;

  @Field(() => Int, { description: 'How many match (ignoring the `pricing` and `free` conditions).' })
  count!: number;
}

@ObjectType({ description: 'How many resources offer a certificate of one kind, or none, or say nothing.' })
export class CertificateFacetValue {
  @Field(() => CertificateStatus, { description: 'NONE, FREE, PAID or UNKNOWN (no certificate information, or not a course).' })
  certificate!: CertificateStatus;

  @Field(() => Int, { description: 'How many match (ignoring the `certificates` condition).' })
  count!: number;
}

@ObjectType({ description: 'How many resources are in one language.' })
export class LanguageFacetValue {
  @Field(() => String, { nullable: true, description: 'ISO 639-1 code; null counts the resources whose language is not known.' })
  language!: string | null;

  @Field(() => Int, { description: 'How many resources in this language match (ignoring the `languages` condition).' })
  count!: number;
}

@ObjectType({ description: 'How many resources fall in one price band.' })
export class PriceBandFacetValue {
  @Field(() => PriceBand, { description: 'The band.' })
  band!: PriceBand;

  @Field(() => Int, { description: 'How many resources in this band match (ignoring the `maxPrice` condition).' })
  count!: number;
}

@ObjectType({
  description:
    'Counts that explain a result list, per kind, provider, level, skill, pricing (free, paid, unknown), certificate, language and price band. Each facet is disjunctive: it is counted under every ' +
    'active condition (and the search query) EXCEPT its own, so it shows how many results each alternative choice would give. Values are ordered by count ' +
    '(highest first, price bands cheapest first); providers, skills and languages list at most the 50 largest.',
})
export class ResourceFacets {
  @Field(() => Int, { description: 'How many resources match every condition and the query.' })
  total!: number;

  @Field(() => [KindFacetValue], { description: 'Counts per resource kind.' })
  kinds!: KindFacetValue[];

  @Field(() => [ProviderFacetValue], { description: 'Counts per provider (the 50 largest).' })
  providers!: ProviderFacetValue[];

  @Field(() => [LevelFacetValue], { description: 'Counts per overall level.' })
  levels!: LevelFacetValue[];

  @Field(() => [SkillFacetValue], {
    description: 'Counts per skill taught (the 50 largest); a resource teaching several skills counts under each.',
  })
  skills!: SkillFacetValue[];

  @Field(() => [FreeFacetValue], {
    description: 'Counts of resources known to be free (true) and of all others (false: paid or unknown).',
    deprecationReason: '`false` mixes paid and unknown prices. Use `pricing` (FREE, PAID, UNKNOWN).',
  })
  free!: FreeFacetValue[];

  @Field(() => [PricingFacetValue], { description: 'Counts of resources known free, known paid and of unknown price.' })
  pricing!: PricingFacetValue[];

  @Field(() => [CertificateFacetValue], { description: 'Counts per certificate: none, free, paid, unknown.' })
  certificates!: CertificateFacetValue[];

  @Field(() => [LanguageFacetValue], { description: 'Counts per language (the 50 largest).' })
  languages!: LanguageFacetValue[];

  @Field(() => [PriceBandFacetValue], { description: 'Counts per price band, cheapest first.' })
  priceBands!: PriceBandFacetValue[];
}

@ObjectType({ description: 'A page of search results, best first (Relay cursor connection).' })
export class ResourceSearchConnection {
  @Field(() => [ResourceSearchEdge], { description: 'The results of this page with their scores and cursors.' })
  edges!: ResourceSearchEdge[];

  @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
  pageInfo!: PageInfo;

  @Field(() => Int, {
    description:
      'How many resources the query finds under the filter (not just this page). Counted in the same aggregation as the page when selected.',
  })
  totalCount!: number;

  @Field(() => ResourceFacets, {
    description:
      'Facet counts of all the results (not just this page), each ignoring its own filter condition. Counted in the same aggregation as the page when selected.',
  })
  facets!: ResourceFacets;

  @Field(() => [String], {
    description:
      'The words of the query that were searched for, after stop words were dropped and the term limit applied: shows how a query was understood.',
  })
  terms!: string[];
}

export enum SuggestionKind {
  SKILL = 'SKILL',
  ROLE = 'ROLE',
}

registerEnumType(SuggestionKind, {
  name: 'SuggestionKind',
  description: 'What a type-ahead suggestion points at.',
  valuesConfig: {
    SKILL: { description: 'A skill, found by its name or one of its aliases.' },
    ROLE: { description: 'A job role, found by its title.' },
  },
});

@ObjectType({ description: 'A type-ahead suggestion: a skill or role whose name, alias or title starts with what was typed.' })
export class Suggestion {
  @Field(() => SuggestionKind, { description: 'Whether it is a skill or a role.' })
  kind!: SuggestionKind;

  @Field(() => String, { description: "What to show: the skill's name or the role's title." })
  label!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The alias the prefix matched when it was not the name itself (typing "k8" suggests Kubernetes, matched "k8s"); null otherwise.',
  })
  matchedAlias!: string | null;

  @Field(() => Skill, { nullable: true, description: 'The skill, for SKILL suggestions.' })
  skill!: unknown;

  @Field(() => Role, { nullable: true, description: 'The role, for ROLE suggestions.' })
  role!: unknown;
}
