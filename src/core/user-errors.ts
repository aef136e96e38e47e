import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { UserErrorCode, type UserErrorValue } from './user-error-values';

export { UserErrorCode, userError } from './user-error-values';

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation refused its input.',
  valuesConfig: {
    NOT_FOUND: { description: 'An id in the input names nothing that exists (or it names the wrong type).' },
    DUPLICATE: { description: 'A value that must be unique (such as a slug) is already taken.' },
    INVALID: { description: 'A value is out of range or malformed (a negative price, an empty title, a bad URL).' },
    PREREQUISITE_CYCLE: { description: 'The prerequisites would form a cycle: a skill would end up required before itself.' },
    IN_USE: { description: 'The record cannot be deleted while others still refer to it.' },
    CONFLICT: { description: 'Other writes kept changing the record while this one was checked against it; nothing was written: retry.' },
  },
});

@ObjectType({ description: 'A problem with the input of a mutation. When any is returned, nothing was written.' })
export class UserError implements UserErrorValue {
  @Field(() => [String], { description: 'Path to the input field at fault, e.g. ["input", "price", "amount"].' })
  field!: string[];

  @Field({ description: 'What is wrong, in words a person can act on.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'Machine-readable reason.' })
  code!: UserErrorCode;
}

/** The payload every `delete<Entity>` mutation returns: the deleted id, or the reasons nothing was deleted. */
export interface DeletePayload {
  deletedId: string | null;
  userErrors: UserError[];
}

/** Builds the `Delete<Entity>Payload` object type of one entity ("category" → `DeleteCategoryPayload`). */
export function createDeletePayloadType(typeName: string, entityDescription: string) {
  @ObjectType(`Delete${typeName}Payload`, { description: `Result of deleting a ${entityDescription}.` })
  class DeletePayloadType implements DeletePayload {
    @Field(() => ID, { nullable: true, description: `Global id of the deleted ${entityDescription}; null when nothing was deleted.` })
    deletedId!: string | null;

    @Field(() => [UserError], { description: 'Problems with the input; when any is present nothing was deleted.' })
    userErrors!: UserError[];
  }
  return DeletePayloadType;
}
