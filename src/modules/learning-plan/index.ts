import type { ClassType } from 'type-graphql';
import { LearningPlanResolver } from './learning-plan.resolver';

export { LearningPlanService } from './learning-plan.service';

/** Resolver classes of the learning-plan module. */
export const LearningPlanResolvers: ClassType[] = [LearningPlanResolver];
