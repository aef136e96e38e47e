import { Arg, Ctx, Extensions, Query, Resolver } from 'type-graphql';
import type { Context } from '../../core/context';
import { QUERY_COST } from '../../core/rate-limit/query-cost';
import { KnownSkillInput, LearningPlanInput } from './plan-input';
import { LearningPlan, SkillGap } from './learning-plan.type';
import { gapView, planView } from './learning-plan.view';

@Resolver()
export class LearningPlanResolver {
  @Extensions({ complexity: QUERY_COST.SKILL_GAP })
  @Query(() => SkillGap, {
    description:
      'What a learner has and lacks for a role: each requirement (a group such as "at least one programming language" counts once) met, under level or missing, with weights, level distances, a readiness score and, for each gap, its best resources. Unknown role or skill, or more than 200 known skills: BAD_USER_INPUT naming the argument. At most 3 queries; cached until the catalogue changes.',
  })
  skillGap(
    @Arg('role', () => String, { description: 'The role: its slug ("backend-software-engineer") or its global id.' }) role: string,
    @Arg('known', () => [KnownSkillInput], { description: 'What the learner knows, at most 200 skills, each once.' })
    known: KnownSkillInput[],
    @Ctx() { services, loaders }: Context,
  ) {
    return services.learningPlans.skillGap(role, known).then((view) => gapView(view, loaders));
  }

  @Extensions({ complexity: QUERY_COST.LEARNING_PLAN })
  @Query(() => LearningPlan, {
    description:
      'An ordered, costed plan from what a learner knows to a role: steps in prerequisite order (adding the prerequisites the role does not name), the resources chosen for each with why and alternatives, a week-by-week schedule, totals, and for constraints that cannot all be met, `userErrors` saying which and by how much with the best partial plan. Deterministic; at most 5 database queries; cached until the catalogue or taxonomy changes. Bad input (unknown role or skill, negative budget or hours, unknown currency, more than 200 known skills): BAD_USER_INPUT naming the argument, nothing computed.',
  })
  learningPlan(
    @Arg('input', () => LearningPlanInput, { description: 'The learner, the role and the constraints.' }) input: LearningPlanInput,
    @Ctx() { services, loaders }: Context,
  ) {
    return services.learningPlans.learningPlan(input).then((view) => planView(view, loaders));
  }

  @Extensions({ complexity: QUERY_COST.LEARNING_PLAN })
  @Query(() => LearningPlan, {
    description:
      'The plan for someone who knows nothing, with no constraints: every requirement and additional skill of the role, with the prerequisites they need, in order (10 h/week assumed for the schedule).',
  })
  roadmap(
    @Arg('role', () => String, { description: 'The role: its slug or its global id.' }) role: string,
    @Ctx() { services, loaders }: Context,
  ) {
    return services.learningPlans.roadmap(role).then((view) => planView(view, loaders));
  }
}
