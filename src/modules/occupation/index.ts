import type { ClassType } from 'type-graphql';
import { RoleOccupationsResolver, SkillMarketDemandResolver } from './occupation.resolver';

export { OccupationService } from './occupation.service';
export { Occupation, OccupationTechnology, SkillMarketDemand } from './occupation.type';

/** Resolver classes of the occupation module: `Role.occupations`, `Skill.marketDemand`. */
export const OccupationResolvers: ClassType[] = [RoleOccupationsResolver, SkillMarketDemandResolver];
