import type { ClassType } from 'type-graphql';
import {
  CourseResolver,
  EventResolver,
  OpenSourceProjectResolver,
  ProviderResourcesResolver,
  ResourceResolver,
  SkillResourcesResolver,
} from './resource.resolver';

export { ResourceService } from './resource.service';
export { Course, Event, OpenSourceProject, Resource, ResourceKind } from './resource.type';
export { ResourceFilter, ResourceOrder } from './resource.input';

/** Resolver classes of the resource module, including `Skill.resources` and `Provider.resources`. */
export const ResourceResolvers: ClassType[] = [
  ResourceResolver,
  CourseResolver,
  OpenSourceProjectResolver,
  EventResolver,
  SkillResourcesResolver,
  ProviderResourcesResolver,
];
