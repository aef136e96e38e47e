import { Types } from 'mongoose';
import { requirementsOf } from '../role-requirements';

const id = (n: number) => new Types.ObjectId(n.toString(16).padStart(24, '0'));
const entry = (n: number, weight: number, group?: string) => ({
  skillId: id(n),
  level: 'ADVANCED' as const,
  weight,
  ...(group ? { group } : {}),
});

/** A plain role as a lean read returns it. */
interface PlainRole {
  requiredSkills: Array<ReturnType<typeof entry>>;
  additionalSkills: Array<ReturnType<typeof entry>>;
  requirementGroups?: Array<{ key: string; label: string; minimum: number }> | null;
}

/** A requirement in a form one can read at a glance: its key, kind, minimum, weight and options' skill numbers. */
function summary(role: PlainRole) {
  return requirementsOf(role).map(({ key, label, kind, minimum, weight, options }) => ({
    key,
    label,
    kind,
    minimum,
    weight,
    options: options.map((option) => parseInt(String(option.skillId), 16)),
  }));
}

describe('requirementsOf', () => {
  it('lists required requirements, then additional ones, each in the order the role lists them; a group stands where its first option is', () => {
    const role = {
      requiredSkills: [entry(1, 0.8), entry(2, 0.9, 'language'), entry(3, 0.6), entry(4, 0.7, 'language')],
      additionalSkills: [entry(5, 0.3), entry(6, 0.5, 'cloud'), entry(7, 0.5, 'cloud')],
      requirementGroups: [
        { key: 'cloud', label: 'A cloud', minimum: 1 },
        { key: 'language', label: 'A language', minimum: 1 },
      ],
    };
    expect(summary(role)).toEqual([
      { key: String(id(1)), label: null, kind: 'REQUIRED', minimum: 1, weight: 0.8, options: [1] },
      { key: 'language', label: 'A language', kind: 'REQUIRED', minimum: 1, weight: 0.9, options: [2, 4] },
      { key: String(id(3)), label: null, kind: 'REQUIRED', minimum: 1, weight: 0.6, options: [3] },
      { key: String(id(5)), label: null, kind: 'ADDITIONAL', minimum: 1, weight: 0.3, options: [5] },
      { key: 'cloud', label: 'A cloud', kind: 'ADDITIONAL', minimum: 1, weight: 0.5, options: [6, 7] },
    ]);
  });

  it("weighs a group by its heaviest option, whatever the option's position", () => {
    const role = {
      requiredSkills: [entry(1, 0.2, 'g'), entry(2, 0.7, 'g'), entry(3, 0.4, 'g')],
      additionalSkills: [],
      requirementGroups: [{ key: 'g', label: 'G', minimum: 2 }],
    };
    expect(summary(role)).toEqual([{ key: 'g', label: 'G', kind: 'REQUIRED', minimum: 2, weight: 0.7, options: [1, 2, 3] }]);
  });

  it('makes the options of an undeclared group requirements of their own (a role stored before its groups)', () => {
    const role = {
      requiredSkills: [entry(1, 0.4, 'ghost'), entry(2, 0.4, 'ghost'), entry(3, 0.9, 'real')],
      additionalSkills: [],
      requirementGroups: [{ key: 'real', label: 'Real', minimum: 1 }],
    };
    expect(summary(role).map(({ key, options }) => [key, options])).toEqual([
      [String(id(1)), [1]],
      [String(id(2)), [2]],
      ['real', [3]],
    ]);
    // Without any declared group (the field missing or null on old documents) every entry stands alone.
    expect(summary({ requiredSkills: [entry(1, 0.4, 'ghost')], additionalSkills: [], requirementGroups: null })).toHaveLength(1);
    expect(summary({ requiredSkills: [entry(1, 0.4, 'ghost'), entry(2, 0.4, 'ghost')], additionalSkills: [] })).toHaveLength(2);
  });

  it('caps a minimum at the options the group has', () => {
    const role = {
      requiredSkills: [entry(1, 0.5, 'pair'), entry(2, 0.5)],
      additionalSkills: [],
      requirementGroups: [{ key: 'pair', label: 'Two of these', minimum: 2 }],
    };
    expect(summary(role)[0]).toMatchObject({ key: 'pair', minimum: 1, options: [1] });
  });

  it('keeps a group key used in both lists as two requirements, one per kind, and drops a declared group without options', () => {
    const role = {
      requiredSkills: [entry(1, 0.9, 'g')],
      additionalSkills: [entry(2, 0.3, 'g')],
      requirementGroups: [
        { key: 'g', label: 'G', minimum: 1 },
        { key: 'empty', label: 'Nothing', minimum: 1 },
      ],
    };
    expect(summary(role).map(({ key, kind, options }) => [key, kind, options])).toEqual([
      ['g', 'REQUIRED', [1]],
      ['g', 'ADDITIONAL', [2]],
    ]);
  });

  it('gives nothing for a role without skills', () => {
    expect(summary({ requiredSkills: [], additionalSkills: [], requirementGroups: [] })).toEqual([]);
  });
});
