import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ResourceKind } from '../resource/resource.type';
import { Level } from '../shared-enums';

export const MAX_KNOWN_SKILLS = 200;
export const MAX_PLAN_LANGUAGES = 20;
export const MAX_PLAN_PROVIDERS = 50;
export const MAX_HOURS_PER_WEEK = 112;
/** Less than an hour a week is no plan, and would stretch a schedule over thousands of weeks. */
export const MIN_HOURS_PER_WEEK = 1;
export const MAX_PLAN_WEEKS = 520;
export const MAX_BUDGET_AMOUNT = 1_000_000;

@InputType({ description: 'A skill the learner already has, and how well.' })
export class KnownSkillInput {
  @Field(() => String, {
    description:
      'The skill: its slug ("linux-unix"), its global id, or a name or alias as `skillByName` reads it ("Linux", "k8s", "Node.js").',
  })
  skill!: string;

  @Field(() => Level, { description: 'How well the learner knows it.' })
  level!: Level;
}

@InputType({ description: 'The most the learner will spend, in one currency.' })
export class BudgetInput {
  @Field(() => Float, {
    description: `Amount in the currency's main unit, from 0 (nothing to spend: free resources only) to ${MAX_BUDGET_AMOUNT}.`,
  })
  amount!: number;

  @Field(() => String, {
    description:
      'ISO 4217 currency code, e.g. "USD". Paid resources priced in another currency, or with an unknown price, are never chosen under a budget.',
  })
  currency!: string;
}

@InputType({ description: 'Who is learning, for which role, and the limits of time and money the plan must keep.' })
export class LearningPlanInput {
  @Field(() => String, { description: 'The role to prepare for: its slug ("devops-engineer") or its global id.' })
  role!: string;

  @Field(() => [KnownSkillInput], {
    nullable: true,
    description: `What the learner already knows, at most ${MAX_KNOWN_SKILLS} skills, each once. Defaults to nothing.`,
  })
  known?: KnownSkillInput[] | null;

  @Field(() => BudgetInput, {
    nullable: true,
    description: 'Total spending limit. Without it, paid resources are chosen when they score best.',
  })
  budget?: BudgetInput | null;

  @Field(() => Float, {
    nullable: true,
    description: `Study hours per week, from ${MIN_HOURS_PER_WEEK} to ${MAX_HOURS_PER_WEEK}. Defaults to 10 (said in \`assumptions\`).`,
  })
  hoursPerWeek?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `Deadline in weeks (1–${MAX_PLAN_WEEKS}). When the plan does not fit, the least important skills are left out and a WEEKS error says by how much it missed.`,
  })
  weeks?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only resources known to be free (never paid, never unknown price). Defaults to false.',
  })
  freeOnly?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description: `Only resources in these languages (codes as resources carry them: "en", "es"; at most ${MAX_PLAN_LANGUAGES}). Resources of unknown language are left out.`,
  })
  languages?: string[] | null;

  @Field(() => [ResourceKind], {
    nullable: true,
    description: 'Only these kinds. Defaults to COURSE, BOOK and OPEN_SOURCE_PROJECT; EVENT (upcoming only) when asked for.',
  })
  kinds?: ResourceKind[] | null;

  @Field(() => [ID], { nullable: true, description: `Only resources of these providers (global ids, at most ${MAX_PLAN_PROVIDERS}).` })
  providers?: string[] | null;

  @Field(() => [Level], { nullable: true, description: 'Only resources at these levels. Resources of unknown level are left out.' })
  levels?: Level[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Also plan the role's additional skills (what sets a candidate apart). Defaults to false: requirements only.",
  })
  includeAdditionalSkills?: boolean | null;
}
