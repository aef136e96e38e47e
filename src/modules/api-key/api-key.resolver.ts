import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CallerRole } from '../../core/auth';
import type { Context } from '../../core/context';
import type { ProviderDocument } from '../provider/provider.model';
import { Provider } from '../provider/provider.type';
import { CreateApiKeyInput, CreateApiKeyPayload, RevokeApiKeyInput, RevokeApiKeyPayload } from './api-key.input';
import type { ApiKeyDocument } from './api-key.model';
import { displayPrefix } from './api-key.secret';
import { ApiKey, ApiKeyRole } from './api-key.type';

/** The GraphQL view of a stored key: never the hash. */
function toApiKey(document: ApiKeyDocument | null): (ApiKey & { providerObjectId: string | null }) | null {
  if (!document) return null;
  return {
    id: document.keyId,
    name: document.name,
    role: document.role as ApiKeyRole,
    prefix: displayPrefix(document.keyId),
    providerObjectId: document.providerId ? String(document.providerId) : null,
    createdAt: document.createdAt,
    revokedAt: document.revokedAt ?? null,
  };
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized(CallerRole.Admin)
  @Query(() => [ApiKey], { description: 'Every API key, newest first, revoked ones included. Admin only.' })
  async apiKeys(@Ctx() { services }: Context): Promise<ApiKey[]> {
    return (await services.apiKeys.list()).map((document) => toApiKey(document)!);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => CreateApiKeyPayload, { description: 'Creates an API key and returns its secret once. Admin only.' })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: 'The new key.' }) input: CreateApiKeyInput,
    @Ctx() { services }: Context,
  ): Promise<CreateApiKeyPayload> {
    const result = await services.apiKeys.create({
      name: input.name,
      role: input.role,
      provider: input.providerId ? { globalId: input.providerId } : null,
    });
    return { apiKey: toApiKey(result.apiKey), secret: result.secret, userErrors: result.userErrors };
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => RevokeApiKeyPayload, {
    description: 'Revokes an API key: requests that send it are refused with UNAUTHENTICATED from now on. Admin only.',
  })
  async revokeApiKey(
    @Arg('input', () => RevokeApiKeyInput, { description: 'Which key to revoke.' }) input: RevokeApiKeyInput,
    @Ctx() { services }: Context,
  ): Promise<RevokeApiKeyPayload> {
    const result = await services.apiKeys.revoke(input.id);
    return { apiKey: toApiKey(result.apiKey), userErrors: result.userErrors };
  }

  @FieldResolver(() => Provider, { nullable: true, description: 'The provider a PARTNER key writes for; null for other roles.' })
  async provider(
    @Root() apiKey: ApiKey & { providerObjectId?: string | null },
    @Ctx() { loaders }: Context,
  ): Promise<ProviderDocument | null> {
    return apiKey.providerObjectId ? loaders.providerById.load(apiKey.providerObjectId) : null;
  }
}
