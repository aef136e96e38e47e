import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver as DateTimeScalar } from 'graphql-scalars';
import { Provider } from '../provider/provider.type';

/** The roles a key can carry, as GraphQL names them; the values are `CallerRole`'s. */
export enum ApiKeyRole {
  ADMIN = 'ADMIN',
  PARTNER = 'PARTNER',
  ANALYST = 'ANALYST',
}

registerEnumType(ApiKeyRole, {
  name: 'ApiKeyRole',
  description: 'What an API key may do.',
  valuesConfig: {
    ADMIN: { description: 'Everything an ADMIN_TOKEN bearer may do: change the whole catalogue and manage API keys.' },
    PARTNER: { description: "Read the catalogue and create, update and retire the resources of one provider (the key's provider)." },
    ANALYST: { description: 'Read the catalogue, identified (for quotas and logs); no writes.' },
  },
});

@ObjectType({
  description: 'An API key, without its secret: the secret is shown once, when the key is created, and stored only as a hash.',
})
export class ApiKey {
  @Field(() => ID, { description: 'Public id of the key (the 12 hex characters after `sa_live_`); pass it to `revokeApiKey`.' })
  id!: string;

  @Field({ description: 'Who or what the key is for, as the admin named it.' })
  name!: string;

  @Field(() => ApiKeyRole, { description: 'What the key may do.' })
  role!: ApiKeyRole;

  @Field({ description: 'The non-secret beginning of the key (`sa_live_<id>`), to recognise it in a configuration.' })
  prefix!: string;

  @Field(() => Provider, { nullable: true, description: 'The provider a PARTNER key writes for; null for other roles.' })
  provider?: Provider | null;

  @Field(() => DateTimeScalar, { description: 'When the key was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the key was revoked; null while it is valid. A revoked key is refused with UNAUTHENTICATED.',
  })
  revokedAt!: Date | null;
}
