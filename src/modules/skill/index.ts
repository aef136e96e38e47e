import type { ClassType } from 'type-graphql';
import { SkillResolver } from './skill.resolver';

export { SkillService } from './skill.service';
export { Skill, SkillOrderField } from './skill.type';

/** Resolver classes of the skill module. */
export const SkillResolvers: ClassType[] = [SkillResolver];
