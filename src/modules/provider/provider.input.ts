import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError, createDeletePayloadType, type DeletePayload } from '../../core/user-errors';
import { Provider, ProviderKind } from './provider.type';

@InputType({ description: 'A new provider.' })
export class CreateProviderInput {
  @Field({ description: 'URL-safe unique name, e.g. "coursera".' })
  slug!: string;

  @Field({ description: 'Display name.' })
  name!: string;

  @Field(() => ProviderKind, { description: 'What sort of source it is.' })
  kind!: ProviderKind;

  @Field({ description: 'Home page (http or https).' })
  url!: string;

  @Field({ nullable: true, description: 'What the provider offers.' })
  description?: string;

  @Field(() => [String], { nullable: true, description: 'URL hosts that belong to the provider, e.g. ["udemy.com"].' })
  hosts?: string[];
}

@InputType({ description: 'Changes to a provider; omitted fields keep their value.' })
export class UpdateProviderInput {
  @Field(() => ID, { description: 'Global id of the provider to change.' })
  id!: string;

  @Field({ nullable: true, description: 'New slug.' })
  slug?: string;

  @Field({ nullable: true, description: 'New display name.' })
  name?: string;

  @Field(() => ProviderKind, { nullable: true, description: 'New kind.' })
  kind?: ProviderKind;

  @Field({ nullable: true, description: 'New home page.' })
  url?: string;

  @Field({ nullable: true, description: 'New description.' })
  description?: string;

  @Field(() => [String], { nullable: true, description: 'New list of hosts (replaces the old one).' })
  hosts?: string[];
}

@InputType({ description: 'Which provider to delete.' })
export class DeleteProviderInput {
  @Field(() => ID, { description: 'Global id of the provider. Refused while resources still belong to it.' })
  id!: string;
}

@ArgsType()
export class ProvidersFilterArgs {
  @Field(() => ProviderKind, { nullable: true, description: 'Only providers of this kind.' })
  kind?: ProviderKind;
}

@ObjectType({ description: 'Result of creating or updating a provider.' })
export class ProviderPayload {
  @Field(() => Provider, { nullable: true, description: 'The provider as stored; null when `userErrors` is not empty.' })
  provider!: unknown;

  @Field(() => [UserError], { description: 'Problems with the input; when any is present nothing was written.' })
  userErrors!: UserError[];
}

export const DeleteProviderPayload = createDeletePayloadType('Provider', 'provider');
export type DeleteProviderPayload = DeletePayload;
