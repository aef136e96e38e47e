import { UserErrorCode, userError, type UserErrorValue } from '../../core/user-error-values';
import { checkNumberRange, checkSlug, checkText } from '../../core/validation';
import { MAX_REQUIREMENT_GROUPS, MAX_ROLE_SKILLS } from './role-limits';

/** The two skill lists of a role. */
export type RoleSkillList = 'requiredSkills' | 'additionalSkills';
export const ROLE_SKILL_LISTS: readonly RoleSkillList[] = ['requiredSkills', 'additionalSkills'];

/**
 * One part of a role as a write would leave it: the input's value when the input gives it (problems
 * then point into the input), else the stored one (problems then point at what the input changed).
 */
export interface RolePart<T> {
  items: readonly T[];
  fromInput: boolean;
}

/** A requirement group as a write gives it (RequirementGroupInput) or the taxonomy declares it. */
export interface RequirementGroupFields {
  key: string;
  label: string;
  minimum: number;
}

/** The parts of a role that requirement groups tie together. */
export type GroupedRole = { requirementGroups: RolePart<RequirementGroupFields> } & Record<
  RoleSkillList,
  RolePart<{ group?: string | null }>
>;

/** Where an option of a group sits. */
interface GroupOption {
  list: RoleSkillList;
  index: number;
  fromInput: boolean;
}

/**
 * Checks that a role's requirement groups and skill entries agree: every group a skill names is
 * declared, every declared group has an option, a group's options are all required or all additional,
 * and its `minimum` is no more than its options. Whichever of the three parts the input leaves out is
 * taken as stored, so replacing one of them cannot break the others. A write that gives none of them
 * is not checked: it changes nothing groups depend on.
 */
export function checkRequirementGroups(role: GroupedRole): UserErrorValue[] {
  const groups = role.requirementGroups;
  const errors = groups.fromInput ? checkGroupFields(groups.items) : [];
  const givenLists = ROLE_SKILL_LISTS.filter((list) => role[list].fromInput);
  if (!groups.fromInput && givenLists.length === 0) return errors;
  // Too many groups is one error; judging each of them against the skills would only repeat it.
  if (groups.items.length > MAX_REQUIREMENT_GROUPS) return errors;

  const firstIndexByKey = new Map<string, number>();
  groups.items.forEach((group, index) => {
    if (!firstIndexByKey.has(group.key)) firstIndexByKey.set(group.key, index);
  });
  const optionsByKey = new Map<string, GroupOption[]>();
  for (const list of ROLE_SKILL_LISTS) {
    const { items, fromInput } = role[list];
    items.forEach((entry, index) => {
      if (entry.group == null) return;
      if (!firstIndexByKey.has(entry.group)) {
        errors.push(undeclaredGroup(entry.group, { list, index, fromInput }));
        return;
      }
      const options = optionsByKey.get(entry.group) ?? [];
      options.push({ list, index, fromInput });
      optionsByKey.set(entry.group, options);
    });
  }

  groups.items.forEach((group, index) => {
    // A repeated key is reported by checkGroupFields; its options were counted for the first one.
    if (firstIndexByKey.get(group.key) !== index) return;
    const groupField = groups.fromInput ? ['input', 'requirementGroups', String(index)] : null;
    // With the groups stored, the skill list the input replaces is what broke them.
    const changedList = (options: GroupOption[]) => ['input', options.find((option) => option.fromInput)?.list ?? givenLists[0]];
    const options = optionsByKey.get(group.key) ?? [];
    if (options.length === 0) {
      errors.push(
        userError(
          groupField ?? changedList([]),
          UserErrorCode.INVALID,
          `The requirement group "${group.key}" has no option: name it in the "group" of at least one skill, or drop the group.`,
        ),
      );
      return;
    }
    if (new Set(options.map((option) => option.list)).size > 1) {
      // Blame an entry the input sent, additional ones first: a group is usually required and an additional option strays.
      const ordered = [
        ...options.filter((option) => option.list === 'additionalSkills'),
        ...options.filter((option) => option.list === 'requiredSkills'),
      ];
      const strayed = ordered.find((option) => option.fromInput);
      errors.push(
        userError(
          strayed ? ['input', strayed.list, String(strayed.index), 'group'] : groupField!,
          UserErrorCode.INVALID,
          `The options of the requirement group "${group.key}" are in both requiredSkills and additionalSkills; a group is either required or additional.`,
        ),
      );
    }
    if (Number.isInteger(group.minimum) && group.minimum > options.length) {
      errors.push(
        userError(
          groupField ? [...groupField, 'minimum'] : changedList(options),
          UserErrorCode.INVALID,
          `The requirement group "${group.key}" asks for ${group.minimum} of its options but has ${options.length}.`,
        ),
      );
    }
  });
  return errors;
}

/** Each group's own fields: a slug-like key unique within the role, a label, a minimum of at least 1. */
function checkGroupFields(groups: readonly RequirementGroupFields[]): UserErrorValue[] {
  if (groups.length > MAX_REQUIREMENT_GROUPS) {
    return [
      userError(
        ['input', 'requirementGroups'],
        UserErrorCode.INVALID,
        `At most ${MAX_REQUIREMENT_GROUPS} requirement groups are allowed, got ${groups.length}.`,
      ),
    ];
  }
  const errors: UserErrorValue[] = [];
  const seen = new Set<string>();
  groups.forEach((group, index) => {
    const field = ['input', 'requirementGroups', String(index)];
    errors.push(
      ...checkSlug(group.key, [...field, 'key']),
      ...checkText(group.label, [...field, 'label'], { nonEmpty: true, max: 200 }),
      ...checkNumberRange(group.minimum, [...field, 'minimum'], 1, MAX_ROLE_SKILLS),
    );
    if (seen.has(group.key))
      errors.push(
        userError([...field, 'key'], UserErrorCode.DUPLICATE, `Another requirement group of the role already has the key "${group.key}".`),
      );
    seen.add(group.key);
  });
  return errors;
}

function undeclaredGroup(key: string, entry: GroupOption): UserErrorValue {
  if (entry.fromInput)
    return userError(
      ['input', entry.list, String(entry.index), 'group'],
      UserErrorCode.NOT_FOUND,
      `The role declares no requirement group "${key}".`,
    );
  // A stored entry names a group the input's new list of groups leaves out.
  return userError(
    ['input', 'requirementGroups'],
    UserErrorCode.NOT_FOUND,
    `The role's ${entry.list} entry ${entry.index} is an option of the requirement group "${key}", which this list does not declare; declare it, or give ${entry.list} anew.`,
  );
}
