import { InferSchemaType, Schema, Types, model } from 'mongoose';

const skillSchema = new Schema(
  {
    slug: { type: String, required: true },
    name: { type: String, required: true },
    /** Lower-cased name: the sort key of `skills(orderBy: NAME)` and the target of name-prefix filters. */
    nameKey: { type: String, required: true },
    description: { type: String, default: '' },
    categoryId: { type: Schema.Types.ObjectId, required: true },
    aliases: { type: [String], default: [] },
    /**
     * Normalised name and aliases (see `normaliseSkillTerm` in skill-term.ts): how feeds and filters find a skill by any of its names.
     * `select: false`: a quarter of a skill's bytes that no GraphQL field shows; the few readers project it explicitly.
     */
    matchKeys: { type: [String], default: [], select: false },
    /**
     * REQUIRED prerequisites: skills to learn first, which a learning plan adds when the learner lacks
     * them. Together with `recommendedPrerequisiteIds` the edges form a directed acyclic graph; writes refuse cycles.
     */
    prerequisiteIds: { type: [Schema.Types.ObjectId], default: [] },
    /** RECOMMENDED prerequisites: better learnt first, but not needed; a plan orders by them and adds none. */
    recommendedPrerequisiteIds: { type: [Schema.Types.ObjectId], default: [] },
    relatedIds: { type: [Schema.Types.ObjectId], default: [] },
    /** True when the article the taxonomy is drawn from (seeds/article) names the skill; set by the seed, false for skills added since. */
    fromArticle: { type: Boolean, default: false },
  },
  { timestamps: true, versionKey: false, collection: 'skills' },
);

skillSchema.index({ slug: 1 }, { unique: true });
skillSchema.index({ nameKey: 1, _id: 1 });
skillSchema.index({ categoryId: 1, nameKey: 1 });
skillSchema.index({ matchKeys: 1 });
skillSchema.index({ prerequisiteIds: 1 });
/** deleteSkill's unlinking `$or` scans the collection unless every clause has an index. */
skillSchema.index({ recommendedPrerequisiteIds: 1 });
skillSchema.index({ relatedIds: 1 });
/** `skills(orderBy: { field: CREATED_AT })`, with the id tie-breaker. */
skillSchema.index({ createdAt: 1, _id: 1 });

export type SkillDocument = InferSchemaType<typeof skillSchema> & { _id: Types.ObjectId };
export const SkillModel = model('Skill', skillSchema);
