import { Types } from 'mongoose';
import { noEntityChanges, type EntityChanges } from '../../core/entity-changes';
import { BadUserInputError } from '../../core/errors';
import { ConnectionResult, PageArgs, resolvePageSize } from '../../core/relay/connection';
import { expectGlobalId, tryGlobalId, type NodeTypeName } from '../../core/relay/global-id';
import { findKeysetPage } from '../../core/relay/keyset-pagination';
import { escapeRegExp } from '../../core/text';
import { toSortDirection } from '../../core/relay/order-direction';
import { UserError, UserErrorCode, userError } from '../../core/user-errors';
import { checkSlug, checkText, isDuplicateKeyError } from '../../core/validation';
import { withWriteLease, WriteLeaseBusyError } from '../../core/write-lease';
import { CategoryModel } from '../category/category.model';
import { CategoryService } from '../category/category.service';
import { ResourceModel } from '../resource/resource.model';
import { RoleModel } from '../role/role.model';
import {
  MAX_FILTER_IDS,
  MAX_NAME_PREFIX_LENGTH,
  type CreateSkillInput,
  type DeleteSkillInput,
  type SkillFilter,
  type SkillOrder,
  type UpdateSkillInput,
} from './skill.input';
import { SkillModel, type SkillDocument } from './skill.model';
import { normaliseSkillTerm } from './skill-term';
import {
  addsPrerequisiteEdges,
  checkPrerequisiteEdges,
  checkPrerequisiteKindsApart,
  PREREQUISITE_GRAPH_LEASE,
  PREREQUISITE_LISTS,
  type GivenPrerequisites,
} from './prerequisite-cycles';
import { SkillOrderField } from './skill.type';

export interface SkillWriteResult {
  skill: SkillDocument | null;
  userErrors: UserError[];
}

const MAX_ALIASES = 50;
const MAX_ALIAS_LENGTH = 100;
const MAX_LINKED_SKILLS = 50;
/** The fields that link a skill to other skills: prerequisites of both kinds, related skills. */
const LINKED_SKILL_LISTS = [...PREREQUISITE_LISTS, 'relatedIds'] as const;
type LinkedSkillList = (typeof LINKED_SKILL_LISTS)[number];

const SORT_PATH_BY_FIELD: Record<SkillOrderField, string> = {
  [SkillOrderField.NAME]: 'nameKey',
  [SkillOrderField.CREATED_AT]: 'createdAt',
};

/** Reads and writes skills. The only code that writes SkillModel. */
export class SkillService {
  constructor(
    private readonly categories: CategoryService = new CategoryService(),
    private readonly changes: EntityChanges = noEntityChanges,
  ) {}

  async findBySlug(slug: string): Promise<SkillDocument | null> {
    return SkillModel.findOne({ slug }).lean<SkillDocument>().exec();
  }

  /** The skill whose name or one of whose aliases matches `name` after `normaliseSkillTerm` ("K8s", "node.js"). */
  async findByName(name: string): Promise<SkillDocument | null> {
    const key = normaliseSkillTerm(name.slice(0, 200));
    if (!key) return null;
    return SkillModel.findOne({ matchKeys: key }).sort({ nameKey: 1, _id: 1 }).lean<SkillDocument>().exec();
  }

  /** One page of skills; see `SkillFilter` and `SkillOrder` for what the arguments mean. */
  async list(page: PageArgs, filter?: SkillFilter | null, orderBy?: SkillOrder | null): Promise<ConnectionResult<SkillDocument>> {
    const first = resolvePageSize(page.first);
    const field = orderBy?.field ?? SkillOrderField.NAME;
    const direction = toSortDirection(orderBy?.direction);
    return findKeysetPage<SkillDocument>(SkillModel, {
      orderingName: `${field}_${direction === 1 ? 'ASC' : 'DESC'}`,
      sortPath: SORT_PATH_BY_FIELD[field],
      direction,
      filter: await this.toQuery(filter),
      first,
      after: page.after,
    });
  }

  async create(input: CreateSkillInput): Promise<SkillWriteResult> {
    const userErrors = validateFields(input);
    const categoryId = await resolveCategory(input.categoryId, userErrors);
    const linked = await resolveLinkedSkills(input, null, userErrors);
    const names = namesOf(input.name, input.aliases ?? []);
    userErrors.push(...(await checkNamesAreFree(names, input, null)));
    if (checkSlug(input.slug, []).length === 0 && (await SkillModel.exists({ slug: input.slug }))) userErrors.push(duplicateSlug());
    // A new skill has no dependents yet, so its prerequisites cannot close a cycle.
    if (userErrors.length > 0 || !categoryId) return { skill: null, userErrors };
    try {
      const created = await SkillModel.create({
        slug: input.slug,
        name: names.name,
        nameKey: names.name.toLowerCase(),
        description: input.description ?? '',
        categoryId,
        aliases: names.aliases,
        matchKeys: names.matchKeys,
        prerequisiteIds: linked.ids.prerequisiteIds ?? [],
        recommendedPrerequisiteIds: linked.ids.recommendedPrerequisiteIds ?? [],
        relatedIds: linked.ids.relatedIds ?? [],
      });
      await this.changes.emit({ type: 'Skill', ids: [created._id] });
      return { skill: created.toObject<SkillDocument>(), userErrors: [] };
    } catch (error) {
      if (isDuplicateKeyError(error)) return { skill: null, userErrors: [duplicateSlug()] };
      throw error;
    }
  }

  async update(input: UpdateSkillInput): Promise<SkillWriteResult> {
    const id = tryGlobalId(input.id, ['Skill']);
    const existing = id ? await SkillModel.findById(id).lean<SkillDocument>().exec() : null;
    if (!id || !existing) return { skill: null, userErrors: [notFound()] };
    const userErrors = validateFields(input);
    const categoryId = input.categoryId != null ? await resolveCategory(input.categoryId, userErrors) : undefined;
    const linked = await resolveLinkedSkills(input, existing, userErrors);
    const names = namesOf(input.name ?? existing.name, input.aliases ?? existing.aliases);
    userErrors.push(...(await checkNamesAreFree(names, input, id)));
    if (
      input.slug != null &&
      input.slug !== existing.slug &&
      checkSlug(input.slug, []).length === 0 &&
      (await SkillModel.exists({ slug: input.slug }))
    ) {
      userErrors.push(duplicateSlug());
    }
    if (userErrors.length > 0) return { skill: null, userErrors };

    const changes: Record<string, unknown> = {};
    if (input.slug != null) changes.slug = input.slug;
    if (input.description != null) changes.description = input.description;
    if (categoryId) changes.categoryId = categoryId;
    if (input.name != null || input.aliases != null) {
      Object.assign(changes, { name: names.name, nameKey: names.name.toLowerCase(), aliases: names.aliases, matchKeys: names.matchKeys });
    }
    for (const [key, ids] of Object.entries(linked.ids)) changes[key] = ids;
    const result = await this.storeUpdate(id, changes, existing, linked.prerequisites);
    // After the lease, not under it: invalidation (and a rename's re-indexing) may take a while.
    if (result.skill) await this.changes.emit({ type: 'Skill', ids: [id], renamed: input.name != null || input.aliases != null });
    return result;
  }

  /**
   * Writes the changes; when they add prerequisite edges, checks the graph and writes under the graph's
   * lease, since two writes can each pass the cycle check and close a cycle together (a → b, b → a).
   */
  private async storeUpdate(
    id: Types.ObjectId,
    changes: Record<string, unknown>,
    existing: SkillDocument,
    prerequisites: GivenPrerequisites,
  ): Promise<SkillWriteResult> {
    const write = async (): Promise<SkillWriteResult> => {
      try {
        const updated = await SkillModel.findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after' }).lean<SkillDocument>().exec();
        return updated ? { skill: updated, userErrors: [] } : { skill: null, userErrors: [notFound()] };
      } catch (error) {
        if (isDuplicateKeyError(error)) return { skill: null, userErrors: [duplicateSlug()] };
        throw error;
      }
    };
    if (!addsPrerequisiteEdges(prerequisites)) return write();
    try {
      return await withWriteLease(
        PREREQUISITE_GRAPH_LEASE,
        async () => {
          const problems = await checkPrerequisiteEdges(existing, prerequisites);
          return problems.length > 0 ? { skill: null, userErrors: problems } : write();
        },
        { waitMs: PREREQUISITE_GRAPH_WAIT_MS },
      );
    } catch (error) {
      if (error instanceof WriteLeaseBusyError) return { skill: null, userErrors: [prerequisiteGraphBusy()] };
      throw error;
    }
  }

  /** Deletes a skill no role or resource refers to, first removing it from other skills' prerequisites (both kinds) and related lists. */
  async delete(input: DeleteSkillInput): Promise<{ deletedId: Types.ObjectId | null; userErrors: UserError[] }> {
    const id = tryGlobalId(input.id, ['Skill']);
    if (!id || !(await SkillModel.exists({ _id: id }))) return { deletedId: null, userErrors: [notFound()] };
    const [roleCount, resourceCount] = await Promise.all([
      RoleModel.countDocuments({ $or: [{ 'requiredSkills.skillId': id }, { 'additionalSkills.skillId': id }] }).exec(),
      ResourceModel.countDocuments({ skillIds: id }).exec(),
    ]);
    const userErrors: UserError[] = [];
    if (roleCount > 0)
      userErrors.push(
        userError(['input', 'id'], UserErrorCode.IN_USE, `${roleCount} roles still list this skill; remove it from them first.`),
      );
    if (resourceCount > 0)
      userErrors.push(
        userError(['input', 'id'], UserErrorCode.IN_USE, `${resourceCount} resources still teach this skill; remove it from them first.`),
      );
    if (userErrors.length > 0) return { deletedId: null, userErrors };
    // Without transactions: unlink first, so a failure part-way leaves no dangling ids and a retry finishes the job.
    // The skills that link to it change too: read their ids first so exactly those are invalidated.
    const linkingFilter = { $or: LINKED_SKILL_LISTS.map((key) => ({ [key]: id })) };
    const linking = await SkillModel.find(linkingFilter, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>().exec();
    await SkillModel.updateMany(linkingFilter, { $pull: Object.fromEntries(LINKED_SKILL_LISTS.map((key) => [key, id])) }).exec();
    await SkillModel.deleteOne({ _id: id }).exec();
    await this.changes.emit({ type: 'Skill', ids: [id, ...linking.map((skill) => skill._id)] });
    return { deletedId: id, userErrors: [] };
  }

  /** Turns a `SkillFilter` into a MongoDB filter; malformed ids are BAD_USER_INPUT. */
  private async toQuery(filter: SkillFilter | null | undefined): Promise<Record<string, unknown>> {
    const conditions: Record<string, unknown>[] = [];
    if (filter?.ids != null) conditions.push({ _id: { $in: decodeIdList(filter.ids, 'Skill', 'filter.ids') } });
    if (filter?.categories != null) {
      const categoryIds = decodeIdList(filter.categories, 'Category', 'filter.categories');
      conditions.push({ categoryId: { $in: await this.categories.withDescendants(categoryIds) } });
    }
    if (filter?.namePrefix != null && filter.namePrefix !== '') conditions.push(namePrefixCondition(filter.namePrefix));
    if (conditions.length === 0) return {};
    return conditions.length === 1 ? conditions[0] : { $and: conditions };
  }
}

/**
 * Matches a prefix of the name or of any alias. Both fields hold lower-cased (`nameKey`) or
 * normalised (`matchKeys`) text, so an anchored, case-sensitive regular expression on the lowered
 * input does the case-insensitive match and can still walk the indexes. The input is escaped: it is
 * text, never a pattern.
 */
export function namePrefixCondition(prefix: string): Record<string, unknown> {
  if (prefix.length > MAX_NAME_PREFIX_LENGTH) {
    throw new BadUserInputError(`"filter.namePrefix" may hold at most ${MAX_NAME_PREFIX_LENGTH} characters.`, 'filter.namePrefix');
  }
  const clauses: Record<string, unknown>[] = [{ nameKey: new RegExp(`^${escapeRegExp(prefix.toLowerCase())}`) }];
  const normalised = normaliseSkillTerm(prefix);
  if (normalised) clauses.push({ matchKeys: new RegExp(`^${escapeRegExp(normalised)}`) });
  return { $or: clauses };
}

function decodeIdList(globalIds: string[], typeName: NodeTypeName, argumentName: string): Types.ObjectId[] {
  if (globalIds.length > MAX_FILTER_IDS)
    throw new BadUserInputError(`"${argumentName}" may hold at most ${MAX_FILTER_IDS} ids, got ${globalIds.length}.`, argumentName);
  return globalIds.map((globalId) => expectGlobalId(globalId, [typeName], argumentName));
}

interface SkillNames {
  name: string;
  aliases: string[];
  /** Unique normalised name and aliases, in that order. */
  matchKeys: string[];
}

/** Trims the name and aliases and drops aliases that normalise to the name or to an earlier alias. */
function namesOf(rawName: string, rawAliases: string[]): SkillNames {
  const name = rawName.trim();
  const matchKeys = [normaliseSkillTerm(name)].filter(Boolean);
  const aliases: string[] = [];
  for (const raw of rawAliases) {
    const alias = raw.trim();
    const key = normaliseSkillTerm(alias);
    if (!key || matchKeys.includes(key)) continue;
    matchKeys.push(key);
    aliases.push(alias);
  }
  return { name, aliases, matchKeys };
}

function validateFields(input: Partial<CreateSkillInput>): UserError[] {
  const errors = [
    ...checkSlug(input.slug, ['input', 'slug']),
    ...checkText(input.name, ['input', 'name'], { nonEmpty: true, max: 200 }),
    ...checkText(input.description, ['input', 'description'], { max: 5000 }),
  ];
  if (input.name != null && input.name.trim() && !normaliseSkillTerm(input.name)) {
    errors.push(userError(['input', 'name'], UserErrorCode.INVALID, 'A name needs at least one letter or digit.'));
  }
  const aliases = input.aliases ?? [];
  if (aliases.length > MAX_ALIASES)
    errors.push(
      userError(['input', 'aliases'], UserErrorCode.INVALID, `At most ${MAX_ALIASES} aliases are allowed, got ${aliases.length}.`),
    );
  aliases.slice(0, MAX_ALIASES).forEach((alias, index) => {
    const field = ['input', 'aliases', String(index)];
    if (alias.length > MAX_ALIAS_LENGTH)
      errors.push(userError(field, UserErrorCode.INVALID, `An alias has at most ${MAX_ALIAS_LENGTH} characters.`));
    else if (!normaliseSkillTerm(alias))
      errors.push(userError(field, UserErrorCode.INVALID, 'An alias needs at least one letter or digit.'));
  });
  for (const key of LINKED_SKILL_LISTS) {
    const count = input[key]?.length ?? 0;
    if (count > MAX_LINKED_SKILLS)
      errors.push(userError(['input', key], UserErrorCode.INVALID, `At most ${MAX_LINKED_SKILLS} skills are allowed, got ${count}.`));
  }
  return errors;
}

async function resolveCategory(globalId: string, userErrors: UserError[]): Promise<Types.ObjectId | null> {
  const id = tryGlobalId(globalId, ['Category']);
  if (id && (await CategoryModel.exists({ _id: id }))) return id;
  userErrors.push(userError(['input', 'categoryId'], UserErrorCode.NOT_FOUND, 'No category has this id.'));
  return null;
}

/**
 * Decodes the linked-skill lists the input gives (prerequisites of both kinds, related skills) and
 * checks in one query that they name existing skills; each bad entry gets a NOT_FOUND error with its
 * index. Repeats are dropped. The skill itself is refused, and so is a skill in both prerequisite
 * lists, counting a list the input leaves as stored.
 */
async function resolveLinkedSkills(
  input: Pick<CreateSkillInput, LinkedSkillList>,
  self: Pick<SkillDocument, '_id' | 'prerequisiteIds' | 'recommendedPrerequisiteIds'> | null,
  userErrors: UserError[],
): Promise<{ ids: Partial<Record<LinkedSkillList, Types.ObjectId[]>>; prerequisites: GivenPrerequisites }> {
  const lists = LINKED_SKILL_LISTS.filter((key) => input[key] != null && input[key].length <= MAX_LINKED_SKILLS).map((key) => ({
    key,
    decoded: input[key]!.map((globalId) => tryGlobalId(globalId, ['Skill'])),
  }));
  const wanted = lists.flatMap(({ decoded }) => decoded.filter((id): id is Types.ObjectId => id !== null));
  const existing = new Set<string>();
  if (wanted.length > 0) {
    const found = await SkillModel.find({ _id: { $in: wanted } }, { _id: 1 })
      .lean<Array<{ _id: Types.ObjectId }>>()
      .exec();
    found.forEach(({ _id }) => existing.add(String(_id)));
  }
  const ids: Partial<Record<LinkedSkillList, Types.ObjectId[]>> = {};
  const prerequisites: GivenPrerequisites = {};
  for (const { key, decoded } of lists) {
    const unique = new Map<string, { id: Types.ObjectId; index: number }>();
    decoded.forEach((id, index) => {
      const field = ['input', key, String(index)];
      if (!id || !existing.has(String(id))) userErrors.push(userError(field, UserErrorCode.NOT_FOUND, 'No skill has this id.'));
      else if (self && id.equals(self._id) && key !== 'relatedIds')
        userErrors.push(userError(field, UserErrorCode.PREREQUISITE_CYCLE, 'A skill cannot be its own prerequisite.'));
      else if (self && id.equals(self._id))
        userErrors.push(userError(field, UserErrorCode.INVALID, 'A skill cannot be related to itself.'));
      else if (!unique.has(String(id))) unique.set(String(id), { id, index });
    });
    ids[key] = [...unique.values()].map(({ id }) => id);
    if (key !== 'relatedIds') prerequisites[key] = [...unique.values()];
  }
  // Reported with the input's other errors, and the only check for a create; an update adding edges is
  // checked again under the lease, against the row as stored then (checkPrerequisiteEdges).
  userErrors.push(...checkPrerequisiteKindsApart(prerequisites, self));
  return { ids, prerequisites };
}

/**
 * Each name and alias the input sets must not already be a name or alias of another skill, so that
 * `skillByName` and feed mapping always find one skill. Only the fields sent are checked.
 */
async function checkNamesAreFree(
  names: SkillNames,
  input: { name?: string | null; aliases?: string[] | null },
  selfId: Types.ObjectId | null,
): Promise<UserError[]> {
  const fieldByKey = new Map<string, string[]>();
  const nameKey = normaliseSkillTerm(names.name);
  if (input.name != null && nameKey) fieldByKey.set(nameKey, ['input', 'name']);
  (input.aliases ?? []).forEach((alias, index) => {
    const key = normaliseSkillTerm(alias);
    if (key && !fieldByKey.has(key)) fieldByKey.set(key, ['input', 'aliases', String(index)]);
  });
  if (fieldByKey.size === 0) return [];
  const others = await SkillModel.find(
    { matchKeys: { $in: [...fieldByKey.keys()] }, ...(selfId ? { _id: { $ne: selfId } } : {}) },
    { slug: 1, matchKeys: 1 },
  )
    .lean<Array<Pick<SkillDocument, '_id' | 'slug' | 'matchKeys'>>>()
    .exec();
  const errors: UserError[] = [];
  for (const [key, field] of fieldByKey) {
    const other = others.find((skill) => skill.matchKeys.includes(key));
    if (other) errors.push(userError(field, UserErrorCode.DUPLICATE, `"${key}" already names the skill "${other.slug}".`));
  }
  return errors;
}

function notFound(): UserError {
  return userError(['input', 'id'], UserErrorCode.NOT_FOUND, 'No skill has this id.');
}

function duplicateSlug(): UserError {
  return userError(['input', 'slug'], UserErrorCode.DUPLICATE, 'Another skill already uses this slug.');
}

// Registers the service as `context.services.skills`; src/app/services.ts builds it (see src/core/services.ts).
declare module '../../core/services' {
  interface Services {
    /** Skills: lists, look-ups by slug, admin writes. */
    skills: SkillService;
  }
}

/** How long an edge-adding update waits for the prerequisite graph's lease before answering CONFLICT. */
const PREREQUISITE_GRAPH_WAIT_MS = 5_000;

function prerequisiteGraphBusy(): UserError {
  return userError(
    ['input', 'id'],
    UserErrorCode.CONFLICT,
    `Other prerequisite changes kept the skill graph busy for ${PREREQUISITE_GRAPH_WAIT_MS / 1000} seconds; nothing was written: retry.`,
  );
}
