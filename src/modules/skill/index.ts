import type { ClassType } from 'type-graphql';
import type { DirectFieldResolvers } from '../../core/direct-field-resolvers';
import { SkillResolver } from './skill.resolver';

export { SkillService } from './skill.service';
export { Skill, SkillOrderField } from './skill.type';

/** Resolver classes of the skill module. */
export const SkillResolvers: ClassType[] = [SkillResolver];

/** `Skill.category`, run for every skill of every resource on a page, called by graphql-js directly (see direct-field-resolvers.ts). */
export const SkillDirectFieldResolvers: DirectFieldResolvers = [SkillResolver, ['category']];
