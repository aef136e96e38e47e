import { Types } from 'mongoose';
import { fieldsNamedIn, surestLinkedResources } from '../plan-catalogue';

const id = (n: number) => new Types.ObjectId(n.toString(16).padStart(24, '0'));
const SKILL_A = String(id(0xa));
const SKILL_B = String(id(0xb));
const resource = (n: number, rating: number | null, links: Array<[string, number | null]>) => ({
  _id: id(n),
  ratingAverage: rating,
  skills: links.map(([skillId, confidence]) => ({ skillId: new Types.ObjectId(skillId), confidence })),
});

describe('surestLinkedResources', () => {
  it('orders by confidence (unscored counting 0.75), then rating (unrated last), then id, and cuts each skill to the limit', () => {
    const resources = [
      resource(1, 4.9, [[SKILL_A, 0.7]]),
      resource(2, null, [[SKILL_A, null]]),
      resource(3, 3.0, [[SKILL_A, 0.9]]),
      resource(4, 4.0, [[SKILL_A, 0.75]]),
      resource(5, 4.0, [[SKILL_A, 0.75]]),
      resource(6, 5.0, [[SKILL_A, 0.2]]),
    ];
    // Worked by hand: 3 (0.9); then the three at 0.75 — 4 and 5 rated 4.0 (by id), 2 unrated; then 1 (0.7); 6 (0.2) is cut.
    expect(surestLinkedResources(resources, [SKILL_A], 5).get(SKILL_A)).toEqual([3, 4, 5, 2, 1].map((n) => String(id(n))));
  });

  it('keeps only the skills asked for, once per resource, and leaves out skills nothing links', () => {
    const other = String(id(0xc));
    const resources = [
      resource(1, 4, [
        [SKILL_A, 0.9],
        [other, 1],
        [SKILL_A, 0.8],
      ]),
      resource(2, 4, [[SKILL_B, 0.5]]),
    ];
    const surest = surestLinkedResources(resources, [SKILL_A, SKILL_B, String(id(0xd))], 40);
    expect([...surest.entries()]).toEqual([
      [SKILL_A, [String(id(1))]],
      [SKILL_B, [String(id(2))]],
    ]);
  });
});

describe('fieldsNamedIn', () => {
  it('names every top-level field under $and, $or and operators, and none of the operators or values', () => {
    const filter = {
      $and: [
        { skillIds: { $in: [id(1)] } },
        { retiredAt: null },
        { $or: [{ kind: { $ne: 'EVENT' } }, { kind: 'EVENT', endDate: { $gte: new Date(0) } }, { 'durationRange.minMinutes': 5 }] },
      ],
    };
    expect(fieldsNamedIn(filter).sort()).toEqual(['durationRange', 'endDate', 'kind', 'retiredAt', 'skillIds']);
  });
});
