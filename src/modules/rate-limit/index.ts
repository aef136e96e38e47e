import type { ClassType } from 'type-graphql';
import { RateLimitResolver } from './rate-limit.resolver';

/** Resolver classes of the rate-limit module: the `rateLimit` query field (the limits themselves: src/core/rate-limit). */
export const RateLimitResolvers: ClassType[] = [RateLimitResolver];
