import { InferSchemaType, Schema, Types, model } from 'mongoose';

/** A role this occupation corresponds to, and why (seeds/onet/role-occupations.ts). */
const occupationRoleSchema = new Schema(
  {
    roleId: { type: Schema.Types.ObjectId, required: true },
    /** The occupation's place among the role's occupations, 0 for the closest. */
    rank: { type: Number, required: true },
    reason: { type: String, required: true },
  },
  { _id: false },
);

/**
 * An O*NET-SOC occupation (O*NET 29.2 `Occupation Data.txt`) that at least one role corresponds to.
 * Reference data: written only by the seed, from the committed copy of the release.
 */
const occupationSchema = new Schema(
  {
    /** O*NET-SOC code, e.g. "15-1252.00": the key. */
    code: { type: String, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    roles: { type: [occupationRoleSchema], default: [] },
  },
  { timestamps: true, versionKey: false, collection: 'occupations' },
);

occupationSchema.index({ code: 1 }, { unique: true });
occupationSchema.index({ 'roles.roleId': 1 });

export type OccupationDocument = InferSchemaType<typeof occupationSchema> & { _id: Types.ObjectId };
export const OccupationModel = model('Occupation', occupationSchema);

/**
 * One O*NET technology example (a row of `Technology Skills.txt`) that names a skill, for one of the
 * roles' occupations: the market context of the skill. Written only by the seed, from the reviewed
 * mapping (seeds/onet/skill-technologies.ts).
 */
const skillTechnologySchema = new Schema(
  {
    skillId: { type: Schema.Types.ObjectId, required: true },
    occupationCode: { type: String, required: true },
    /** O*NET's name of the technology, e.g. "PostgreSQL". */
    example: { type: String, required: true },
    commodityCode: { type: String, required: true },
    commodityTitle: { type: String, required: true },
    hotTechnology: { type: Boolean, required: true },
    inDemand: { type: Boolean, required: true },
  },
  { timestamps: true, versionKey: false, collection: 'skill_technologies' },
);

skillTechnologySchema.index({ skillId: 1, occupationCode: 1, example: 1 }, { unique: true });

export type SkillTechnologyDocument = InferSchemaType<typeof skillTechnologySchema> & { _id: Types.ObjectId };
export const SkillTechnologyModel = model('SkillTechnology', skillTechnologySchema);
