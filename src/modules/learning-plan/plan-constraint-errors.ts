import type { PlanConstraints, PlanSkill } from './plan-model';
import type { PlanConstraintError, PlanConstraintName, UnplannedSkill } from './plan-result';

/**
 * One error per constraint that left skills without a resource, naming them ("free-only leaves 2
 * skills without a resource: GraphQL, Ruby"); the budget's says how much more it would take.
 */
export function describeConstraintErrors(
  unplanned: readonly UnplannedSkill[],
  constraints: PlanConstraints,
  skills: ReadonlyMap<string, PlanSkill>,
  budgetShortfalls: readonly number[],
): PlanConstraintError[] {
  const byConstraint = new Map<PlanConstraintName, string[]>();
  const add = (name: PlanConstraintName, skillId: string) => byConstraint.set(name, [...(byConstraint.get(name) ?? []), skillId]);
  for (const skill of unplanned) {
    if (skill.reason !== 'BUDGET' && skill.reason !== 'CONSTRAINTS') continue;
    const names =
      skill.reason === 'BUDGET' && !skill.blockedBy.includes('BUDGET') ? [...skill.blockedBy, 'BUDGET' as const] : skill.blockedBy;
    if (names.length === 0) add('COMBINED', skill.skillId);
    for (const name of names) add(name, skill.skillId);
  }
  const errors: PlanConstraintError[] = [];
  for (const name of ['FREE_ONLY', 'BUDGET', 'LANGUAGES', 'KINDS', 'PROVIDERS', 'LEVELS', 'COMBINED'] as const) {
    const skillIds = byConstraint.get(name);
    if (!skillIds) continue;
    const names = skillIds.map((id) => skills.get(id)?.name ?? id).sort((left, right) => left.localeCompare(right));
    const leaves = `${skillIds.length} skill${skillIds.length === 1 ? '' : 's'} without a resource: ${names.join(', ')}`;
    if (name === 'BUDGET') {
      if (!constraints.budget) continue;
      const { amount, currency } = constraints.budget;
      const more = Math.round(budgetShortfalls.filter((value) => value > 0).reduce((sum, value) => sum + value, 0) * 100) / 100;
      errors.push({
        constraint: name,
        message:
          `A budget of ${amount} ${currency} leaves ${leaves}` +
          (more > 0
            ? `; the cheapest way to cover them needs at least ${more} ${currency} more.`
            : ' (none is priced in this currency within it).'),
        skillIds,
        needed: more > 0 ? Math.round((amount + more) * 100) / 100 : null,
        given: amount,
      });
      continue;
    }
    errors.push({
      constraint: name,
      message: `${CONSTRAINT_WORDS[name](constraints)} ${name === 'COMBINED' ? 'leave' : 'leaves'} ${leaves}.`,
      skillIds,
      needed: null,
      given: null,
    });
  }
  return errors;
}

const CONSTRAINT_WORDS: Record<Exclude<PlanConstraintName, 'BUDGET' | 'WEEKS'>, (constraints: PlanConstraints) => string> = {
  FREE_ONLY: () => 'Free-only',
  LANGUAGES: (constraints) => `Languages [${(constraints.languages ?? []).join(', ')}]`,
  KINDS: (constraints) => `Kinds [${constraints.kinds.join(', ')}]`,
  PROVIDERS: (constraints) => `The ${constraints.providerIds?.length ?? 0} providers given`,
  LEVELS: (constraints) => `Levels [${(constraints.levels ?? []).join(', ')}]`,
  COMBINED: () => 'The constraints together (none alone)',
};
