import { Types } from 'mongoose';
import { noEntityChanges, type EntityChanges } from '../../core/entity-changes';
import { tryGlobalId } from '../../core/relay/global-id';
import { UserError, UserErrorCode, userError } from '../../core/user-errors';
import { checkNumberRange, checkSlug, checkText, isDuplicateKeyError } from '../../core/validation';
import { SkillModel } from '../skill/skill.model';
import { CategoryModel, type CategoryDocument } from './category.model';
import type { CreateCategoryInput, DeleteCategoryInput, UpdateCategoryInput } from './category.input';
import { TIER_RANK, type CategoryTier } from './category.type';

export interface CategoryWriteResult {
  category: CategoryDocument | null;
  userErrors: UserError[];
}

const MAX_POSITION = 10_000;

/** Reads and writes categories. The only code that writes CategoryModel. */
export class CategoryService {
  constructor(private readonly changes: EntityChanges = noEntityChanges) {}

  async findBySlug(slug: string): Promise<CategoryDocument | null> {
    return CategoryModel.findOne({ slug }).lean<CategoryDocument>().exec();
  }

  /** Every category (of one tier, when given) in tree order: see `orderAsTree`. One query. */
  async list(tier?: CategoryTier | null): Promise<CategoryDocument[]> {
    const categories = await CategoryModel.find(tier ? { tier } : {})
      .lean<CategoryDocument[]>()
      .exec();
    return orderAsTree(categories);
  }

  /**
   * The given categories and all their descendants (ids that name no category are dropped). The
   * category tree is small, so its edges are read in one query and walked in memory.
   */
  async withDescendants(categoryIds: Types.ObjectId[]): Promise<Types.ObjectId[]> {
    if (categoryIds.length === 0) return [];
    const edges = await CategoryModel.find({}, { _id: 1, parentId: 1 }).lean<Array<Pick<CategoryDocument, '_id' | 'parentId'>>>().exec();
    const childrenByParent = new Map<string, Types.ObjectId[]>();
    const known = new Set<string>();
    for (const { _id, parentId } of edges) {
      known.add(String(_id));
      if (parentId) childrenByParent.set(String(parentId), [...(childrenByParent.get(String(parentId)) ?? []), _id]);
    }
    const found = new Map<string, Types.ObjectId>();
    const pending = categoryIds.filter((id) => known.has(String(id)));
    while (pending.length > 0) {
      const id = pending.pop()!;
      if (found.has(String(id))) continue;
      found.set(String(id), id);
      pending.push(...(childrenByParent.get(String(id)) ?? []));
    }
    return [...found.values()];
  }

  async create(input: CreateCategoryInput): Promise<CategoryWriteResult> {
    const userErrors = validateFields(input);
    let parentId: Types.ObjectId | null = null;
    if (input.parentId != null) {
      parentId = tryGlobalId(input.parentId, ['Category']);
      if (!parentId || !(await CategoryModel.exists({ _id: parentId }))) userErrors.push(unknownParent());
    }
    if (checkSlug(input.slug, []).length === 0 && (await CategoryModel.exists({ slug: input.slug }))) userErrors.push(duplicateSlug());
    if (userErrors.length > 0) return { category: null, userErrors };
    try {
      const created = await CategoryModel.create({
        slug: input.slug,
        name: input.name.trim(),
        description: input.description ?? '',
        tier: input.tier,
        parentId,
        position: input.position ?? (await nextPosition(parentId)),
      });
      await this.changes.emit({ type: 'Category', ids: [created._id] });
      return { category: created.toObject<CategoryDocument>(), userErrors: [] };
    } catch (error) {
      if (isDuplicateKeyError(error)) return { category: null, userErrors: [duplicateSlug()] };
      throw error;
    }
  }

  async update(input: UpdateCategoryInput): Promise<CategoryWriteResult> {
    const id = tryGlobalId(input.id, ['Category']);
    const existing = id ? await CategoryModel.findById(id).lean<CategoryDocument>().exec() : null;
    if (!id || !existing) return { category: null, userErrors: [notFound()] };
    const userErrors = validateFields(input);
    if (
      input.slug != null &&
      input.slug !== existing.slug &&
      checkSlug(input.slug, []).length === 0 &&
      (await CategoryModel.exists({ slug: input.slug }))
    ) {
      userErrors.push(duplicateSlug());
    }
    let newParentId: Types.ObjectId | null | undefined;
    if (input.parentId === null) {
      newParentId = null;
    } else if (input.parentId !== undefined) {
      newParentId = tryGlobalId(input.parentId, ['Category']);
      if (!newParentId) userErrors.push(unknownParent());
      else userErrors.push(...(await checkParentKeepsTree(id, newParentId)));
    }
    if (userErrors.length > 0) return { category: null, userErrors };

    const changes: Record<string, unknown> = {};
    if (input.slug != null) changes.slug = input.slug;
    if (input.name != null) changes.name = input.name.trim();
    if (input.description != null) changes.description = input.description;
    if (input.tier != null) changes.tier = input.tier;
    if (input.position != null) changes.position = input.position;
    if (newParentId !== undefined && String(newParentId) !== String(existing.parentId ?? null)) {
      changes.parentId = newParentId;
      // Moved under a new parent without a position: it goes last among its new siblings.
      if (input.position == null) changes.position = await nextPosition(newParentId);
    }
    try {
      const updated = await CategoryModel.findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after' })
        .lean<CategoryDocument>()
        .exec();
      await this.changes.emit({ type: 'Category', ids: [id] });
      return updated ? { category: updated, userErrors: [] } : { category: null, userErrors: [notFound()] };
    } catch (error) {
      if (isDuplicateKeyError(error)) return { category: null, userErrors: [duplicateSlug()] };
      throw error;
    }
  }

  async delete(input: DeleteCategoryInput): Promise<{ deletedId: Types.ObjectId | null; userErrors: UserError[] }> {
    const id = tryGlobalId(input.id, ['Category']);
    if (!id || !(await CategoryModel.exists({ _id: id }))) return { deletedId: null, userErrors: [notFound()] };
    const [skillCount, childCount] = await Promise.all([
      SkillModel.countDocuments({ categoryId: id }).exec(),
      CategoryModel.countDocuments({ parentId: id }).exec(),
    ]);
    const userErrors: UserError[] = [];
    if (skillCount > 0)
      userErrors.push(
        userError(['input', 'id'], UserErrorCode.IN_USE, `${skillCount} skills still belong to this category; move or delete them first.`),
      );
    if (childCount > 0)
      userErrors.push(
        userError(
          ['input', 'id'],
          UserErrorCode.IN_USE,
          `${childCount} sub-categories still belong to this category; move or delete them first.`,
        ),
      );
    if (userErrors.length > 0) return { deletedId: null, userErrors };
    await CategoryModel.deleteOne({ _id: id }).exec();
    await this.changes.emit({ type: 'Category', ids: [id] });
    return { deletedId: id, userErrors: [] };
  }
}

/**
 * Orders categories as a tree, parents before children: top-level categories by tier
 * (FOUNDATION, ADVANCED, SOFT_SKILLS), then position, then name; each followed depth-first by its
 * sub-categories ordered by position, then name. A category whose parent is not in the list counts as
 * top-level, so a tier-filtered list keeps every category it matched.
 */
export function orderAsTree<TCategory extends Pick<CategoryDocument, '_id' | 'parentId' | 'tier' | 'position' | 'name'>>(
  categories: TCategory[],
): TCategory[] {
  const ids = new Set(categories.map((category) => String(category._id)));
  const bySiblingOrder = (a: TCategory, b: TCategory) =>
    (a.position ?? 0) - (b.position ?? 0) || a.name.localeCompare(b.name) || String(a._id).localeCompare(String(b._id));
  const tierRank = (category: TCategory) => TIER_RANK.get(category.tier) ?? TIER_RANK.size;
  const childrenByParent = new Map<string, TCategory[]>();
  const roots: TCategory[] = [];
  for (const category of categories) {
    const parentKey = category.parentId ? String(category.parentId) : null;
    if (parentKey && ids.has(parentKey)) childrenByParent.set(parentKey, [...(childrenByParent.get(parentKey) ?? []), category]);
    else roots.push(category);
  }
  roots.sort((a, b) => tierRank(a) - tierRank(b) || bySiblingOrder(a, b));
  const ordered: TCategory[] = [];
  const visited = new Set<string>();
  const visit = (category: TCategory) => {
    if (visited.has(String(category._id))) return;
    visited.add(String(category._id));
    ordered.push(category);
    for (const child of (childrenByParent.get(String(category._id)) ?? []).sort(bySiblingOrder)) visit(child);
  };
  roots.forEach(visit);
  // Only a corrupted tree (a parent cycle) leaves categories unvisited; list them rather than lose them.
  categories.filter((category) => !visited.has(String(category._id))).forEach(visit);
  return ordered;
}

/** The new parent must exist and must not be the category itself or one of its descendants. */
async function checkParentKeepsTree(categoryId: Types.ObjectId, newParentId: Types.ObjectId): Promise<UserError[]> {
  const edges = await CategoryModel.find({}, { _id: 1, parentId: 1 }).lean<Array<Pick<CategoryDocument, '_id' | 'parentId'>>>().exec();
  const parentOf = new Map(edges.map(({ _id, parentId }) => [String(_id), parentId ? String(parentId) : null]));
  if (!parentOf.has(String(newParentId))) return [unknownParent()];
  const seen = new Set<string>();
  for (let ancestor: string | null | undefined = String(newParentId); ancestor && !seen.has(ancestor); ancestor = parentOf.get(ancestor)) {
    if (ancestor === String(categoryId)) {
      return [
        userError(
          ['input', 'parentId'],
          UserErrorCode.INVALID,
          'A category cannot be placed under itself or one of its own sub-categories.',
        ),
      ];
    }
    seen.add(ancestor);
  }
  return [];
}

async function nextPosition(parentId: Types.ObjectId | null): Promise<number> {
  const last = await CategoryModel.findOne({ parentId }, { position: 1 })
    .sort({ position: -1 })
    .lean<Pick<CategoryDocument, 'position'>>()
    .exec();
  return last ? Math.min((last.position ?? 0) + 1, MAX_POSITION) : 0;
}

function validateFields(input: Partial<Pick<CreateCategoryInput, 'slug' | 'name' | 'description' | 'position'>>): UserError[] {
  return [
    ...checkSlug(input.slug, ['input', 'slug']),
    ...checkText(input.name, ['input', 'name'], { nonEmpty: true, max: 200 }),
    ...checkText(input.description, ['input', 'description'], { max: 5000 }),
    ...checkNumberRange(input.position, ['input', 'position'], 0, MAX_POSITION),
  ];
}

function notFound(): UserError {
  return userError(['input', 'id'], UserErrorCode.NOT_FOUND, 'No category has this id.');
}

function unknownParent(): UserError {
  return userError(['input', 'parentId'], UserErrorCode.NOT_FOUND, 'No category has this id.');
}

function duplicateSlug(): UserError {
  return userError(['input', 'slug'], UserErrorCode.DUPLICATE, 'Another category already uses this slug.');
}

// Registers the service as `context.services.categories`; src/app/services.ts builds it (see src/core/services.ts).
declare module '../../core/services' {
  interface Services {
    /** The category taxonomy: lists, look-ups by slug, admin writes. */
    categories: CategoryService;
  }
}
