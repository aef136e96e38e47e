import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import type { RoleDocument } from '../role/role.model';
import { Role } from '../role/role.type';
import type { SkillDocument } from '../skill/skill.model';
import { Skill } from '../skill/skill.type';
import type { OccupationDocument } from './occupation.model';
import { marketDemandOf, type SkillMarketDemandResult } from './occupation.service';
import { Occupation, SkillMarketDemand } from './occupation.type';

/** `Role.occupations`: the O*NET occupations a role corresponds to, through one batched query. */
@Resolver(() => Role)
export class RoleOccupationsResolver {
  @FieldResolver(() => [Occupation], {
    description:
      'The O*NET-SOC occupations (O*NET 29.2) the role corresponds to, closest first, as reviewed in seeds/onet/role-occupations.ts. Empty for a role nobody mapped.',
  })
  occupations(@Root() role: RoleDocument, @Ctx() { loaders }: Context): Promise<OccupationDocument[]> {
    return loaders.occupationsByRoleId.load(String(role._id));
  }
}

/** `Skill.marketDemand`: O*NET's Hot Technology / In Demand flags for the skill, per occupation of the roles. */
@Resolver(() => Skill)
export class SkillMarketDemandResolver {
  @FieldResolver(() => [SkillMarketDemand], {
    description:
      'Market context from O*NET 29.2: for each occupation the roles map to where O*NET lists a technology naming the skill (seeds/onet/skill-technologies.ts), whether it marks one Hot Technology or In Demand there, by occupation code. Empty when O*NET names no technology for the skill (soft skills, most concepts). Two queries for any number of skills.',
  })
  async marketDemand(
    @Root() skill: SkillDocument,
    @Ctx() { loaders }: Context,
  ): Promise<Array<SkillMarketDemandResult & { occupation: OccupationDocument }>> {
    const rows = marketDemandOf(await loaders.skillTechnologiesBySkillId.load(String(skill._id)));
    const occupations = await loaders.occupationByCode.loadMany(rows.map((row) => row.occupationCode));
    // The seed removes the rows of an occupation no role maps to any more; a row without one is left out, never shown half-known.
    return rows.flatMap((row, index) => {
      const occupation = occupations[index];
      return occupation && !(occupation instanceof Error) ? [{ ...row, occupation }] : [];
    });
  }
}
