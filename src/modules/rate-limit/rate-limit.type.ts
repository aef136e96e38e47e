import { DateTimeResolver as DateTimeScalar } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Your rate-limit budget: every operation costs points (1 per field, times `first` under a list; more for `search`, facets and the analytics fields), ' +
    'charged before it runs to a budget per window: per API key, or per client address for anonymous callers. `extensions.cost` and the `RateLimit-*` headers of every response say the same.',
})
export class RateLimit {
  @Field(() => Int, { description: 'Points per window.' })
  limit!: number;

  @Field(() => Int, { description: 'What this operation cost (it has already been charged).' })
  cost!: number;

  @Field(() => Int, { description: 'Points left in the current window, after this operation.' })
  remaining!: number;

  @Field(() => Int, { description: 'Points spent in the current window, this operation included.' })
  used!: number;

  @Field(() => DateTimeScalar, { description: 'When the current window ends and the whole budget is available again.' })
  resetAt!: Date;
}
