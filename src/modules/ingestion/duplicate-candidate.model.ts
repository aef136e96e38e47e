import { InferSchemaType, Schema, Types, model } from 'mongoose';

/**
 * Two resources of the same kind and different providers whose titles reduce to the same fingerprint ("The Complete
 * Docker Course" on Udemy, "Docker: the complete course" on Coursera). They are flagged for a person
 * to review, never merged automatically: near-equal titles are often different courses.
 */
const duplicateCandidateSchema = new Schema(
  {
    /** The two resource ids, sorted, joined by ":": one record per pair, however often it is found. */
    pairKey: { type: String, required: true },
    resourceIds: { type: [Schema.Types.ObjectId], required: true },
    titleFingerprint: { type: String, required: true },
    reason: { type: String, required: true },
    status: { type: String, enum: ['OPEN', 'CONFIRMED', 'DISMISSED'], default: 'OPEN' },
  },
  { timestamps: true, versionKey: false, collection: 'duplicate_candidates', autoIndex: false },
);

// Built by connectMongo at start-up and by the CLIs (autoIndex off): a background build would race the first requests.
duplicateCandidateSchema.index({ pairKey: 1 }, { unique: true });
duplicateCandidateSchema.index({ status: 1, createdAt: -1 });

export type DuplicateCandidateDocument = InferSchemaType<typeof duplicateCandidateSchema> & { _id: Types.ObjectId };
export const DuplicateCandidateModel = model('DuplicateCandidate', duplicateCandidateSchema);
