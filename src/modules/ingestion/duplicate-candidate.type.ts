import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { createConnectionType } from '../../core/relay/connection';

export enum DuplicateCandidateStatus {
  OPEN = 'OPEN',
  CONFIRMED = 'CONFIRMED',
  DISMISSED = 'DISMISSED',
}

registerEnumType(DuplicateCandidateStatus, {
  name: 'DuplicateCandidateStatus',
  description: 'Where a near-duplicate pair stands in review.',
  valuesConfig: {
    OPEN: { description: 'Not reviewed yet.' },
    CONFIRMED: { description: 'A person confirmed the two are the same offer.' },
    DISMISSED: { description: 'A person found the two to be different offers.' },
  },
});

@ObjectType({
  description:
    'Two resources of the same kind and different providers whose titles reduce to the same fingerprint ("The Complete Docker Course" and "Docker: the complete course"), flagged by ingestion for a person to review. They are never merged automatically.',
})
export class DuplicateCandidate {
  // id, resources and similarity are resolved by DuplicateCandidateResolver.

  @Field(() => String, { description: 'The title fingerprint both resources share: their distinctive title words, sorted.' })
  titleFingerprint!: string;

  @Field(() => String, { description: 'Why the pair was flagged.' })
  reason!: string;

  @Field(() => DuplicateCandidateStatus, { description: 'Where the pair stands in review.' })
  status!: DuplicateCandidateStatus;

  @Field(() => Date, { description: 'When the pair was first flagged.' })
  createdAt!: Date;
}

export const DuplicateCandidateConnection = createConnectionType('DuplicateCandidate', () => DuplicateCandidate, 'near-duplicate pair');
