import { InferSchemaType, Schema, Types, model } from 'mongoose';

export const CATEGORY_TIERS = ['FOUNDATION', 'ADVANCED', 'SOFT_SKILLS'] as const;
export type CategoryTierValue = (typeof CATEGORY_TIERS)[number];

const categorySchema = new Schema(
  {
    slug: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String, default: '' },
    tier: { type: String, enum: CATEGORY_TIERS, required: true },
    parentId: { type: Schema.Types.ObjectId, default: null },
    /** Order among siblings, as the source article lists them. */
    position: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false, collection: 'categories' },
);

categorySchema.index({ slug: 1 }, { unique: true });
categorySchema.index({ parentId: 1, position: 1 });
categorySchema.index({ tier: 1, position: 1 });

export type CategoryDocument = InferSchemaType<typeof categorySchema> & { _id: Types.ObjectId };
export const CategoryModel = model('Category', categorySchema);
