import type { ClassType } from 'type-graphql';
import { ApiKeyResolver } from './api-key.resolver';

export { ApiKeyService } from './api-key.service';

/** Resolver classes of the API key module. */
export const ApiKeyResolvers: ClassType[] = [ApiKeyResolver];
