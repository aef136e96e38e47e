import { Types } from 'mongoose';
import { noEntityChanges, type EntityChanges } from '../../core/entity-changes';
import { PageArgs, ConnectionResult, resolvePageSize } from '../../core/relay/connection';
import { findKeysetPage } from '../../core/relay/keyset-pagination';
import { tryGlobalId } from '../../core/relay/global-id';
import { UserError, UserErrorCode, userError } from '../../core/user-errors';
import { checkHttpUrl, checkSlug, checkText, isDuplicateKeyError } from '../../core/validation';
import { ResourceModel } from '../resource/resource.model';
import { ProviderDocument, ProviderModel } from './provider.model';
import type { CreateProviderInput, DeleteProviderInput, UpdateProviderInput } from './provider.input';
import type { ProviderKind } from './provider.type';

export interface ProviderWriteResult {
  provider: ProviderDocument | null;
  userErrors: UserError[];
}

const HOST_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Reads and writes providers. The only code that touches ProviderModel outside its loaders. */
export class ProviderService {
  constructor(private readonly changes: EntityChanges = noEntityChanges) {}

  async findBySlug(slug: string): Promise<ProviderDocument | null> {
    return ProviderModel.findOne({ slug }).lean<ProviderDocument>().exec();
  }

  /** Providers ordered by name, optionally of one kind. */
  async list(page: PageArgs, kind?: ProviderKind): Promise<ConnectionResult<ProviderDocument>> {
    return findKeysetPage<ProviderDocument>(ProviderModel, {
      orderingName: 'NAME',
      sortPath: 'nameKey',
      direction: 1,
      filter: kind ? { kind } : {},
      first: resolvePageSize(page.first),
      after: page.after,
    });
  }

  async create(input: CreateProviderInput): Promise<ProviderWriteResult> {
    const userErrors = this.validate(input, ['input']);
    if (userErrors.length === 0 && (await ProviderModel.exists({ slug: input.slug }))) {
      userErrors.push(duplicateSlug());
    }
    if (userErrors.length > 0) return { provider: null, userErrors };
    try {
      // Names are stored trimmed, as every other entity's: a leading space would also sort it first.
      const name = input.name.trim();
      const created = await ProviderModel.create({ ...input, name, nameKey: name.toLowerCase(), hosts: normaliseHosts(input.hosts) });
      await this.changes.emit({ type: 'Provider', ids: [created._id] });
      return { provider: created.toObject<ProviderDocument>(), userErrors: [] };
    } catch (error) {
      if (isDuplicateKeyError(error)) return { provider: null, userErrors: [duplicateSlug()] };
      throw error;
    }
  }

  async update(input: UpdateProviderInput): Promise<ProviderWriteResult> {
    const id = tryGlobalId(input.id, ['Provider']);
    if (!id) return { provider: null, userErrors: [notFound()] };
    const userErrors = this.validate(input, ['input']);
    if (userErrors.length > 0) return { provider: null, userErrors };
    const existing = await ProviderModel.findById(id).lean<ProviderDocument>().exec();
    if (!existing) return { provider: null, userErrors: [notFound()] };
    if (input.slug && input.slug !== existing.slug && (await ProviderModel.exists({ slug: input.slug }))) {
      return { provider: null, userErrors: [duplicateSlug()] };
    }
    const changes: Record<string, unknown> = {};
    for (const key of ['slug', 'name', 'kind', 'url', 'description'] as const) {
      if (input[key] != null) changes[key] = input[key];
    }
    if (input.name != null) {
      changes.name = input.name.trim();
      changes.nameKey = input.name.trim().toLowerCase();
    }
    if (input.hosts != null) changes.hosts = normaliseHosts(input.hosts);
    try {
      const updated = await ProviderModel.findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after' })
        .lean<ProviderDocument>()
        .exec();
      // The provider's name is a search term of its resources: a rename re-indexes them (a listener).
      await this.changes.emit({ type: 'Provider', ids: [id], renamed: updated !== null && input.name != null });
      return updated ? { provider: updated, userErrors: [] } : { provider: null, userErrors: [notFound()] };
    } catch (error) {
      if (isDuplicateKeyError(error)) return { provider: null, userErrors: [duplicateSlug()] };
      throw error;
    }
  }

  async delete(input: DeleteProviderInput): Promise<{ deletedId: Types.ObjectId | null; userErrors: UserError[] }> {
    const id = tryGlobalId(input.id, ['Provider']);
    if (!id || !(await ProviderModel.exists({ _id: id }))) return { deletedId: null, userErrors: [notFound()] };
    const resourceCount = await ResourceModel.countDocuments({ providerId: id }).exec();
    if (resourceCount > 0) {
      return {
        deletedId: null,
        userErrors: [
          userError(
            ['input', 'id'],
            UserErrorCode.IN_USE,
            `${resourceCount} resources still belong to this provider; delete or move them first.`,
          ),
        ],
      };
    }
    await ProviderModel.deleteOne({ _id: id }).exec();
    await this.changes.emit({ type: 'Provider', ids: [id] });
    return { deletedId: id, userErrors: [] };
  }

  private validate(input: Partial<CreateProviderInput>, path: string[]): UserError[] {
    const errors = [
      ...checkSlug(input.slug, [...path, 'slug']),
      ...checkText(input.name, [...path, 'name'], { nonEmpty: true, max: 200 }),
      ...checkHttpUrl(input.url, [...path, 'url']),
      ...checkText(input.description, [...path, 'description'], { max: 5000 }),
    ];
    (input.hosts ?? []).forEach((host, index) => {
      if (!HOST_PATTERN.test(host.trim().toLowerCase())) {
        errors.push(
          userError(
            [...path, 'hosts', String(index)],
            UserErrorCode.INVALID,
            `"${host.slice(0, 100)}" is not a host name such as "udemy.com".`,
          ),
        );
      }
    });
    return errors;
  }
}

function normaliseHosts(hosts: string[] | undefined): string[] {
  return [
    ...new Set(
      (hosts ?? []).map((host) =>
        host
          .trim()
          .toLowerCase()
          .replace(/^www\./, ''),
      ),
    ),
  ];
}

function notFound(): UserError {
  return userError(['input', 'id'], UserErrorCode.NOT_FOUND, 'No provider has this id.');
}

function duplicateSlug(): UserError {
  return userError(['input', 'slug'], UserErrorCode.DUPLICATE, 'Another provider already uses this slug.');
}

// Registers the service as `context.services.providers`; src/app/services.ts builds it (see src/core/services.ts).
declare module '../../core/services' {
  interface Services {
    /** Providers of learning resources: lists, look-ups by slug, admin writes. */
    providers: ProviderService;
  }
}
