import { BadUserInputError } from '../../core/errors';
import { tryGlobalId } from '../../core/relay/global-id';
import { now, utcDayOf } from '../../core/clock';
import { requirementsOf } from '../role/role-requirements';
import { normaliseSkillTerm } from '../skill/skill-term';
import { buildPlan } from './plan-builder';
import { readBlockingConstraints, readCandidates, readPlanRole, readPlanSkills } from './plan-catalogue';
import { checkKnownShape, checkPlanInput, resolveKnownSkills, roleReference } from './plan-constraints';
import type { KnownSkillInput, LearningPlanInput } from './plan-input';
import { LEVEL_RANK, unconstrainedPlan, type PlanConstraints, type PlanRole, type PlanSkill } from './plan-model';
import type { LearningPlanResult } from './plan-result';
import { PlanCache } from './plan-cache';
import { skillsToConsider } from './plan-targets';
import { compareScores, scoreCandidate, type ResourceScore } from './resource-scoring';
import { skillGap, type SkillGapResult } from './skill-gap';
import type { Level } from '../shared-enums';

/** A plan with the role it is for. */
export interface LearningPlanView {
  roleId: string;
  plan: LearningPlanResult;
}

/** A gap with the role, and for each option not met its best resources (no constraints). */
export interface SkillGapView {
  roleId: string;
  gap: SkillGapResult;
  bestResources: Record<string, ResourceScore[]>;
}

/** Resources shown per gap in `skillGap`. */
export const BEST_RESOURCES_PER_GAP = 3;

/**
 * Skill gaps, learning plans and roadmaps. Reads the role and the skill graph (one query each, in
 * parallel), then the candidates of every skill the plan may need (two queries: plan-catalogue.ts), and,
 * only when some skill is left with none, which constraints removed them (one aggregation): at most 5
 * queries whatever the catalogue's size. Results are cached by their normalised inputs (PlanCache).
 */
export class LearningPlanService {
  constructor(private readonly cache: PlanCache = new PlanCache(null, null)) {}

  async learningPlan(input: LearningPlanInput, argumentName = 'input'): Promise<LearningPlanView> {
    const constraints = checkPlanInput(input, argumentName);
    const known = input.known ?? [];
    const cacheKey = {
      role: input.role,
      known: normalisedKnown(known),
      constraints,
      day: constraints.kinds.includes('EVENT') ? utcDayOf(now()) : null,
    };
    return this.cache.getOrCompute('plan', cacheKey, () => this.computePlan(input.role, known, constraints, argumentName));
  }

  /** The plan for someone who knows nothing, with no constraints: requirements and additional skills. */
  roadmap(role: string): Promise<LearningPlanView> {
    return this.learningPlan({ role, includeAdditionalSkills: true }, 'role').catch((error: unknown) => {
      // The only argument is the role: name it as the caller wrote it.
      if (error instanceof BadUserInputError && error.extensions.argumentName === 'role.role')
        throw new BadUserInputError(error.message.replace('"role.role"', '"role"'), 'role');
      throw error;
    });
  }

  async skillGap(role: string, known: readonly KnownSkillInput[]): Promise<SkillGapView> {
    checkKnownShape(known, 'known');
    return this.cache.getOrCompute('gap', { role, known: normalisedKnown(known) }, async () => {
      const { planRole, knownIds } = await this.readRoleAndSkills(role, known, { role: 'role', known: 'known' });
      const gap = skillGap(planRole.requirements, knownIds);
      const gaps = gap.requirements.flatMap((requirement) => requirement.options).filter((option) => option.status !== 'MET');
      const candidates = await readCandidates(
        [...new Set(gaps.map((option) => option.skillId))],
        unconstrainedPlan({ includeAdditionalSkills: true }),
      );
      const bestResources: Record<string, ResourceScore[]> = {};
      for (const option of gaps) {
        const fromRank = option.knownLevel ? LEVEL_RANK[option.knownLevel] : 0;
        bestResources[option.skillId] = (candidates.get(option.skillId) ?? [])
          .map((candidate) => scoreCandidate(candidate, fromRank, LEVEL_RANK[option.option.level]))
          .sort(compareScores)
          .slice(0, BEST_RESOURCES_PER_GAP);
      }
      return { roleId: planRole.id, gap, bestResources };
    });
  }

  private async computePlan(
    role: string,
    known: readonly KnownSkillInput[],
    constraints: PlanConstraints,
    argumentName: string,
  ): Promise<LearningPlanView> {
    const names = { role: `${argumentName}.role`, known: `${argumentName}.known` };
    const { planRole, skills, knownIds } = await this.readRoleAndSkills(role, known, names);
    const gap = skillGap(planRole.requirements, knownIds);
    const considered = skillsToConsider(gap, skills, knownIds, constraints.includeAdditionalSkills);
    const candidates = await readCandidates(considered, constraints);
    const empty = considered.filter((id) => !candidates.has(id));
    const blockedBy = await readBlockingConstraints(empty, constraints);
    const plan = buildPlan({ role: planRole, skills, known: knownIds, constraints, candidates, blockedBy });
    return { roleId: planRole.id, plan };
  }

  private async readRoleAndSkills(
    role: string,
    known: readonly KnownSkillInput[],
    names: { role: string; known: string },
  ): Promise<{ planRole: PlanRole; skills: Map<string, PlanSkill>; knownIds: Map<string, Level> }> {
    const [roleDocument, skills] = await Promise.all([readPlanRole(roleReference(role)), readPlanSkills()]);
    if (!roleDocument) throw new BadUserInputError(`"${names.role}": no role has the slug or id "${role.slice(0, 60)}".`, names.role);
    const idBySlug = new Map([...skills.values()].map((skill) => [skill.slug, skill.id]));
    // A name or alias as skillByName reads it ("Linux", "k8s"); skills come by name, so a key two skills share goes to the first, as there.
    const idByName = new Map<string, string>();
    for (const skill of skills.values()) for (const key of skill.matchKeys) if (!idByName.has(key)) idByName.set(key, skill.id);
    const idOf = (reference: string) => {
      const id = tryGlobalId(reference, ['Skill']);
      if (id) return skills.has(String(id)) ? String(id) : undefined;
      return idBySlug.get(reference.trim().toLowerCase()) ?? idByName.get(normaliseSkillTerm(reference));
    };
    const knownIds = resolveKnownSkills(known, idOf, names.known);
    const planRole: PlanRole = {
      id: String(roleDocument._id),
      slug: roleDocument.slug,
      title: roleDocument.title,
      requirements: requirementsOf(roleDocument),
    };
    return { planRole, skills, knownIds };
  }
}

function normalisedKnown(known: readonly KnownSkillInput[]): Array<[string, string]> {
  return known
    .map((entry): [string, string] => [entry.skill, entry.level])
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
}

// Registers the service as `context.services.learningPlans`; src/app/services.ts builds it (see src/core/services.ts).
declare module '../../core/services' {
  interface Services {
    /** Skill gaps, learning plans and roadmaps for job roles. */
    learningPlans: LearningPlanService;
  }
}
