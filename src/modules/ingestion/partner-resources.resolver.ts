import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { CallerRole } from '../../core/auth';
import type { Context } from '../../core/context';
import { ForbiddenError } from '../../core/errors';
import { toGlobalId } from '../../core/relay/global-id';
import type { ResourceDocument } from '../resource/resource.model';
import { Resource, RESOURCE_TYPE_BY_KIND } from '../resource/resource.type';
import {
  ResourceUpsertResult,
  RetireResourcesInput,
  RetireResourcesPayload,
  UpsertResourcesInput,
  UpsertResourcesPayload,
} from './partner-resources.input';
import type { ResourceSyncCaller, StoredUpsertResult } from './partner-resources.service';

/** The ADMIN_TOKEN has no API key id: its idempotency keys are kept under this name (key ids are hex). */
const ADMIN_TOKEN_CALLER_KEY = 'admin-token';

/** The partner or admin behind the request; `@Authorized(PARTNER, ADMIN)` has already refused everyone else. */
function syncCallerOf({ caller }: Context): ResourceSyncCaller {
  if (caller.kind === 'partner') return { callerKey: caller.apiKeyId, boundProviderId: caller.providerId };
  if (caller.kind === 'admin') return { callerKey: caller.apiKeyId ?? ADMIN_TOKEN_CALLER_KEY, boundProviderId: null };
  throw new ForbiddenError();
}

@Resolver(() => ResourceUpsertResult)
export class PartnerResourceResolver {
  @Authorized(CallerRole.Partner, CallerRole.Admin)
  @Mutation(() => UpsertResourcesPayload, {
    description:
      "Creates or updates resources of one provider: the calling partner's (PARTNER API key), or the one an admin names in `input.provider`. Items are checked one by one: bad items come back in `userErrors`, good ones are written.",
  })
  async upsertResources(
    @Arg('input', () => UpsertResourcesInput, { description: 'The resources and an optional idempotency key.' })
    input: UpsertResourcesInput,
    @Ctx() context: Context,
  ): Promise<StoredUpsertResult> {
    return context.services.partnerResources.upsert(syncCallerOf(context), input);
  }

  @Authorized(CallerRole.Partner, CallerRole.Admin)
  @Mutation(() => RetireResourcesPayload, {
    description:
      "Withdraws resources written with `upsertResources` for one provider (the calling partner's, or the one an admin names in `input.provider`): they leave every list and search but stay on record.",
  })
  async retireResources(
    @Arg('input', () => RetireResourcesInput, { description: 'External ids of the resources to retire.' }) input: RetireResourcesInput,
    @Ctx() context: Context,
  ): Promise<RetireResourcesPayload> {
    const { retired, userErrors } = await context.services.partnerResources.retire(syncCallerOf(context), input);
    return {
      retiredIds: retired.map((resource) =>
        toGlobalId(RESOURCE_TYPE_BY_KIND[resource.kind as keyof typeof RESOURCE_TYPE_BY_KIND], resource.resourceId),
      ),
      userErrors,
    };
  }

  @FieldResolver(() => Resource, { nullable: true, description: 'The resource as stored now; null when the item was rejected.' })
  async resource(@Root() result: StoredUpsertResult['results'][number], @Ctx() { loaders }: Context): Promise<ResourceDocument | null> {
    return result.resourceId ? loaders.resourceById.load(result.resourceId) : null;
  }
}
