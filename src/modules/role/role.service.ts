import { Types } from 'mongoose';
import { noEntityChanges, type EntityChanges } from '../../core/entity-changes';
import { BadUserInputError } from '../../core/errors';
import { ConnectionResult, PageArgs, resolvePageSize } from '../../core/relay/connection';
import { expectGlobalId, tryGlobalId } from '../../core/relay/global-id';
import { findKeysetPage } from '../../core/relay/keyset-pagination';
import { UserError, UserErrorCode, userError } from '../../core/user-errors';
import { checkNumberRange, checkSlug, checkText, isDuplicateKeyError } from '../../core/validation';
import { SkillModel } from '../skill/skill.model';
import { escapeRegExp } from '../../core/text';
import {
  MAX_FILTER_SKILLS,
  MAX_TITLE_PREFIX_LENGTH,
  type CreateRoleInput,
  type DeleteRoleInput,
  type RequirementGroupInput,
  type RoleFilter,
  type RoleSkillInput,
  type UpdateRoleInput,
} from './role.input';
import { MAX_ROLE_SKILLS } from './role-limits';
import { RoleModel, type RoleDocument } from './role.model';
import { checkRequirementGroups, ROLE_SKILL_LISTS, type GroupedRole, type RoleSkillList } from './requirement-group-checks';

export interface RoleWriteResult {
  role: RoleDocument | null;
  userErrors: UserError[];
}

interface StoredRoleSkill {
  skillId: Types.ObjectId;
  level: string;
  weight: number;
  group?: string;
}

/** The role's fields groups tie together, as stored; empty for a role being created. */
type StoredGroupedFields = Partial<Pick<RoleDocument, RoleSkillList | 'requirementGroups'>>;

/** Updates decided on a stale read are decided again this many times at most. */
const MAX_UPDATE_ATTEMPTS = 5;

/** Reads and writes roles. The only code that writes RoleModel. */
export class RoleService {
  constructor(private readonly changes: EntityChanges = noEntityChanges) {}

  async findBySlug(slug: string): Promise<RoleDocument | null> {
    return RoleModel.findOne({ slug }).lean<RoleDocument>().exec();
  }

  /** One page of roles ordered by title (ignoring case). */
  async list(page: PageArgs, filter?: RoleFilter | null): Promise<ConnectionResult<RoleDocument>> {
    return findKeysetPage<RoleDocument>(RoleModel, {
      orderingName: 'TITLE_ASC',
      sortPath: 'titleKey',
      direction: 1,
      filter: toQuery(filter),
      first: resolvePageSize(page.first),
      after: page.after,
    });
  }

  async create(input: CreateRoleInput): Promise<RoleWriteResult> {
    const userErrors = validateFields(input);
    const lists = await resolveRoleSkills(input, {}, userErrors);
    userErrors.push(...checkRequirementGroups(groupedRoleOf(input, {})));
    if (checkSlug(input.slug, []).length === 0 && (await RoleModel.exists({ slug: input.slug }))) userErrors.push(duplicateSlug());
    if (userErrors.length > 0) return { role: null, userErrors };
    const title = input.title.trim();
    try {
      const created = await RoleModel.create({
        slug: input.slug,
        title,
        titleKey: title.toLowerCase(),
        description: input.description ?? '',
        requiredSkills: lists.requiredSkills ?? [],
        additionalSkills: lists.additionalSkills ?? [],
        requirementGroups: storedGroups(input.requirementGroups ?? []),
      });
      await this.changes.emit({ type: 'Role', ids: [created._id] });
      return { role: created.toObject<RoleDocument>(), userErrors: [] };
    } catch (error) {
      if (isDuplicateKeyError(error)) return { role: null, userErrors: [duplicateSlug()] };
      throw error;
    }
  }

  /**
   * Checks the update against the stored role and writes it only if no other update landed meanwhile
   * (`revision`); when one did, checks again against what it wrote, up to MAX_UPDATE_ATTEMPTS times,
   * then answers CONFLICT.
   */
  async update(input: UpdateRoleInput): Promise<RoleWriteResult> {
    for (let attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt += 1) {
      const result = await this.updateIfUnchanged(input);
      if (result !== 'CHANGED') return result;
    }
    // A delete during the last attempt is reported as such; a delete before it, by that attempt's read.
    if (!(await RoleModel.exists({ _id: tryGlobalId(input.id, ['Role']) }))) return { role: null, userErrors: [notFound()] };
    return {
      role: null,
      userErrors: [userError(['input', 'id'], UserErrorCode.CONFLICT, 'The role kept changing while this update was checked; retry.')],
    };
  }

  /** One attempt of `update`; CHANGED when another update (or a delete) landed since the role was read. */
  private async updateIfUnchanged(input: UpdateRoleInput): Promise<RoleWriteResult | 'CHANGED'> {
    const id = tryGlobalId(input.id, ['Role']);
    const existing = id ? await RoleModel.findById(id).lean<RoleDocument>().exec() : null;
    if (!id || !existing) return { role: null, userErrors: [notFound()] };
    const userErrors = validateFields(input);
    const lists = await resolveRoleSkills(input, existing, userErrors);
    userErrors.push(...checkRequirementGroups(groupedRoleOf(input, existing)));
    if (
      input.slug != null &&
      input.slug !== existing.slug &&
      checkSlug(input.slug, []).length === 0 &&
      (await RoleModel.exists({ slug: input.slug }))
    ) {
      userErrors.push(duplicateSlug());
    }
    if (userErrors.length > 0) return { role: null, userErrors };

    const changes: Record<string, unknown> = { ...lists };
    if (input.requirementGroups != null) changes.requirementGroups = storedGroups(input.requirementGroups);
    if (input.slug != null) changes.slug = input.slug;
    if (input.title != null) Object.assign(changes, { title: input.title.trim(), titleKey: input.title.trim().toLowerCase() });
    if (input.description != null) changes.description = input.description;
    try {
      // `null` also matches a role stored before revisions existed (no field).
      const updated = await RoleModel.findOneAndUpdate(
        { _id: id, revision: existing.revision ?? null },
        { $set: changes, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      )
        .lean<RoleDocument>()
        .exec();
      // Another update (or a delete, which the next attempt's read reports) landed since the read.
      if (!updated) return 'CHANGED';
      await this.changes.emit({ type: 'Role', ids: [id] });
      return { role: updated, userErrors: [] };
    } catch (error) {
      if (isDuplicateKeyError(error)) return { role: null, userErrors: [duplicateSlug()] };
      throw error;
    }
  }

  async delete(input: DeleteRoleInput): Promise<{ deletedId: Types.ObjectId | null; userErrors: UserError[] }> {
    const id = tryGlobalId(input.id, ['Role']);
    const { deletedCount } = id ? await RoleModel.deleteOne({ _id: id }).exec() : { deletedCount: 0 };
    if (deletedCount === 1) await this.changes.emit({ type: 'Role', ids: [id!] });
    return deletedCount === 1 ? { deletedId: id, userErrors: [] } : { deletedId: null, userErrors: [notFound()] };
  }
}

/** Turns a `RoleFilter` into a MongoDB filter; malformed ids and over-long prefixes are BAD_USER_INPUT. */
function toQuery(filter: RoleFilter | null | undefined): Record<string, unknown> {
  const conditions: Record<string, unknown>[] = [];
  if (filter?.skills != null) {
    if (filter.skills.length > MAX_FILTER_SKILLS) {
      throw new BadUserInputError(
        `"filter.skills" may hold at most ${MAX_FILTER_SKILLS} ids, got ${filter.skills.length}.`,
        'filter.skills',
      );
    }
    const skillIds = filter.skills.map((globalId) => expectGlobalId(globalId, ['Skill'], 'filter.skills'));
    conditions.push({ $or: [{ 'requiredSkills.skillId': { $in: skillIds } }, { 'additionalSkills.skillId': { $in: skillIds } }] });
  }
  if (filter?.titlePrefix != null && filter.titlePrefix !== '') {
    if (filter.titlePrefix.length > MAX_TITLE_PREFIX_LENGTH) {
      throw new BadUserInputError(`"filter.titlePrefix" may hold at most ${MAX_TITLE_PREFIX_LENGTH} characters.`, 'filter.titlePrefix');
    }
    // `titleKey` is the lower-cased title: an anchored, case-sensitive pattern matches case-insensitively and uses the index.
    conditions.push({ titleKey: new RegExp(`^${escapeRegExp(filter.titlePrefix.toLowerCase())}`) });
  }
  if (conditions.length === 0) return {};
  return conditions.length === 1 ? conditions[0] : { $and: conditions };
}

function validateFields(input: Partial<Pick<CreateRoleInput, 'slug' | 'title' | 'description'>>): UserError[] {
  return [
    ...checkSlug(input.slug, ['input', 'slug']),
    ...checkText(input.title, ['input', 'title'], { nonEmpty: true, max: 200 }),
    ...checkText(input.description, ['input', 'description'], { max: 5000 }),
  ];
}

/**
 * Checks the skill lists the input sets and returns them as stored. Every skill id must name a skill
 * (checked in one query), every weight lies in 0–1, and no skill appears twice in the role, counting
 * the list the input leaves unchanged.
 */
async function resolveRoleSkills(
  input: Pick<CreateRoleInput, RoleSkillList>,
  existing: Partial<Record<RoleSkillList, Array<{ skillId: Types.ObjectId }>>>,
  userErrors: UserError[],
): Promise<Partial<Record<RoleSkillList, StoredRoleSkill[]>>> {
  const given = ROLE_SKILL_LISTS.filter((list) => input[list] != null);
  for (const list of given) {
    if (input[list]!.length > MAX_ROLE_SKILLS)
      userErrors.push(
        userError(['input', list], UserErrorCode.INVALID, `At most ${MAX_ROLE_SKILLS} skills are allowed, got ${input[list]!.length}.`),
      );
  }
  const checked = given.filter((list) => input[list]!.length <= MAX_ROLE_SKILLS);
  const decoded = new Map(checked.map((list) => [list, input[list]!.map((entry) => tryGlobalId(entry.skillId, ['Skill']))]));
  const wanted = [...decoded.values()].flat().filter((id): id is Types.ObjectId => id !== null);
  const known = new Set<string>();
  if (wanted.length > 0) {
    const found = await SkillModel.find({ _id: { $in: wanted } }, { _id: 1 })
      .lean<Array<{ _id: Types.ObjectId }>>()
      .exec();
    found.forEach(({ _id }) => known.add(String(_id)));
  }

  // Skills of a list the input leaves as it is count as already taken.
  const takenBy = new Map<string, RoleSkillList>();
  for (const list of ROLE_SKILL_LISTS.filter((name) => input[name] == null)) {
    for (const { skillId } of existing[list] ?? []) takenBy.set(String(skillId), list);
  }
  const resolved: Partial<Record<RoleSkillList, StoredRoleSkill[]>> = {};
  for (const list of checked) {
    resolved[list] = [];
    input[list]!.forEach((entry: RoleSkillInput, index) => {
      const path = ['input', list, String(index)];
      const skillId = decoded.get(list)![index];
      userErrors.push(...checkNumberRange(entry.weight, [...path, 'weight'], 0, 1));
      if (!skillId || !known.has(String(skillId))) {
        userErrors.push(userError([...path, 'skillId'], UserErrorCode.NOT_FOUND, 'No skill has this id.'));
        return;
      }
      const earlier = takenBy.get(String(skillId));
      if (earlier) {
        userErrors.push(
          userError(
            [...path, 'skillId'],
            UserErrorCode.INVALID,
            `This skill is already in the role's ${earlier}; a skill may appear once per role.`,
          ),
        );
        return;
      }
      takenBy.set(String(skillId), list);
      resolved[list]!.push({ skillId, level: entry.level, weight: entry.weight, ...(entry.group != null ? { group: entry.group } : {}) });
    });
  }
  return resolved;
}

/** The role's groups and skill lists as the write would leave them: what the input gives, else what is stored. */
function groupedRoleOf(input: Pick<CreateRoleInput, RoleSkillList | 'requirementGroups'>, stored: StoredGroupedFields): GroupedRole {
  const partOf = <K extends RoleSkillList | 'requirementGroups'>(name: K) =>
    input[name] != null ? { items: input[name], fromInput: true } : { items: stored[name] ?? [], fromInput: false };
  return {
    requirementGroups: partOf('requirementGroups'),
    requiredSkills: partOf('requiredSkills'),
    additionalSkills: partOf('additionalSkills'),
  };
}

function storedGroups(groups: RequirementGroupInput[]): Array<{ key: string; label: string; minimum: number }> {
  return groups.map(({ key, label, minimum }) => ({ key, label: label.trim(), minimum }));
}

function notFound(): UserError {
  return userError(['input', 'id'], UserErrorCode.NOT_FOUND, 'No role has this id.');
}

function duplicateSlug(): UserError {
  return userError(['input', 'slug'], UserErrorCode.DUPLICATE, 'Another role already uses this slug.');
}

// Registers the service as `context.services.roles`; src/app/services.ts builds it (see src/core/services.ts).
declare module '../../core/services' {
  interface Services {
    /** Job roles and the skills they need: lists, look-ups, admin writes. */
    roles: RoleService;
  }
}
