import type { PipelineStage, Types } from 'mongoose';
import { BadUserInputError } from '../../core/errors';
import { now as clockNow } from '../../core/clock';
import {
  DEFAULT_EVENT_TIME,
  EventTime,
  eventTimeExpression,
  isPastEventExpression,
  isUpcomingEventExpression,
} from '../resource/event-time';
import { buildResourceFilter } from '../resource/resource.filter';
import type { ResourceFilter } from '../resource/resource.input';
import { lagTolerantRead } from '../../core/mongo';
import { ResourceModel, type ResourceKindValue } from '../resource/resource.model';
import { RoleModel, type RoleDocument } from '../role/role.model';
import { requirementsOf } from '../role/role-requirements';
import { SkillModel, type SkillDocument } from '../skill/skill.model';
import { OccupationService } from '../occupation/occupation.service';
import { CatalogDimension } from './analytics.type';
import { coverageShortfalls, type CoverageShortfall } from './skill-coverage-target';
import { skillsNamedInTitles } from './skill-mentions';

export const DEFAULT_STATS_ROWS = 100;
export const MAX_STATS_ROWS = 1000;
export const DEFAULT_EVENT_MONTHS = 6;
export const MAX_EVENT_MONTHS = 24;

/** A `catalogStats` row before GraphQL: references by hex id, for the loaders. */
export interface CatalogStatsRowResult {
  providerId: string | null;
  skillId: string | null;
  categoryId: string | null;
  kind: string | null;
  level: string | null;
  language: string | null;
  month: string | null;
  count: number;
  shareFree: number;
  freeResources: number;
  paidResources: number;
  unknownPriceResources: number;
  shareFreeOfKnown: number | null;
  minPrice: number | null;
  avgPrice: number | null;
  maxPrice: number | null;
  avgRating: number | null;
  totalHours: number;
  hours: number | null;
  resourcesWithDuration: number;
  upcomingEvents: number;
  pastEvents: number;
}

/** Counts of one skill (or one skill and kind) under `eventTime`, with upcoming and past events counted apart. */
interface CoverageCounts {
  resources: number;
  freeResources: number;
  unknownPriceResources: number;
  upcomingEvents: number;
  pastEvents: number;
}

export interface SkillCoverageArgs {
  /** Count only resources matching it. */
  filter?: ResourceFilter | null;
  /** Only the rows of skills short of the coverage target. */
  shortfallsOnly?: boolean | null;
  /** Only skills the article names (true) or does not name (false). */
  fromArticle?: boolean | null;
  /** Only skills O*NET marks (true) or does not mark (false) Hot Technology in some occupation of the roles. */
  hotTechnology?: boolean | null;
  /** Only skills O*NET marks (true) or does not mark (false) In Demand in some occupation of the roles. */
  inDemand?: boolean | null;
}

export interface SkillCoverageResult {
  skills: Array<
    CoverageCounts & {
      skill: SkillDocument;
      nonEventResources: number;
      freeNonEventResources: number;
      shortfalls: CoverageShortfall[];
      hotTechnology: boolean;
      inDemand: boolean;
      byKind: Array<{ kind: string; resources: number; freeResources: number; unknownPriceResources: number }>;
    }
  >;
  skillsWithoutResources: SkillDocument[];
  skillsWithoutFreeResources: SkillDocument[];
  /** How many of the skills reported on fall short of the coverage target. */
  skillsShortOfTarget: number;
}

export interface RoleCoverageResult {
  role: RoleDocument;
  skills: Array<
    CoverageCounts & {
      skillId: string;
      required: boolean;
      level: string;
      weight: number;
      totalHours: number;
      hours: number | null;
      resourcesWithDuration: number;
    }
  >;
  requiredSkillsCovered: number;
  requiredSkillsCoveredFree: number;
  requiredRequirementsCovered: number;
  requiredRequirementsCoveredFree: number;
}

export interface UpcomingEventsRowResult {
  month: string;
  skillId: string | null;
  events: number;
  onlineEvents: number;
  freeEvents: number;
  unknownPriceEvents: number;
}

/** The `$group` key expression of each dimension, over the stages `catalogStats` builds. */
const GROUP_KEYS: Record<CatalogDimension, unknown> = {
  [CatalogDimension.PROVIDER]: '$providerId',
  [CatalogDimension.KIND]: '$kind',
  [CatalogDimension.LEVEL]: '$level',
  [CatalogDimension.SKILL]: '$skillIds',
  [CatalogDimension.CATEGORY]: '$categoryId',
  [CatalogDimension.LANGUAGE]: '$language',
  [CatalogDimension.MONTH]: { $dateToString: { format: '%Y-%m', date: '$createdAt' } },
};

/** The kind the coverage target does not count: an event is over in days, a learner cannot start it at will. */
const EVENT_KIND: ResourceKindValue = 'EVENT';

const SKILLS_COLLECTION = () => SkillModel.collection.collectionName;

/** The distinct skills of a resource: a feed may list one twice, and it must count once. */
const DISTINCT_SKILL_IDS = { $setUnion: [{ $ifNull: ['$skillIds', []] }, []] };

const roundTo = (value: number | null | undefined, digits: number): number | null =>
  value == null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

const countIf = (condition: unknown) => ({ $sum: { $cond: [condition, 1, 0] } });

/** Hours from a sum of minutes. */
const hoursOf = (minutes: number | null | undefined) => roundTo((minutes ?? 0) / 60, 1) ?? 0;

/** Hours from a sum of minutes over `known` resources: null when no duration was known (unknown is not 0). */
const knownHoursOf = (minutes: number | null | undefined, known: number) => (known > 0 ? hoursOf(minutes) : null);

const isFree = { $eq: ['$pricing', 'FREE'] };
const isPaid = { $eq: ['$pricing', 'PAID'] };
/** Neither known free nor known paid (a record from before `pricing` existed counts as unknown unless free). */
const isUnknownPrice = { $and: [{ $ne: ['$pricing', 'FREE'] }, { $ne: ['$pricing', 'PAID'] }, { $ne: ['$free', true] }] };
const hasDuration = { $ne: [{ $ifNull: ['$durationMinutes', null] }, null] };

/** The `$group` accumulators of coverage figures: resources `eventTime` counts, and upcoming and past events apart. */
function coverageAccumulators(eventTime: EventTime, now: Date) {
  const counted = eventTimeExpression(eventTime, now);
  return {
    resources: countIf(counted),
    freeResources: countIf({ $and: [counted, { $or: [isFree, { $eq: ['$free', true] }] }] }),
    unknownPriceResources: countIf({ $and: [counted, isUnknownPrice] }),
    upcomingEvents: countIf(isUpcomingEventExpression(now)),
    pastEvents: countIf(isPastEventExpression(now)),
  };
}

/** The fields coverage figures read. */
const COVERAGE_FIELDS = { kind: 1, pricing: 1, free: 1, startDate: 1, endDate: 1 };

/**
 * Aggregates over the catalogue for analysts. Every method is ONE aggregation, or a fixed few
 * queries, whatever the size of the catalogue; references (providers, skills, categories) are
 * returned as ids and resolved by the request's loaders (one batched query per type selected).
 */
export class AnalyticsService {
  constructor(private readonly occupations: OccupationService = new OccupationService()) {}

  /**
   * Resources matching `filter`, grouped by the `groupBy` dimensions, with counts, share free, price
   * range and average, average rating and total hours; largest groups first, at most `first` rows.
   */
  async catalogStats(args: {
    groupBy: CatalogDimension[];
    filter?: ResourceFilter | null;
    first?: number | null;
  }): Promise<CatalogStatsRowResult[]> {
    const dimensions = [...new Set(args.groupBy)];
    if (dimensions.length === 0) throw new BadUserInputError('"groupBy" must name at least one dimension.', 'groupBy');
    const first = args.first ?? DEFAULT_STATS_ROWS;
    if (!Number.isInteger(first) || first < 1 || first > MAX_STATS_ROWS) {
      throw new BadUserInputError(`"first" must be between 1 and ${MAX_STATS_ROWS}, got ${first}.`, 'first');
    }
    const bySkill = dimensions.includes(CatalogDimension.SKILL);
    const now = clockNow();
    const byCategory = dimensions.includes(CatalogDimension.CATEGORY);

    const pipeline: PipelineStage[] = [
      { $match: buildResourceFilter(args.filter) },
      {
        $project: {
          providerId: 1,
          kind: 1,
          level: 1,
          language: 1,
          free: 1,
          pricing: 1,
          priceAmount: 1,
          ratingAverage: 1,
          durationMinutes: 1,
          startDate: 1,
          endDate: 1,
          createdAt: 1,
          // Distinct for SKILL rows; as stored for the CATEGORY look-up (mongo-java-server's `$lookup`
          // misses on an array built by `$setUnion`), whose categories are made distinct afterwards.
          skillIds: bySkill ? DISTINCT_SKILL_IDS : 1,
        },
      },
    ];
    if (bySkill) {
      // One row per (resource, skill); a resource teaching no skill keeps one row with no skill.
      pipeline.push({ $unwind: { path: '$skillIds', preserveNullAndEmptyArrays: true } });
      if (byCategory) {
        pipeline.push(
          { $lookup: { from: SKILLS_COLLECTION(), localField: 'skillIds', foreignField: '_id', as: 'skillDocuments' } },
          { $addFields: { categoryId: { $arrayElemAt: ['$skillDocuments.categoryId', 0] } } },
        );
      }
    } else if (byCategory) {
      // One row per (resource, category): two skills of one category count the resource once.
      pipeline.push(
        { $lookup: { from: SKILLS_COLLECTION(), localField: 'skillIds', foreignField: '_id', as: 'skillDocuments' } },
        { $addFields: { categoryId: { $setUnion: ['$skillDocuments.categoryId', []] } } },
        { $unwind: { path: '$categoryId', preserveNullAndEmptyArrays: true } },
      );
    }
    pipeline.push(
      {
        $group: {
          _id: Object.fromEntries(dimensions.map((dimension) => [dimension, GROUP_KEYS[dimension]])),
          count: { $sum: 1 },
          free: countIf({ $eq: ['$free', true] }),
          paid: countIf(isPaid),
          unknownPrice: countIf(isUnknownPrice),
          // $min/$max/$avg skip missing and null values: free and unpriced resources do not count as 0.
          minPrice: { $min: '$priceAmount' },
          avgPrice: { $avg: '$priceAmount' },
          maxPrice: { $max: '$priceAmount' },
          avgRating: { $avg: '$ratingAverage' },
          minutes: { $sum: '$durationMinutes' },
          withDuration: countIf(hasDuration),
          upcomingEvents: countIf(isUpcomingEventExpression(now)),
          pastEvents: countIf(isPastEventExpression(now)),
        },
      },
      { $sort: { count: -1, _id: 1 } },
      { $limit: first },
    );
    const rows = (await ResourceModel.aggregate(pipeline).read(lagTolerantRead()).exec()) as Array<{
      _id: Partial<Record<CatalogDimension, Types.ObjectId | string | null>>;
      count: number;
      free: number;
      paid: number;
      unknownPrice: number;
      minPrice: number | null;
      avgPrice: number | null;
      maxPrice: number | null;
      avgRating: number | null;
      minutes: number | null;
      withDuration: number;
      upcomingEvents: number;
      pastEvents: number;
    }>;
    const idOf = (value: Types.ObjectId | string | null | undefined) => (value == null ? null : String(value));
    const valueOf = (value: unknown) => (value == null ? null : (value as string));
    return rows.map((row) => ({
      providerId: idOf(row._id.PROVIDER),
      skillId: idOf(row._id.SKILL),
      categoryId: idOf(row._id.CATEGORY),
      kind: valueOf(row._id.KIND),
      level: valueOf(row._id.LEVEL),
      language: valueOf(row._id.LANGUAGE),
      month: valueOf(row._id.MONTH),
      count: row.count,
      shareFree: roundTo(row.free / row.count, 4) ?? 0,
      freeResources: row.free,
      paidResources: row.paid,
      unknownPriceResources: row.unknownPrice,
      shareFreeOfKnown: row.free + row.paid === 0 ? null : roundTo(row.free / (row.free + row.paid), 4),
      minPrice: row.minPrice ?? null,
      avgPrice: roundTo(row.avgPrice, 2),
      maxPrice: row.maxPrice ?? null,
      avgRating: roundTo(row.avgRating, 2),
      totalHours: hoursOf(row.minutes),
      hours: knownHoursOf(row.minutes, row.withDuration),
      resourcesWithDuration: row.withDuration,
      upcomingEvents: row.upcomingEvents,
      pastEvents: row.pastEvents,
    }));
  }

  /**
   * Resources per skill and kind (of those matching `filter`; events as `filter.eventTime` says,
   * upcoming by default), upcoming and past events apart, the skills with no resource or no free one,
   * and, per skill, whether it meets the coverage target (skill-coverage-target.ts) and O*NET's market
   * flags. `fromArticle`, `hotTechnology` and `inDemand` choose the skills reported on; `shortfallsOnly`
   * keeps only the rows of skills short of the target. Three queries, run together (the skills, one
   * aggregation over the resources, O*NET's flags per skill), and one more when some skill has no
   * resource: which of those any resource mentions.
   */
  async skillCoverage(args: SkillCoverageArgs = {}): Promise<SkillCoverageResult> {
    const now = clockNow();
    const eventTime = args.filter?.eventTime ?? DEFAULT_EVENT_TIME;
    const [allSkills, rows, marketFlags] = await Promise.all([
      SkillModel.find({}).sort({ nameKey: 1, _id: 1 }).lean<SkillDocument[]>().exec(),
      ResourceModel.aggregate([
        // Every event matches here, so past and upcoming ones are both counted; `resources` counts those `eventTime` asks for.
        { $match: buildResourceFilter({ ...args.filter, eventTime: EventTime.ANY }) },
        { $project: { ...COVERAGE_FIELDS, skillIds: DISTINCT_SKILL_IDS } },
        { $unwind: '$skillIds' },
        { $group: { _id: { skill: '$skillIds', kind: '$kind' }, ...coverageAccumulators(eventTime, now) } },
        { $sort: { '_id.kind': 1 } },
      ])
        .read(lagTolerantRead())
        .exec() as Promise<Array<CoverageCounts & { _id: { skill: Types.ObjectId; kind: string } }>>,
      this.occupations.marketFlagsBySkillId(),
    ]);
    const flagsOf = (skill: SkillDocument) => marketFlags.get(String(skill._id)) ?? { hotTechnology: false, inDemand: false };
    const skills = allSkills.filter(
      (skill) =>
        (args.fromArticle == null || (skill.fromArticle === true) === args.fromArticle) &&
        (args.hotTechnology == null || flagsOf(skill).hotTechnology === args.hotTechnology) &&
        (args.inDemand == null || flagsOf(skill).inDemand === args.inDemand),
    );
    const rowsOfSkill = new Map<string, Array<CoverageCounts & { kind: string }>>();
    for (const row of rows) {
      const key = String(row._id.skill);
      if (!rowsOfSkill.has(key)) rowsOfSkill.set(key, []);
      rowsOfSkill.get(key)!.push({ ...row, kind: row._id.kind });
    }
    const sum = (list: CoverageCounts[], field: keyof CoverageCounts) => list.reduce((total, row) => total + row[field], 0);
    const untaught = skills.filter((skill) => !(rowsOfSkill.get(String(skill._id)) ?? []).some((row) => row.resources > 0));
    const namedInTitles = untaught.length > 0 ? await skillsNamedInTitles(untaught, args.filter) : new Set<string>();
    const coverage = skills.map((skill) => {
      const kindRows = rowsOfSkill.get(String(skill._id)) ?? [];
      const nonEvent = kindRows.filter((row) => row.kind !== EVENT_KIND);
      const counts = {
        resources: sum(kindRows, 'resources'),
        nonEventResources: sum(nonEvent, 'resources'),
        freeNonEventResources: sum(nonEvent, 'freeResources'),
        mentioned: namedInTitles.has(String(skill._id)),
      };
      return {
        skill,
        resources: counts.resources,
        freeResources: sum(kindRows, 'freeResources'),
        unknownPriceResources: sum(kindRows, 'unknownPriceResources'),
        upcomingEvents: sum(kindRows, 'upcomingEvents'),
        pastEvents: sum(kindRows, 'pastEvents'),
        nonEventResources: counts.nonEventResources,
        freeNonEventResources: counts.freeNonEventResources,
        shortfalls: coverageShortfalls(counts),
        ...flagsOf(skill),
        byKind: kindRows
          .filter((row) => row.resources > 0)
          .map((row) => ({
            kind: row.kind,
            resources: row.resources,
            freeResources: row.freeResources,
            unknownPriceResources: row.unknownPriceResources,
          })),
      };
    });
    const short = coverage.filter((row) => row.shortfalls.length > 0);
    return {
      // Gaps first; the sort is stable, so equal counts stay in name order.
      skills: [...(args.shortfallsOnly ? short : coverage)].sort((left, right) => left.resources - right.resources),
      skillsWithoutResources: coverage.filter((row) => row.resources === 0).map((row) => row.skill),
      skillsWithoutFreeResources: coverage.filter((row) => row.resources > 0 && row.freeResources === 0).map((row) => row.skill),
      skillsShortOfTarget: short.length,
    };
  }

  /**
   * For each skill of the role (required first, in the role's order): resources teaching it (events
   * as `eventTime` says, upcoming by default), free ones, their known hours, and upcoming and past
   * events apart. Null when no role has the slug. Two queries: the role, one aggregation.
   */
  async roleCoverage(roleSlug: string, eventTime: EventTime = DEFAULT_EVENT_TIME): Promise<RoleCoverageResult | null> {
    const role = await RoleModel.findOne({ slug: roleSlug }).lean<RoleDocument>().exec();
    if (!role) return null;
    const now = clockNow();
    const listed = [
      ...role.requiredSkills.map((skill) => ({ ...skill, required: true })),
      ...role.additionalSkills.map((skill) => ({ ...skill, required: false })),
    ];
    const skillIds = [...new Map(listed.map((skill) => [String(skill.skillId), skill.skillId])).values()];
    const counted = eventTimeExpression(eventTime, now);
    const rows =
      skillIds.length === 0
        ? []
        : ((await ResourceModel.aggregate([
            // Listed resources only (`buildResourceFilter`: retired ones are history, not catalogue); every event, counted below.
            { $match: { ...buildResourceFilter({ eventTime: EventTime.ANY }), skillIds: { $in: skillIds } } },
            { $project: { ...COVERAGE_FIELDS, durationMinutes: 1, skillIds: DISTINCT_SKILL_IDS } },
            { $unwind: '$skillIds' },
            { $match: { skillIds: { $in: skillIds } } },
            {
              $group: {
                _id: '$skillIds',
                ...coverageAccumulators(eventTime, now),
                minutes: { $sum: { $cond: [counted, { $ifNull: ['$durationMinutes', 0] }, 0] } },
                withDuration: countIf({ $and: [counted, hasDuration] }),
              },
            },
          ])
            .read(lagTolerantRead())
            .exec()) as Array<CoverageCounts & { _id: Types.ObjectId; minutes: number; withDuration: number }>);
    const bySkill = new Map(rows.map((row) => [String(row._id), row]));
    const skills = listed.map((skill) => {
      const row = bySkill.get(String(skill.skillId));
      return {
        skillId: String(skill.skillId),
        required: skill.required,
        level: skill.level,
        weight: skill.weight,
        resources: row?.resources ?? 0,
        freeResources: row?.freeResources ?? 0,
        unknownPriceResources: row?.unknownPriceResources ?? 0,
        upcomingEvents: row?.upcomingEvents ?? 0,
        pastEvents: row?.pastEvents ?? 0,
        totalHours: hoursOf(row?.minutes),
        hours: knownHoursOf(row?.minutes, row?.withDuration ?? 0),
        resourcesWithDuration: row?.withDuration ?? 0,
      };
    });
    const required = skills.filter((skill) => skill.required);
    const shareOf = (count: number, total: number) => (total === 0 ? 0 : roundTo(count / total, 4)!);
    // A group ("at least one language") is met when `minimum` of its options are taught, not counted option by option.
    const requirements = requirementsOf(role).filter((requirement) => requirement.kind === 'REQUIRED');
    const requirementsMet = (taught: (skillId: string) => boolean) =>
      requirements.filter(
        (requirement) => requirement.options.filter((option) => taught(String(option.skillId))).length >= requirement.minimum,
      ).length;
    return {
      role,
      skills,
      requiredSkillsCovered: shareOf(required.filter((skill) => skill.resources > 0).length, required.length),
      requiredSkillsCoveredFree: shareOf(required.filter((skill) => skill.freeResources > 0).length, required.length),
      requiredRequirementsCovered: shareOf(
        requirementsMet((id) => (bySkill.get(id)?.resources ?? 0) > 0),
        requirements.length,
      ),
      requiredRequirementsCoveredFree: shareOf(
        requirementsMet((id) => (bySkill.get(id)?.freeResources ?? 0) > 0),
        requirements.length,
      ),
    };
  }

  /**
   * Events starting from `from` (default: today, UTC) to the end of the `months`-th calendar month
   * (the current one counts as the first), per month, and per skill when `bySkill`. One aggregation.
   * Without `bySkill`, months with no event are listed with zeros so a chart has no holes.
   */
  async upcomingEvents(
    args: { bySkill?: boolean | null; months?: number | null; from?: Date | null },
    now: Date = clockNow(),
  ): Promise<UpcomingEventsRowResult[]> {
    const months = args.months ?? DEFAULT_EVENT_MONTHS;
    if (!Number.isInteger(months) || months < 1 || months > MAX_EVENT_MONTHS) {
      throw new BadUserInputError(`"months" must be between 1 and ${MAX_EVENT_MONTHS}, got ${months}.`, 'months');
    }
    const fromDay = args.from ?? now;
    const start = new Date(Date.UTC(fromDay.getUTCFullYear(), fromDay.getUTCMonth(), fromDay.getUTCDate()));
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
    const bySkill = args.bySkill ?? true;

    const pipeline: PipelineStage[] = [
      // The window is the caller's (`from` may be in the past): every event starting in it, not only upcoming ones.
      { $match: { ...buildResourceFilter({ eventTime: EventTime.ANY }), kind: 'EVENT', startDate: { $gte: start, $lt: end } } },
    ];
    if (bySkill)
      pipeline.push(
        { $project: { startDate: 1, online: 1, free: 1, pricing: 1, skillIds: DISTINCT_SKILL_IDS } },
        { $unwind: { path: '$skillIds', preserveNullAndEmptyArrays: true } },
      );
    pipeline.push(
      {
        $group: {
          _id: { month: { $dateToString: { format: '%Y-%m', date: '$startDate' } }, ...(bySkill ? { skill: '$skillIds' } : {}) },
          events: { $sum: 1 },
          onlineEvents: countIf({ $eq: ['$online', true] }),
          freeEvents: countIf({ $eq: ['$free', true] }),
          unknownPriceEvents: countIf(isUnknownPrice),
        },
      },
      { $sort: { '_id.month': 1, events: -1, '_id.skill': 1 } },
    );
    const rows = (await ResourceModel.aggregate(pipeline).read(lagTolerantRead()).exec()) as Array<{
      _id: { month: string; skill?: Types.ObjectId | null };
      events: number;
      onlineEvents: number;
      freeEvents: number;
      unknownPriceEvents: number;
    }>;
    const results = rows.map((row) => ({
      month: row._id.month,
      skillId: row._id.skill == null ? null : String(row._id.skill),
      events: row.events,
      onlineEvents: row.onlineEvents,
      freeEvents: row.freeEvents,
      unknownPriceEvents: row.unknownPriceEvents,
    }));
    if (bySkill) return results;
    const byMonth = new Map(results.map((row) => [row.month, row]));
    return Array.from({ length: months }, (_, offset) => {
      const month = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
      return byMonth.get(month) ?? { month, skillId: null, events: 0, onlineEvents: 0, freeEvents: 0, unknownPriceEvents: 0 };
    });
  }
}

// Registers the service as `context.services.analytics`; src/app/services.ts builds it (see src/core/services.ts).
declare module '../../core/services' {
  interface Services {
    /** Aggregates for analysts. */
    analytics: AnalyticsService;
  }
}
