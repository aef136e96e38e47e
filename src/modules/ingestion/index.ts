import { PartnerResourceResolver } from './partner-resources.resolver';

export { IngestionService } from './ingestion.service';
export { PartnerResourceService } from './partner-resources.service';

/** Resolver classes of the ingestion module (partner writes). */
export const IngestionResolvers: Function[] = [PartnerResourceResolver];
