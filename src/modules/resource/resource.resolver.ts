import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Extensions,
  Field,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { CallerRole } from '../../core/auth';
import { loadEach, loadSettledFirst } from '../../core/by-id-loader';
import type { Context } from '../../core/context';
import { createConnectionType, PageArgs } from '../../core/relay/connection';
import { toGlobalId } from '../../core/relay/global-id';
import type { ProviderDocument } from '../provider/provider.model';
import { Provider } from '../provider/provider.type';
import type { SkillDocument } from '../skill/skill.model';
import { Skill } from '../skill/skill.type';
import { prepareResourcePage } from './resource.filter';
import { resourceProjection } from './resource.projection';
import { prefetchResourceRelations } from './resource.prefetch';
import {
  CreateCourseInput,
  CreateEventInput,
  CreateOpenSourceProjectInput,
  DeleteResourceInput,
  DeleteResourcePayload,
  ResourceFilter,
  ResourceOrder,
  ResourcePayload,
  UpdateResourceInput,
} from './resource.input';
import type { ResourceDocument } from './resource.model';
import {
  Course,
  Event,
  FieldSource,
  Money,
  OpenSourceProject,
  Book,
  Pricing,
  Rating,
  Resource,
  ResourceSource,
  RESOURCE_TYPE_BY_KIND,
  SkillCoverage,
} from './resource.type';
import { QUERY_COST } from '../../core/rate-limit/query-cost';

export const ResourceConnection = createConnectionType('Resource', () => Resource, 'resource');

/** Arguments of every resource list: the page, the filter and the order. */
@ArgsType()
export class ResourceConnectionArgs extends PageArgs {
  @Field(() => ResourceFilter, { nullable: true, description: 'Only resources matching every condition given.' })
  filter?: ResourceFilter | null;

  @Field(() => ResourceOrder, { nullable: true, description: 'Order of the list; defaults to newest first (CREATED_AT DESC).' })
  orderBy?: ResourceOrder | null;
}

/** Queries, mutations and the fields every resource kind shares (type-graphql gives these resolvers to Course, OpenSourceProject and Event). */
@Resolver(() => Resource)
export class ResourceResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id; its type is Course, OpenSourceProject or Event.' })
  id(@Root() resource: ResourceDocument): string {
    return toGlobalId(RESOURCE_TYPE_BY_KIND[resource.kind], resource._id);
  }

  @FieldResolver(() => Provider, { description: 'Who offers the resource.' })
  provider(@Root() resource: ResourceDocument, @Ctx() { loaders }: Context): ProviderDocument | null | Promise<ProviderDocument | null> {
    return loadSettledFirst(loaders.providerById, String(resource.providerId));
  }

  @FieldResolver(() => [SkillCoverage], {
    description:
      'The skills the resource teaches, surest first (as the skill matcher ranked them, or as an admin listed them), each with its level, confidence and evidence.',
  })
  skills(@Root() resource: ResourceDocument, @Ctx() { loaders }: Context): SkillCoverageRow[] | Promise<SkillCoverageRow[]> {
    // Answered at once when the list prefetched the page's skills (resource.prefetch.ts).
    const settled = resource.skills.map((coverage) => loaders.skillById.settled(String(coverage.skillId)));
    if (settled.every((skill) => skill !== undefined))
      return resource.skills.flatMap((entry, index) => (settled[index] ? [coverageRow(entry, settled[index])] : []));
    // A skill deleted since the resource was written is left out rather than failing the list.
    return loadEach(loaders.skillById, resource.skills, (coverage) => coverage.skillId).then((found) =>
      found.map(({ entry, document }) => coverageRow(entry, document)),
    );
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Price; null when it is free or the price is unknown.' })
  price(@Root() resource: ResourceDocument): Money | null {
    return !resource.free && resource.priceAmount != null && resource.priceCurrency
      ? { amount: resource.priceAmount, currency: resource.priceCurrency }
      : null;
  }

  @FieldResolver(() => Pricing, { description: 'What is known about its price: FREE, PAID or UNKNOWN (its source says nothing).' })
  pricing(@Root() resource: ResourceDocument): Pricing {
    // A record written before `pricing` existed (the seed migrates them): only `free: true` was ever known.
    return (resource.pricing as Pricing | undefined) ?? (resource.free ? Pricing.FREE : Pricing.UNKNOWN);
  }

  @FieldResolver(() => [FieldSource], {
    description:
      "For a resource several feeds list: which feed supplied each field they may disagree on (the most authoritative one that has a value: the provider's own feed, then a partner, then a curated list), by field name. Empty when one feed supplied everything.",
  })
  fieldSources(@Root() resource: ResourceDocument): FieldSource[] {
    const sources = (resource.fieldSources ?? {}) as Record<string, string>;
    return Object.keys(sources)
      .sort()
      .map((field) => ({ field, source: sources[field] }));
  }

  @FieldResolver(() => [ResourceSource], {
    description:
      'Every feed that lists the resource: first the one that owns its fields (`source`), then the others that list the same URL, in the order they found it.',
  })
  sources(@Root() resource: ResourceDocument): ResourceSource[] {
    return [resource.source, ...(resource.alsoListedBy ?? [])];
  }

  @Extensions({ complexity: QUERY_COST.LIST_QUERY })
  @Query(() => ResourceConnection, { description: 'The catalogue of learning resources, newest first unless `orderBy` says otherwise.' })
  async resources(
    @Args() args: ResourceConnectionArgs,
    @Ctx() { services, loaders, abortSignal }: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    // Only the stored fields the selection reads: a page of 50 is ~49 KB of BSON whole, ~12 KB for a typical list.
    const page = await services.resources.list(args, (sortPath) => resourceProjection(info, ['edges', 'node'], sortPath));
    // An abandoned request starts no second level (abandoned-requests.ts): its field resolvers would refuse it too.
    if (abortSignal?.aborted) throw abortSignal.reason;
    await prefetchResourceRelations(
      page.edges.map((edge) => edge.node),
      info,
      ['edges', 'node'],
      loaders,
    );
    return page;
  }

  @Query(() => Resource, { nullable: true, description: 'One resource by slug; null when none has it.' })
  resource(@Arg('slug', () => String, { description: "The resource's slug." }) slug: string, @Ctx() { services }: Context) {
    return services.resources.findBySlug(slug);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => ResourcePayload, { description: 'Adds a course to the catalogue. Admin only.' })
  createCourse(
    @Arg('input', () => CreateCourseInput, { description: 'The new course.' }) input: CreateCourseInput,
    @Ctx() { services }: Context,
  ) {
    return services.resources.createCourse(input);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => ResourcePayload, { description: 'Adds an open-source project to the catalogue. Admin only.' })
  createOpenSourceProject(
    @Arg('input', () => CreateOpenSourceProjectInput, { description: 'The new project.' }) input: CreateOpenSourceProjectInput,
    @Ctx() { services }: Context,
  ) {
    return services.resources.createOpenSourceProject(input);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => ResourcePayload, { description: 'Adds an event to the catalogue. Admin only.' })
  createEvent(
    @Arg('input', () => CreateEventInput, { description: 'The new event.' }) input: CreateEventInput,
    @Ctx() { services }: Context,
  ) {
    return services.resources.createEvent(input);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => ResourcePayload, { description: 'Changes a resource of any kind. Admin only.' })
  updateResource(
    @Arg('input', () => UpdateResourceInput, { description: 'The changes.' }) input: UpdateResourceInput,
    @Ctx() { services }: Context,
  ) {
    return services.resources.update(input);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => DeleteResourcePayload, { description: 'Deletes a resource of any kind. Admin only.' })
  deleteResource(
    @Arg('input', () => DeleteResourceInput, { description: 'Which resource.' }) input: DeleteResourceInput,
    @Ctx() { services }: Context,
  ) {
    return services.resources.delete(input);
  }
}

@Resolver(() => Course)
export class CourseResolver {
  @FieldResolver(() => Rating, { nullable: true, description: "Learners' rating; null when the course has none." })
  rating(@Root() course: ResourceDocument): Rating | null {
    return course.ratingAverage == null ? null : { average: course.ratingAverage, count: course.ratingCount ?? 0 };
  }

  @FieldResolver(() => [Resource], {
    description:
      'Courses to take first, as its curriculum names them (OSSU), in its order; empty when none are known. Batched: a page of courses costs one query.',
  })
  async prerequisites(@Root() course: ResourceDocument, @Ctx() { loaders }: Context): Promise<ResourceDocument[]> {
    const keys = course.prerequisiteUrlKeys ?? [];
    if (keys.length === 0) return [];
    const found = await loaders.resourceByUrlKey.loadMany(keys);
    return found.filter((resource): resource is ResourceDocument => resource !== null && !(resource instanceof Error));
  }
}

@Resolver(() => Book)
export class BookResolver {
  @FieldResolver(() => [String], { description: 'Authors as the source names them, in its order; empty when it names none.' })
  authors(@Root() book: ResourceDocument): string[] {
    return book.authors ?? [];
  }

  @FieldResolver(() => [String], {
    description: 'Formats it is offered in, e.g. "PDF", "HTML", "EPUB"; empty when the source does not say.',
  })
  formats(@Root() book: ResourceDocument): string[] {
    return book.formats ?? [];
  }

  @FieldResolver(() => [String], {
    description:
      'Conditions of access the source notes, e.g. "email address requested", "registration required"; empty when it notes none.',
  })
  accessNotes(@Root() book: ResourceDocument): string[] {
    return book.accessNotes ?? [];
  }
}

@Resolver(() => OpenSourceProject)
export class OpenSourceProjectResolver {
  @FieldResolver(() => [String], {
    description: 'Issue labels that mark beginner-friendly work, e.g. "good first issue"; empty when unknown.',
  })
  beginnerLabels(@Root() project: ResourceDocument): string[] {
    return project.beginnerLabels ?? [];
  }
}

@Resolver(() => Event)
export class EventResolver {
  @FieldResolver(() => Boolean, { description: 'True when the event takes place online.' })
  online(@Root() event: ResourceDocument): boolean {
    return event.online ?? false;
  }
}

/** `Skill.resources`: batched across skills, one aggregation per distinct set of arguments. */
@Resolver(() => Skill)
export class SkillResourcesResolver {
  @Extensions({ complexity: QUERY_COST.LIST_QUERY })
  @FieldResolver(() => ResourceConnection, {
    description: 'Resources that teach this skill, newest first unless `orderBy` says otherwise.',
  })
  resources(@Root() skill: SkillDocument, @Args() args: ResourceConnectionArgs, @Ctx() { loaders }: Context) {
    return loaders.resourcesBySkillId.load({ parentId: String(skill._id), request: prepareResourcePage(args) });
  }
}

/** `Provider.resources`: batched across providers, one aggregation per distinct set of arguments. */
@Resolver(() => Provider)
export class ProviderResourcesResolver {
  @Extensions({ complexity: QUERY_COST.LIST_QUERY })
  @FieldResolver(() => ResourceConnection, { description: 'Resources this provider offers, newest first unless `orderBy` says otherwise.' })
  resources(@Root() provider: ProviderDocument, @Args() args: ResourceConnectionArgs, @Ctx() { loaders }: Context) {
    return loaders.resourcesByProviderId.load({ parentId: String(provider._id), request: prepareResourcePage(args) });
  }
}

/** One `Resource.skills` row as the resolver returns it. */
interface SkillCoverageRow {
  skill: SkillDocument;
  level: string | null;
  confidence: number | null;
  matchedBy: string | null;
}

function coverageRow(
  entry: { level?: string | null; confidence?: number | null; matchedBy?: string | null },
  skill: SkillDocument,
): SkillCoverageRow {
  return { skill, level: entry.level ?? null, confidence: entry.confidence ?? null, matchedBy: entry.matchedBy ?? null };
}
