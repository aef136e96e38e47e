import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { LEVELS } from '../shared-enums';

const roleSkillSchema = new Schema(
  {
    skillId: { type: Schema.Types.ObjectId, required: true },
    level: { type: String, enum: LEVELS, required: true },
    /** Relative importance within the role, 0–1. */
    weight: { type: Number, required: true, min: 0, max: 1 },
    /**
     * Key of the role's requirement group this skill is one option of ("programming-language": any one
     * of six languages meets it); absent for a skill that is a requirement on its own.
     */
    group: { type: String, default: undefined },
  },
  { _id: false },
);

/** "At least `minimum` of these skills": the options are the role's skill entries whose `group` is `key`. */
const requirementGroupSchema = new Schema(
  {
    key: { type: String, required: true },
    label: { type: String, required: true },
    minimum: { type: Number, required: true, min: 1 },
  },
  { _id: false },
);

const roleSchema = new Schema(
  {
    slug: { type: String, required: true },
    title: { type: String, required: true },
    titleKey: { type: String, required: true },
    description: { type: String, default: '' },
    requiredSkills: { type: [roleSkillSchema], default: [] },
    additionalSkills: { type: [roleSkillSchema], default: [] },
    requirementGroups: { type: [requirementGroupSchema], default: [] },
    /**
     * Bumped by every update, which requires it unchanged: an update checks its lists and groups against
     * what it read, and one decided on a read another update has since changed is decided again.
     */
    revision: { type: Number, default: undefined },
  },
  { timestamps: true, versionKey: false, collection: 'roles' },
);

roleSchema.index({ slug: 1 }, { unique: true });
roleSchema.index({ titleKey: 1, _id: 1 });
roleSchema.index({ 'requiredSkills.skillId': 1 });
roleSchema.index({ 'additionalSkills.skillId': 1 });

export type RoleDocument = InferSchemaType<typeof roleSchema> & { _id: Types.ObjectId };
export type RoleSkillDocument = RoleDocument['requiredSkills'][number];
export const RoleModel = model('Role', roleSchema);
