import type { ClassType } from 'type-graphql';
import { RoleResolver } from './role.resolver';

export { RoleService } from './role.service';
export { Role, RoleSkill, RoleSkillRequirement } from './role.type';

/** Resolver classes of the role module. */
export const RoleResolvers: ClassType[] = [RoleResolver];
