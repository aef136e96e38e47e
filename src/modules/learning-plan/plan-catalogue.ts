import { Types } from 'mongoose';
import { now } from '../../core/clock';
import { EventTime } from '../resource/event-time';
import { eventTimeCondition } from '../resource/event-time';
import { ResourceModel } from '../resource/resource.model';
import type { ResourceKindValue } from '../resource/resource-kinds';
import { RoleModel, type RoleDocument } from '../role/role.model';
import { SkillModel } from '../skill/skill.model';
import type { PlanCandidate, PlanConstraints, PlanSkill } from './plan-model';
import type { PlanConstraintName } from './plan-result';

/** Candidates kept per skill: the surest links first; the planner scores these. */
export const CANDIDATES_PER_SKILL = 40;
/** Confidence of a link stored before the matcher recorded one (admin links and older feeds). */
const CONFIDENCE_OF_UNSCORED_LINK = 0.75;

/** The whole skill graph (about a hundred skills), by name: names, aliases and both kinds of prerequisite edge. One query. */
export async function readPlanSkills(): Promise<Map<string, PlanSkill>> {
  const skills = await SkillModel.find(
    {},
    { slug: 1, name: 1, nameKey: 1, matchKeys: 1, prerequisiteIds: 1, recommendedPrerequisiteIds: 1 },
  )
    .sort({ nameKey: 1, _id: 1 })
    .lean<
      Array<{
        _id: Types.ObjectId;
        slug: string;
        name: string;
        matchKeys?: string[];
        prerequisiteIds?: Types.ObjectId[];
        recommendedPrerequisiteIds?: Types.ObjectId[];
      }>
    >()
    .exec();
  return new Map(
    skills.map((skill) => [
      String(skill._id),
      {
        id: String(skill._id),
        slug: skill.slug,
        name: skill.name,
        matchKeys: skill.matchKeys ?? [],
        requiredPrerequisiteIds: (skill.prerequisiteIds ?? []).map(String),
        recommendedPrerequisiteIds: (skill.recommendedPrerequisiteIds ?? []).map(String),
      },
    ]),
  );
}

/** A role by slug or by id. One query. */
export async function readPlanRole(slugOrId: { slug: string } | { id: Types.ObjectId }): Promise<RoleDocument | null> {
  const filter = 'slug' in slugOrId ? { slug: slugOrId.slug } : { _id: slugOrId.id };
  return RoleModel.findOne(filter, { slug: 1, title: 1, requiredSkills: 1, additionalSkills: 1, requirementGroups: 1 })
    .lean<RoleDocument>()
    .exec();
}

/** What every candidate must be: listed (not retired), and an event only when it is still to come. */
function listedCondition(): Record<string, unknown>[] {
  return [{ retiredAt: null }, eventTimeCondition(EventTime.UPCOMING, now()) ?? {}];
}

/** The per-resource constraints as a MongoDB filter (values typed and checked by the caller: no operator can come in). */
function constraintConditions(constraints: PlanConstraints): Record<string, unknown>[] {
  const conditions: Record<string, unknown>[] = [{ kind: { $in: [...constraints.kinds] } }];
  if (constraints.freeOnly) conditions.push({ pricing: 'FREE' });
  if (constraints.budget)
    conditions.push({
      $or: [
        { pricing: 'FREE' },
        { pricing: 'PAID', priceCurrency: constraints.budget.currency, priceAmount: { $lte: constraints.budget.amount } },
      ],
    });
  if (constraints.languages) conditions.push({ language: { $in: [...constraints.languages] } });
  if (constraints.providerIds) conditions.push({ providerId: { $in: constraints.providerIds.map((id) => new Types.ObjectId(id)) } });
  if (constraints.levels) conditions.push({ level: { $in: [...constraints.levels] } });
  return conditions;
}

/** The fields `toCandidate` reads, and the links. */
const CANDIDATE_FIELDS = Object.fromEntries(
  [
    'kind',
    'title',
    'level',
    'pricing',
    'priceAmount',
    'priceCurrency',
    'language',
    'ratingAverage',
    'ratingCount',
    'durationMinutes',
    'durationRange',
    'urlKey',
    'prerequisiteUrlKeys',
    'startDate',
    'endDate',
    // Whole: mongo-java-server mishandles a projection of paths inside an array of documents ('skills.skillId').
    'skills',
  ].map((field) => [field, 1]),
);

interface CandidateRow {
  _id: Types.ObjectId;
  candidates: Array<
    Omit<PlanCandidate, 'id' | 'price' | 'startDate' | 'endDate' | 'prerequisiteUrlKeys' | 'confidence'> & {
      _id: Types.ObjectId;
      priceAmount?: number | null;
      priceCurrency?: string | null;
      startDate?: Date | null;
      endDate?: Date | null;
      prerequisiteUrlKeys?: string[] | null;
      confidence?: number | null;
    }
  >;
}

/**
 * For each skill, the `CANDIDATES_PER_SKILL` resources with the surest links to it (then the best
 * rated, then by id) among those passing the constraints. One aggregation, whatever the number of skills.
 */
export async function readCandidates(skillIds: readonly string[], constraints: PlanConstraints): Promise<Map<string, PlanCandidate[]>> {
  const byId = skillIds.map((id) => new Types.ObjectId(id));
  if (byId.length === 0) return new Map();
  const rows = await ResourceModel.aggregate<CandidateRow>([
    { $match: { $and: [{ skillIds: { $in: byId } }, ...listedCondition(), ...constraintConditions(constraints)] } },
    // Only what a candidate needs before the documents are copied once per skill: a stored resource is three quarters search tokens.
    { $project: CANDIDATE_FIELDS },
    { $unwind: '$skills' },
    { $match: { 'skills.skillId': { $in: byId } } },
    { $sort: { 'skills.skillId': 1, 'skills.confidence': -1, ratingAverage: -1, _id: 1 } },
    {
      $group: {
        _id: '$skills.skillId',
        candidates: {
          $push: {
            _id: '$_id',
            kind: '$kind',
            title: '$title',
            level: '$level',
            pricing: '$pricing',
            priceAmount: '$priceAmount',
            priceCurrency: '$priceCurrency',
            language: '$language',
            ratingAverage: '$ratingAverage',
            ratingCount: '$ratingCount',
            durationMinutes: '$durationMinutes',
            durationRange: '$durationRange',
            urlKey: '$urlKey',
            prerequisiteUrlKeys: '$prerequisiteUrlKeys',
            startDate: '$startDate',
            endDate: '$endDate',
            confidence: '$skills.confidence',
          },
        },
      },
    },
    { $project: { candidates: { $slice: ['$candidates', CANDIDATES_PER_SKILL] } } },
  ]).exec();
  return new Map(rows.map((row) => [String(row._id), row.candidates.map(toCandidate)]));
}

function toCandidate(row: CandidateRow['candidates'][number]): PlanCandidate {
  const pricing = row.pricing ?? 'UNKNOWN';
  return {
    id: String(row._id),
    kind: row.kind,
    title: row.title,
    level: row.level ?? null,
    pricing,
    price:
      pricing === 'PAID' && row.priceAmount != null && row.priceCurrency ? { amount: row.priceAmount, currency: row.priceCurrency } : null,
    language: row.language ?? null,
    ratingAverage: row.ratingAverage ?? null,
    ratingCount: row.ratingCount ?? null,
    durationMinutes: row.durationMinutes ?? null,
    durationRange: row.durationRange ? { minMinutes: row.durationRange.minMinutes, maxMinutes: row.durationRange.maxMinutes } : null,
    confidence: row.confidence ?? CONFIDENCE_OF_UNSCORED_LINK,
    urlKey: row.urlKey ?? null,
    prerequisiteUrlKeys: row.prerequisiteUrlKeys ?? [],
    startDate: row.startDate ? new Date(row.startDate).toISOString() : null,
    endDate: row.endDate ? new Date(row.endDate).toISOString() : null,
  };
}

interface ResourceSpread {
  _id: Types.ObjectId;
  kinds: ResourceKindValue[];
  pricings: string[];
  paid: Array<{ currency?: string | null; amount?: number | null }>;
  languages: Array<string | null>;
  providers: Types.ObjectId[];
  levels: Array<string | null>;
}

/**
 * For skills left with no candidate: which constraints, each on its own, leave none of their listed
 * resources ([] when only the constraints together do). Skills with no listed resource at all are
 * absent. One aggregation.
 */
export async function readBlockingConstraints(
  skillIds: readonly string[],
  constraints: PlanConstraints,
): Promise<Map<string, PlanConstraintName[]>> {
  if (skillIds.length === 0) return new Map();
  const byId = skillIds.map((id) => new Types.ObjectId(id));
  const rows = await ResourceModel.aggregate<ResourceSpread>([
    { $match: { $and: [{ skillIds: { $in: byId } }, ...listedCondition()] } },
    { $project: { kind: 1, pricing: 1, priceCurrency: 1, priceAmount: 1, language: 1, providerId: 1, level: 1, skills: 1 } },
    { $unwind: '$skills' },
    { $match: { 'skills.skillId': { $in: byId } } },
    {
      $group: {
        _id: '$skills.skillId',
        kinds: { $addToSet: '$kind' },
        pricings: { $addToSet: '$pricing' },
        paid: { $addToSet: { currency: '$priceCurrency', amount: '$priceAmount' } },
        languages: { $addToSet: '$language' },
        providers: { $addToSet: '$providerId' },
        levels: { $addToSet: '$level' },
      },
    },
  ]).exec();
  return new Map(rows.map((row) => [String(row._id), blockingConstraintsOf(row, constraints)]));
}

function blockingConstraintsOf(spread: ResourceSpread, constraints: PlanConstraints): PlanConstraintName[] {
  const names: PlanConstraintName[] = [];
  const meets = (values: ReadonlyArray<string | null>, allowed: readonly string[] | null) =>
    allowed === null || values.some((value) => value !== null && allowed.includes(value));
  if (!meets(spread.kinds, constraints.kinds)) names.push('KINDS');
  if (constraints.freeOnly && !spread.pricings.includes('FREE')) names.push('FREE_ONLY');
  const budget = constraints.budget;
  if (
    budget &&
    !spread.pricings.includes('FREE') &&
    !spread.paid.some((price) => price.currency === budget.currency && price.amount != null && price.amount <= budget.amount)
  )
    names.push('BUDGET');
  if (!meets(spread.languages, constraints.languages)) names.push('LANGUAGES');
  if (!meets(spread.providers.map(String), constraints.providerIds)) names.push('PROVIDERS');
  if (!meets(spread.levels, constraints.levels)) names.push('LEVELS');
  return names;
}
