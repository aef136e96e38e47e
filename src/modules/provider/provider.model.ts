import { InferSchemaType, Schema, Types, model } from 'mongoose';

export const PROVIDER_KINDS = ['MOOC_PLATFORM', 'MARKETPLACE', 'OPEN_SOURCE', 'EVENTS', 'COMMUNITY'] as const;
export type ProviderKindValue = (typeof PROVIDER_KINDS)[number];

const providerSchema = new Schema(
  {
    slug: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    kind: { type: String, enum: PROVIDER_KINDS, required: true },
    url: { type: String, required: true },
    description: { type: String, default: '' },
    /** URL hosts that belong to this provider ("udemy.com"); feeds find a resource's provider by its URL. */
    hosts: { type: [String], default: [] },
  },
  { timestamps: true, versionKey: false, collection: 'providers' },
);

providerSchema.index({ slug: 1 }, { unique: true });
providerSchema.index({ nameKey: 1, _id: 1 });
providerSchema.index({ kind: 1, nameKey: 1 });
providerSchema.index({ hosts: 1 });

export type ProviderDocument = InferSchemaType<typeof providerSchema> & { _id: Types.ObjectId };
export const ProviderModel = model('Provider', providerSchema);
