import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { CallerRole } from '../../core/auth';
import type { Context } from '../../core/context';
import { ForbiddenError } from '../../core/errors';
import { toGlobalId } from '../../core/relay/global-id';
import type { ResourceDocument } from '../resource/resource.model';
import { Resource, RESOURCE_TYPE_BY_KIND } from '../resource/resource.type';
import { ResourceUpsertResult, RetireResourcesInput, RetireResourcesPayload, UpsertResourcesInput, UpsertResourcesPayload } from './partner-resources.input';
import type { PartnerIdentity, StoredUpsertResult } from './partner-resources.service';

/** The partner behind the request; `@Authorized(PARTNER)` has already refused everyone else. */
function partnerOf({ caller }: Context): PartnerIdentity {
  if (caller.kind !== 'partner') throw new ForbiddenError();
  return { apiKeyId: caller.apiKeyId, providerId: caller.providerId };
}

@Resolver(() => ResourceUpsertResult)
export class PartnerResourceResolver {
  @Authorized(CallerRole.Partner)
  @Mutation(() => UpsertResourcesPayload, {
    description: 'Creates or updates resources of the calling partner\'s provider (PARTNER API key). Items are checked one by one: bad items come back in `userErrors`, good ones are written.',
  })
  async upsertResources(@Arg('input', () => UpsertResourcesInput, { description: 'The resources and an optional idempotency key.' }) input: UpsertResourcesInput, @Ctx() context: Context): Promise<StoredUpsertResult> {
    return context.services.partnerResources.upsert(partnerOf(context), input);
  }

  @Authorized(CallerRole.Partner)
  @Mutation(() => RetireResourcesPayload, {
    description: 'Withdraws resources of the calling partner\'s provider (PARTNER API key): they leave every list and search but stay on record.',
  })
  async retireResources(@Arg('input', () => RetireResourcesInput, { description: 'External ids of the resources to retire.' }) input: RetireResourcesInput, @Ctx() context: Context): Promise<RetireResourcesPayload> {
    const { retired, userErrors } = await context.services.partnerResources.retire(partnerOf(context), input);
    return { retiredIds: retired.map((resource) => toGlobalId(RESOURCE_TYPE_BY_KIND[resource.kind as keyof typeof RESOURCE_TYPE_BY_KIND], resource.resourceId)), userErrors };
  }

  @FieldResolver(() => Resource, { nullable: true, description: 'The resource as stored now; null when the item was rejected.' })
  async resource(@Root() result: StoredUpsertResult['results'][number], @Ctx() { loaders }: Context): Promise<ResourceDocument | null> {
    return result.resourceId ? loaders.resourceById.load(result.resourceId) : null;
  }
}
