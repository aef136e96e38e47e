import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../core/context';
import { RateLimit } from './rate-limit.type';

@Resolver()
export class RateLimitResolver {
  @Query(() => RateLimit, {
    nullable: true,
    description:
      'Your rate-limit budget after this operation was charged. Never served from the shared response cache. Null only where rate limits are not set up (not on a running server).',
  })
  rateLimit(@Ctx() { rateLimit }: Context): RateLimit | null {
    return rateLimit ?? null;
  }
}
