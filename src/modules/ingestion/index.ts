import type { ClassType } from 'type-graphql';
import { DuplicateCandidateResolver } from './duplicate-candidate.resolver';
import { PartnerResourceResolver } from './partner-resources.resolver';

export { IngestionService } from './ingestion.service';
export { PartnerResourceService } from './partner-resources.service';

/** Resolver classes of the ingestion module (partner writes, the near-duplicate review queue). */
export const IngestionResolvers: ClassType[] = [PartnerResourceResolver, DuplicateCandidateResolver];
