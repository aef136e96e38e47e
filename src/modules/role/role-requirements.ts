import type { Types } from 'mongoose';
import { toGlobalId } from '../../core/relay/global-id';
import type { Level } from '../shared-enums';

/** Whether a requirement is expected of anyone holding the role (REQUIRED) or valued on top (ADDITIONAL). */
export type RequirementKind = 'REQUIRED' | 'ADDITIONAL';

/** One way of meeting a requirement: a skill at a level, with its importance within the role. */
export interface RequirementOption {
  skillId: Types.ObjectId;
  level: Level;
  weight: number;
}

/**
 * One requirement of a role: "at least `minimum` of `options`". A skill the role lists on its own is a
 * requirement with one option; a group ("any one of six languages") is one requirement, not six.
 */
export interface RoleRequirement {
  /** The group's key, or the skill's id for a requirement of one skill. */
  key: string;
  /** The group's label; null for a requirement of one skill (its name says it). */
  label: string | null;
  kind: RequirementKind;
  minimum: number;
  /** The requirement's importance: its heaviest option's weight (meeting it through any option counts as much). */
  weight: number;
  options: RequirementOption[];
}

/** A role's skill entry as stored, or as plain data (tests, fixtures). */
interface StoredEntry {
  skillId: Types.ObjectId;
  level: string;
  weight: number;
  group?: string | null;
}

/** What `requirementsOf` reads of a role. */
export interface RoleRequirementSource {
  requiredSkills?: readonly StoredEntry[] | null;
  additionalSkills?: readonly StoredEntry[] | null;
  requirementGroups?: ReadonlyArray<{ key: string; label: string; minimum: number }> | null;
}

/**
 * The role's requirements in the order it lists them: required skills, then additional ones; a group
 * stands where its first option is listed. Options of a group the role does not declare (a stored
 * role written before groups existed) are requirements on their own. A group's `minimum` is capped at
 * its options, so a group whose options were removed asks for no more than it has.
 */
export function requirementsOf(role: RoleRequirementSource): RoleRequirement[] {
  const declared = new Map((role.requirementGroups ?? []).map((group) => [group.key, group]));
  const requirements: RoleRequirement[] = [];
  const byGroup = new Map<string, RoleRequirement>();
  const lists: Array<[RequirementKind, readonly StoredEntry[]]> = [
    ['REQUIRED', role.requiredSkills ?? []],
    ['ADDITIONAL', role.additionalSkills ?? []],
  ];
  for (const [kind, entries] of lists) {
    for (const entry of entries) {
      const option: RequirementOption = { skillId: entry.skillId, level: entry.level as Level, weight: entry.weight };
      const group = entry.group ? declared.get(entry.group) : undefined;
      if (!group) {
        requirements.push({ key: String(entry.skillId), label: null, kind, minimum: 1, weight: entry.weight, options: [option] });
        continue;
      }
      const groupKey = `${kind}:${group.key}`;
      let requirement = byGroup.get(groupKey);
      if (!requirement) {
        requirement = { key: group.key, label: group.label, kind, minimum: group.minimum, weight: 0, options: [] };
        byGroup.set(groupKey, requirement);
        requirements.push(requirement);
      }
      requirement.options.push(option);
      requirement.weight = Math.max(requirement.weight, entry.weight);
    }
  }
  for (const requirement of requirements) requirement.minimum = Math.min(requirement.minimum, requirement.options.length);
  return requirements;
}

/** A requirement's key as the API shows it (`Role.requirements`, `skillGap`): a group's key, or a single skill's global id. */
export function publicRequirementKey(requirement: RoleRequirement): string {
  return requirement.label === null ? toGlobalId('Skill', requirement.options[0].skillId) : requirement.key;
}
