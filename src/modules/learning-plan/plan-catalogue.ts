import { AsyncResource } from 'node:async_hooks';
import { Types } from 'mongoose';
import pLimit from 'p-limit';
import sift from 'sift';
import { ONE_BATCH } from '../../core/by-id-loader';
import { now } from '../../core/clock';
import { RateLimitedError } from '../../core/errors';
import { EventTime, eventTimeCondition } from '../resource/event-time';
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
    // The taxonomy has more skills (103) than a real mongod's first batch (101).
    .batchSize(ONE_BATCH)
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
const CANDIDATE_FIELDS = [
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
  // Whole: projecting only `skills.skillId` and `skills.confidence` was slower on mongo-java-server (bench/PLANS-REPORT.md).
  'skills',
];

type LinkedResource = Pick<CandidateDocument, '_id' | 'skills' | 'ratingAverage'>;

interface CandidateDocument {
  _id: Types.ObjectId;
  kind: PlanCandidate['kind'];
  title: string;
  level?: PlanCandidate['level'];
  pricing?: PlanCandidate['pricing'];
  priceAmount?: number | null;
  priceCurrency?: string | null;
  language?: string | null;
  ratingAverage?: number | null;
  ratingCount?: number | null;
  durationMinutes?: number | null;
  durationRange?: { minMinutes: number; maxMinutes: number } | null;
  urlKey?: string | null;
  prerequisiteUrlKeys?: string[] | null;
  startDate?: Date | null;
  endDate?: Date | null;
  skills?: Array<{ skillId: Types.ObjectId; confidence?: number | null }>;
}

/**
 * For each skill, the `CANDIDATES_PER_SKILL` resources with the surest links to it (then the best
 * rated, then by id) among those passing the constraints. Two queries, whatever the number of skills:
 * the links of every passing resource (a few bytes each: the scan sends little), then the chosen
 * resources by id. A sorting aggregation did it in one, at three to five times the time on a catalogue
 * of 100,000 (bench/PLANS-REPORT.md): sorting every link server-side cost more than the scan.
 */
export function readCandidates(skillIds: readonly string[], constraints: PlanConstraints): Promise<Map<string, PlanCandidate[]>> {
  if (skillIds.length === 0) return Promise.resolve(new Map<string, PlanCandidate[]>());
  if (candidateReads.activeCount + candidateReads.pendingCount >= MAX_WAITING_CANDIDATE_READS) {
    return Promise.reject(new RateLimitedError('Too many learning plans are being computed on this server at once; retry in a second.', 1));
  }
  // Bound to the caller's async context: a queued read runs later, from another read's completion, and
  // its commands must still count for (and tag) the request that asked.
  return candidateReads(AsyncResource.bind(() => readCandidatesNow(skillIds, constraints)));
}

/**
 * Candidate reads running at once in this process. Each holds the links of every resource linked to
 * the plan's skills until it has picked (a roadmap's 25,000 small documents at 100,000 resources: 12.6 MB
 * of heap, measured): distinct cold plans asked for together queue here rather than multiply that.
 */
export const MAX_CONCURRENT_CANDIDATE_READS = 4;
export const candidateReads = pLimit(MAX_CONCURRENT_CANDIDATE_READS);
/**
 * Reads running or queued beyond which a new one is refused with RATE_LIMITED (retry in 1 s) rather
 * than queued: a client sending many distinct cold plans must not make everyone else's wait without end.
 */
export const MAX_WAITING_CANDIDATE_READS = 32;

async function readCandidatesNow(skillIds: readonly string[], constraints: PlanConstraints): Promise<Map<string, PlanCandidate[]>> {
  const filter = {
    $and: [{ skillIds: { $in: skillIds.map((id) => new Types.ObjectId(id)) } }, ...listedCondition(), ...constraintConditions(constraints)],
  };
  // One reply, up to the server's 16 MB (~130,000 links): a real mongod's first batch is otherwise 101 documents.
  const linked = await ResourceModel.find(filter, { skills: 1, ratingAverage: 1 }).batchSize(ONE_BATCH).lean<LinkedResource[]>().exec();
  const surest = surestLinkedResources(linked, skillIds, CANDIDATES_PER_SKILL);
  const chosenIds = [...new Set([...surest.values()].flat())];
  if (chosenIds.length === 0) return new Map();
  // By id alone, which every server answers from the _id index (mongo-java-server scans for anything more).
  const documents = await ResourceModel.find(
    { _id: { $in: chosenIds.map((id) => new Types.ObjectId(id)) } },
    Object.fromEntries([...CANDIDATE_FIELDS, ...fieldsNamedIn(filter)].map((field) => [field, 1])),
  )
    .batchSize(ONE_BATCH)
    .lean<CandidateDocument[]>()
    .exec();
  // A resource written between the two reads is held to the same filter again, as it is now.
  const stillPassing = sift(filter);
  const byId = new Map(documents.filter((document) => stillPassing(document)).map((document) => [String(document._id), document]));
  const candidates = new Map<string, PlanCandidate[]>();
  for (const [skillId, resourceIds] of surest) {
    const list = resourceIds.flatMap((resourceId) => {
      const document = byId.get(resourceId);
      const link = document?.skills?.find((entry) => String(entry.skillId) === skillId);
      return document && link ? [toCandidate(document, link.confidence)] : [];
    });
    if (list.length > 0) candidates.set(skillId, list);
  }
  return candidates;
}

/** A link's confidence as the planner scores it: one recorded before the matcher counts as `CONFIDENCE_OF_UNSCORED_LINK`. */
function confidenceOf(recorded: number | null | undefined): number {
  return recorded ?? CONFIDENCE_OF_UNSCORED_LINK;
}

/**
 * For each of `skillIds` linked by any of `resources`, the ids of at most `limit` of them: the surest
 * link first, then the best rated (unrated last), then the smallest id. Skills with none are absent.
 */
export function surestLinkedResources(
  resources: readonly LinkedResource[],
  skillIds: readonly string[],
  limit: number,
): Map<string, string[]> {
  const wanted = new Set(skillIds);
  const links = new Map<string, Array<{ id: string; confidence: number; rating: number }>>();
  for (const resource of resources) {
    const id = String(resource._id);
    const rating = resource.ratingAverage ?? Number.NEGATIVE_INFINITY;
    for (const link of resource.skills ?? []) {
      const skillId = String(link.skillId);
      if (!wanted.has(skillId)) continue;
      let list = links.get(skillId);
      if (!list) links.set(skillId, (list = []));
      // One entry per resource and skill, even if a document lists a skill twice (its first link counts,
      // as when the candidate is built); a resource's entries are the last ones pushed.
      if (list[list.length - 1]?.id !== id) list.push({ id, confidence: confidenceOf(link.confidence), rating });
    }
  }
  const surest = new Map<string, string[]>();
  for (const skillId of skillIds) {
    const list = links.get(skillId);
    if (!list) continue;
    list.sort(
      (left, right) =>
        right.confidence - left.confidence || right.rating - left.rating || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0),
    );
    surest.set(
      skillId,
      list.slice(0, limit).map((entry) => entry.id),
    );
  }
  return surest;
}

/** Every document field a filter names (so a projection can carry what the filter is checked against). */
export function fieldsNamedIn(filter: unknown): string[] {
  const fields = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object' || node instanceof Date || node instanceof Types.ObjectId) return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('$')) visit(value);
      else fields.add(key.split('.')[0]);
    }
  };
  visit(filter);
  return [...fields];
}

function toCandidate(row: CandidateDocument, confidence: number | null | undefined): PlanCandidate {
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
    confidence: confidenceOf(confidence),
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
