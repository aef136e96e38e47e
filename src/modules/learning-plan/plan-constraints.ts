import { Types } from 'mongoose';
import { BadUserInputError } from '../../core/errors';
import { tryGlobalId } from '../../core/relay/global-id';
import type { ResourceKindValue } from '../resource/resource-kinds';
import type { Level } from '../shared-enums';
import { DEFAULT_HOURS_PER_WEEK, DEFAULT_PLAN_KINDS, type PlanConstraints } from './plan-model';
import {
  MAX_BUDGET_AMOUNT,
  MAX_HOURS_PER_WEEK,
  MIN_HOURS_PER_WEEK,
  MAX_KNOWN_SKILLS,
  MAX_PLAN_LANGUAGES,
  MAX_PLAN_PROVIDERS,
  MAX_PLAN_WEEKS,
  type KnownSkillInput,
  type LearningPlanInput,
} from './plan-input';

/** ISO 4217 codes this runtime knows (the full list with ICU): an unknown code is refused, not guessed at. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/**
 * Checks every argument that needs no database (limits, ranges, currency, ids' shape) and returns
 * the constraints, normalised so that equal requests compare equal (sorted, de-duplicated lists).
 * Throws BAD_USER_INPUT naming the argument; nothing has been read or computed yet.
 */
export function checkPlanInput(input: LearningPlanInput, argumentName: string): PlanConstraints {
  const name = (field: string) => `${argumentName}.${field}`;
  checkKnownShape(input.known ?? [], name('known'));
  const budget = input.budget ?? null;
  if (budget) {
    if (!Number.isFinite(budget.amount) || budget.amount < 0 || budget.amount > MAX_BUDGET_AMOUNT)
      throw new BadUserInputError(
        `"${name('budget.amount')}" must be between 0 and ${MAX_BUDGET_AMOUNT}, got ${budget.amount}.`,
        name('budget.amount'),
      );
    if (!CURRENCIES.has(budget.currency.trim().toUpperCase()))
      throw new BadUserInputError(
        `"${name('budget.currency')}" is not an ISO 4217 currency code: "${budget.currency.slice(0, 20)}".`,
        name('budget.currency'),
      );
  }
  const hoursPerWeek = input.hoursPerWeek ?? null;
  if (hoursPerWeek !== null && (!Number.isFinite(hoursPerWeek) || hoursPerWeek < MIN_HOURS_PER_WEEK || hoursPerWeek > MAX_HOURS_PER_WEEK))
    throw new BadUserInputError(
      `"${name('hoursPerWeek')}" must be between ${MIN_HOURS_PER_WEEK} and ${MAX_HOURS_PER_WEEK}, got ${hoursPerWeek}.`,
      name('hoursPerWeek'),
    );
  const weeks = input.weeks ?? null;
  if (weeks !== null && (weeks < 1 || weeks > MAX_PLAN_WEEKS))
    throw new BadUserInputError(`"${name('weeks')}" must be between 1 and ${MAX_PLAN_WEEKS}, got ${weeks}.`, name('weeks'));
  const languages =
    input.languages == null
      ? null
      : normalisedList(input.languages, MAX_PLAN_LANGUAGES, name('languages'), (value) => value.trim().toLowerCase());
  if (languages?.some((language) => language.length === 0 || language.length > 35))
    throw new BadUserInputError(`"${name('languages')}" holds an empty or over-long language code.`, name('languages'));
  const providerIds =
    input.providers == null
      ? null
      : normalisedList(input.providers, MAX_PLAN_PROVIDERS, name('providers'), (value) => {
          const id = tryGlobalId(value, ['Provider']);
          if (!id)
            throw new BadUserInputError(
              `"${name('providers')}" holds "${value.slice(0, 40)}", which is not a provider id.`,
              name('providers'),
            );
          return String(id);
        });
  const kinds =
    input.kinds == null ? [...DEFAULT_PLAN_KINDS] : normalisedList(input.kinds as ResourceKindValue[], 10, name('kinds'), (kind) => kind);
  if (kinds.length === 0) throw new BadUserInputError(`"${name('kinds')}" must name at least one kind.`, name('kinds'));
  const levels = input.levels == null ? null : normalisedList(input.levels, 10, name('levels'), (level) => level);
  if (levels?.length === 0) throw new BadUserInputError(`"${name('levels')}" must name at least one level.`, name('levels'));
  return {
    budget: budget ? { amount: Math.round(budget.amount * 100) / 100, currency: budget.currency.trim().toUpperCase() } : null,
    hoursPerWeek: hoursPerWeek ?? DEFAULT_HOURS_PER_WEEK,
    hoursPerWeekGiven: hoursPerWeek !== null,
    weeks,
    freeOnly: input.freeOnly === true,
    languages,
    kinds: kinds as ResourceKindValue[],
    providerIds,
    levels: levels as Level[] | null,
    includeAdditionalSkills: input.includeAdditionalSkills === true,
  };
}

/** The list's length and each entry's size; the skills themselves are resolved against the taxonomy later. */
export function checkKnownShape(known: readonly KnownSkillInput[], argumentName: string): void {
  if (known.length > MAX_KNOWN_SKILLS)
    throw new BadUserInputError(`"${argumentName}" may hold at most ${MAX_KNOWN_SKILLS} skills, got ${known.length}.`, argumentName);
  known.forEach((entry, index) => {
    if (entry.skill.length === 0 || entry.skill.length > 200)
      throw new BadUserInputError(`"${argumentName}[${index}].skill" must be a skill slug or id.`, `${argumentName}[${index}].skill`);
  });
}

/**
 * The known skills as skill ids, each skill once. A slug or id that names no skill, or a skill given
 * twice, is BAD_USER_INPUT naming the entry.
 */
export function resolveKnownSkills(
  known: readonly KnownSkillInput[],
  idOf: (slugOrId: string) => string | undefined,
  argumentName: string,
): Map<string, Level> {
  const resolved = new Map<string, Level>();
  known.forEach((entry, index) => {
    const path = `${argumentName}[${index}].skill`;
    const id = idOf(entry.skill);
    if (!id) throw new BadUserInputError(`"${path}": no skill has the slug or id "${entry.skill.slice(0, 60)}".`, path);
    if (resolved.has(id)) throw new BadUserInputError(`"${path}": the skill "${entry.skill.slice(0, 60)}" is given twice.`, path);
    resolved.set(id, entry.level);
  });
  return resolved;
}

/** A role argument: a global Role id, or else a slug. */
export function roleReference(value: string): { id: Types.ObjectId } | { slug: string } {
  const id = tryGlobalId(value, ['Role']);
  return id ? { id } : { slug: value.slice(0, 200) };
}

function normalisedList<T extends string>(
  values: readonly T[],
  max: number,
  argumentName: string,
  normalise: (value: T) => string,
): string[] {
  if (values.length > max)
    throw new BadUserInputError(`"${argumentName}" may hold at most ${max} values, got ${values.length}.`, argumentName);
  return [...new Set(values.map(normalise))].sort();
}
