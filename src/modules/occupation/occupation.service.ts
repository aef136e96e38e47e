import type { Types } from 'mongoose';
import { SkillTechnologyModel, type SkillTechnologyDocument } from './occupation.model';

/** Whether O*NET marks any technology naming a skill Hot Technology / In Demand in any of the roles' occupations. */
export interface SkillMarketFlags {
  hotTechnology: boolean;
  inDemand: boolean;
}

/** One occupation's share of a skill's market context, before GraphQL resolves the occupation. */
export interface SkillMarketDemandResult {
  occupationCode: string;
  hotTechnology: boolean;
  inDemand: boolean;
  examples: string[];
  technologies: SkillTechnologyDocument[];
}

/**
 * A skill's technology rows (sorted by occupation, then example) grouped per occupation, with the
 * occupation's flags: hot or in demand when any of its rows is.
 */
export function marketDemandOf(rows: readonly SkillTechnologyDocument[]): SkillMarketDemandResult[] {
  const byOccupation = new Map<string, SkillTechnologyDocument[]>();
  for (const row of rows) byOccupation.set(row.occupationCode, [...(byOccupation.get(row.occupationCode) ?? []), row]);
  return [...byOccupation].map(([occupationCode, technologies]) => ({
    occupationCode,
    hotTechnology: technologies.some((row) => row.hotTechnology),
    inDemand: technologies.some((row) => row.inDemand),
    examples: [...new Set(technologies.map((row) => row.example))],
    technologies,
  }));
}

/** Reads the O*NET market context the seed stored (seeds/onet). */
export class OccupationService {
  /** Every skill with at least one O*NET technology row, with its flags, keyed by hex id: one aggregation. */
  async marketFlagsBySkillId(): Promise<Map<string, SkillMarketFlags>> {
    const rows = (await SkillTechnologyModel.aggregate([
      {
        $group: {
          _id: '$skillId',
          hotTechnology: { $max: { $cond: ['$hotTechnology', 1, 0] } },
          inDemand: { $max: { $cond: ['$inDemand', 1, 0] } },
        },
      },
    ]).exec()) as Array<{ _id: Types.ObjectId; hotTechnology: number; inDemand: number }>;
    return new Map(rows.map((row) => [String(row._id), { hotTechnology: row.hotTechnology === 1, inDemand: row.inDemand === 1 }]));
  }
}

// Registers the service as `context.services.occupations`; src/app/services.ts builds it (see src/core/services.ts).
declare module '../../core/services' {
  interface Services {
    /** O*NET occupations and the market context of skills. */
    occupations: OccupationService;
  }
}
