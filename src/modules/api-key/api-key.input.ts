import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../../core/user-errors';
import { ApiKey, ApiKeyRole } from './api-key.type';

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'Who or what the key is for (1–100 characters), e.g. "Udemy catalogue sync".' })
  name!: string;

  @Field(() => ApiKeyRole, { description: 'What the key may do.' })
  role!: ApiKeyRole;

  @Field(() => ID, {
    nullable: true,
    description: 'Global id of the provider a PARTNER key writes for; required for PARTNER, refused for other roles.',
  })
  providerId?: string | null;
}

@ObjectType({ description: 'Result of creating an API key.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The new key; null when `userErrors` is not empty.' })
  apiKey!: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: 'The whole key, to send in the `X-Api-Key` header. Shown this once and never again: only its hash is stored.',
  })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Problems with the input; when any is present no key was created.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Which API key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'Id of the key (`ApiKey.id`).' })
  id!: string;
}

@ObjectType({ description: 'Result of revoking an API key.' })
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The revoked key; null when `userErrors` is not empty.' })
  apiKey!: ApiKey | null;

  @Field(() => [UserError], { description: 'Problems with the input; when any is present nothing was revoked.' })
  userErrors!: UserError[];
}
