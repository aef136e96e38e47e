import { Arg, Args, Authorized, Ctx, Extensions, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CallerRole } from '../../core/auth';
import type { Context } from '../../core/context';
import { createConnectionType, PageArgs } from '../../core/relay/connection';
import { toGlobalId } from '../../core/relay/global-id';
import type { ProviderDocument } from './provider.model';
import {
  CreateProviderInput,
  DeleteProviderInput,
  DeleteProviderPayload,
  ProviderPayload,
  ProvidersFilterArgs,
  UpdateProviderInput,
} from './provider.input';
import { Provider } from './provider.type';
import { QUERY_COST } from '../../core/rate-limit/query-cost';

export const ProviderConnection = createConnectionType('Provider', () => Provider, 'provider');

@Resolver(() => Provider)
export class ProviderResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() provider: ProviderDocument): string {
    return toGlobalId('Provider', provider._id);
  }

  @Extensions({ complexity: QUERY_COST.LIST_QUERY })
  @Query(() => ProviderConnection, { description: 'Providers ordered by name.' })
  providers(@Args() page: PageArgs, @Args() filter: ProvidersFilterArgs, @Ctx() { services }: Context) {
    return services.providers.list(page, filter.kind);
  }

  @Query(() => Provider, { nullable: true, description: 'One provider by slug; null when none has it.' })
  provider(@Arg('slug', { description: 'The provider\'s slug, e.g. "coursera".' }) slug: string, @Ctx() { services }: Context) {
    return services.providers.findBySlug(slug);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => ProviderPayload, { description: 'Creates a provider. Admin only.' })
  createProvider(@Arg('input', { description: 'The new provider.' }) input: CreateProviderInput, @Ctx() { services }: Context) {
    return services.providers.create(input);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => ProviderPayload, { description: 'Changes a provider. Admin only.' })
  updateProvider(@Arg('input', { description: 'The changes.' }) input: UpdateProviderInput, @Ctx() { services }: Context) {
    return services.providers.update(input);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => DeleteProviderPayload, { description: 'Deletes a provider that no resource belongs to. Admin only.' })
  async deleteProvider(
    @Arg('input', { description: 'Which provider.' }) input: DeleteProviderInput,
    @Ctx() { services }: Context,
  ): Promise<DeleteProviderPayload> {
    const { deletedId, userErrors } = await services.providers.delete(input);
    return { deletedId: deletedId ? toGlobalId('Provider', deletedId) : null, userErrors };
  }
}
