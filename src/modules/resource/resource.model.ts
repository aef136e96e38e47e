import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { LEVELS } from '../shared-enums';
import { SKILL_MATCH_SOURCES } from '../skill-matching/skill-matcher';
import { RESOURCE_KINDS } from './resource-kinds';

export { RESOURCE_KINDS, type ResourceKindValue } from './resource-kinds';
export const CERTIFICATES = ['NONE', 'FREE', 'PAID'] as const;
/** What is known about a resource's price: known free, known paid, or not known (a feed that says nothing). */
export const PRICINGS = ['FREE', 'PAID', 'UNKNOWN'] as const;
export type PricingValue = (typeof PRICINGS)[number];
/** Where a resource's level was read: the source's own level field, or words in its title ("… for Beginners"). */
export const LEVEL_SOURCES = ['SOURCE', 'TITLE'] as const;
export type LevelSourceValue = (typeof LEVEL_SOURCES)[number];

const skillCoverageSchema = new Schema(
  {
    skillId: { type: Schema.Types.ObjectId, required: true },
    level: { type: String, enum: LEVELS, default: null },
    /** How sure the skill matcher is of the link, 0–1 (src/modules/skill-matching); absent on links written before it. */
    confidence: { type: Number, default: undefined },
    /** Where the link's evidence came from (TITLE, HEADING, TOPIC, …, ADMIN); absent on links written before the matcher. */
    matchedBy: { type: String, enum: [...SKILL_MATCH_SOURCES], default: undefined },
  },
  { _id: false },
);

/** A span of minutes whose ends the source gives ("8-10 hours/week": 480 and 600; "5 hours/week": 300 and 300). */
const minutesRangeSchema = new Schema(
  {
    minMinutes: { type: Number, required: true, min: 0 },
    maxMinutes: { type: Number, required: true, min: 0 },
  },
  { _id: false },
);

/** How many weeks a course runs, as its source says ("10-12 weeks": 10 and 12). */
const weeksRangeSchema = new Schema(
  {
    minWeeks: { type: Number, required: true, min: 0 },
    maxWeeks: { type: Number, required: true, min: 0 },
  },
  { _id: false },
);

const sourceSchema = new Schema(
  {
    /** The feed the record came from ("free-programming-books", "confs-tech", "admin", a partner feed). */
    feed: { type: String, required: true },
    /** The record's id in that feed; (feed, externalId) is unique. */
    externalId: { type: String, required: true },
    fetchedAt: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * One collection for every kind of resource. Kind-specific fields sit at the top level and are
 * absent for other kinds; `kind` is the discriminator the GraphQL `Resource` interface resolves on.
 */
const resourceSchema = new Schema(
  {
    kind: { type: String, enum: RESOURCE_KINDS, required: true },
    slug: { type: String, required: true },
    title: { type: String, required: true },
    /** Lower-cased title: the sort key of `orderBy: TITLE`. */
    titleKey: { type: String, required: true },
    url: { type: String, required: true },
    /**
     * The URL's claim (src/modules/resource/resource-url-key.ts): its canonical form without scheme and
     * "www.", unique among the resources that hold one. Set on every write of a live resource, removed
     * when it is retired: one live resource per URL, whoever writes it, in whatever process.
     */
    urlKey: { type: String, default: undefined },
    description: { type: String, default: '' },
    providerId: { type: Schema.Types.ObjectId, required: true },
    skills: { type: [skillCoverageSchema], default: [] },
    /** Denormalised `skills.skillId`, kept in step on every write, for the multikey index. */
    skillIds: { type: [Schema.Types.ObjectId], default: [] },
    level: { type: String, enum: [...LEVELS, null], default: null },
    /** Where `level` was read (SOURCE or TITLE); null when there is no level. */
    levelSource: { type: String, enum: [...LEVEL_SOURCES, null], default: null },
    /**
     * FREE, PAID or UNKNOWN. The truth about price; `free` is kept in step (`pricing === 'FREE'`) for
     * the deprecated GraphQL field and filter, so `free: false` means "paid or unknown".
     */
    pricing: { type: String, enum: PRICINGS, default: 'UNKNOWN' },
    free: { type: Boolean, required: true },
    /** Price in `currency`; null for free resources. */
    priceAmount: { type: Number, default: null, min: 0 },
    priceCurrency: { type: String, default: null },
    language: { type: String, default: null },
    tags: { type: [String], default: [] },
    source: { type: sourceSchema, required: true },
    /**
     * Other feeds that list the same URL (src/modules/ingestion): one resource, several sources. The
     * first feed owns the record (slug, title, URL, tags); the groups of `PRECEDENCE_GROUPS`, skill links
     * included, come from the most authoritative feed that has them (recorded in `fieldSources`). These entries let each feed's re-run and retirement find its records.
     */
    alsoListedBy: { type: [sourceSchema], default: undefined },
    /**
     * Which feed supplied each field that several feeds may hold (src/modules/ingestion/field-precedence.ts),
     * by field name: `{ durationMinutes: "coursera" }`. The most authoritative feed that has a value wins.
     */
    fieldSources: { type: Schema.Types.Mixed, default: undefined },
    /**
     * Bumped by every write that changes a precedence field, `fieldSources` or `alsoListedBy`, and
     * required unchanged by such writes: a feed decides what it may take from a read, and a write
     * decided on a read another feed has since changed must be decided again, not overwrite it.
     */
    precedenceRevision: { type: Number, default: undefined },
    /** Set when the feed or partner withdrew the resource: it is kept for history but never listed. */
    retiredAt: { type: Date, default: undefined },
    /** Lower-cased title without punctuation or filler words: how ingestion spots near-duplicate titles across providers. */
    titleFingerprint: { type: String, default: undefined },
    /** Offer type of a course as its feed sells it (FREE, AUDIT, FREEMIUM, SUBSCRIPTION, PAID); set by ingestion. */
    offerType: { type: String, default: undefined },

    // Course
    durationMinutes: { type: Number, default: undefined },
    ratingAverage: { type: Number, default: undefined },
    ratingCount: { type: Number, default: undefined },
    certificate: { type: String, enum: CERTIFICATES, default: undefined },
    format: { type: String, default: undefined },
    /** True when the source lists it as an interactive tutorial (learning by doing in the browser); absent when it does not say. */
    interactive: { type: Boolean, default: undefined },
    /** Total study time, both ends of the source's range (weeks × weekly effort); absent when unknown. */
    durationRange: { type: minutesRangeSchema, default: undefined },
    /** Study time per week, both ends of the source's range; absent when unknown. */
    weeklyEffort: { type: minutesRangeSchema, default: undefined },
    /** Length in weeks as the source gives it; absent when unknown. */
    weeks: { type: weeksRangeSchema, default: undefined },
    /**
     * The `urlKey`s of the courses to take first (a curriculum's prerequisites, resolved to courses of
     * the same feed when ingested). Kept as URL claims, not ids, so a prerequisite ingested later, or
     * the same course listed first by another feed, is found as the one live resource at that URL.
     */
    prerequisiteUrlKeys: { type: [String], default: undefined },

    // Book
    /** Authors as the source names them, in its order. */
    authors: { type: [String], default: undefined },
    /** Formats the book is offered in ("PDF", "HTML", "EPUB"), as the source notes them. */
    formats: { type: [String], default: undefined },
    /** Conditions of access the source notes ("email address requested", "registration required"). */
    accessNotes: { type: [String], default: undefined },

    // OpenSourceProject
    repositoryUrl: { type: String, default: undefined },
    primaryLanguage: { type: String, default: undefined },
    stars: { type: Number, default: undefined },
    beginnerLabels: { type: [String], default: undefined },
    license: { type: String, default: undefined },

    // Event
    startDate: { type: Date, default: undefined },
    endDate: { type: Date, default: undefined },
    city: { type: String, default: undefined },
    country: { type: String, default: undefined },
    online: { type: Boolean, default: undefined },
    cfpUrl: { type: String, default: undefined },
    cfpDeadline: { type: Date, default: undefined },

    // Search (src/modules/search/search-fields.ts computes them on every write; never set by hand).
    // `select: false`: they are three quarters of a stored resource (a page of 50 is ~175 KB with them,
    // ~45 KB without), and only the search aggregation and the writers' compare-before-write read
    // them; those ask for them with `selectHiddenFields` (src/core/hidden-fields.ts).
    searchTitleTokens: { type: [String], default: undefined, select: false },
    searchSkillTokens: { type: [String], default: undefined, select: false },
    searchBodyTokens: { type: [String], default: undefined, select: false },
    searchPrefixes: { type: [String], default: undefined, select: false },
    searchFuzzyKeys: { type: [String], default: undefined, select: false },
    searchWords: { type: [String], default: undefined, select: false },
    searchKeys: { type: [String], default: undefined, select: false },
    searchVersion: { type: Number, default: undefined, select: false },
  },
  { timestamps: true, versionKey: false, collection: 'resources' },
);

resourceSchema.index({ slug: 1 }, { unique: true });
resourceSchema.index({ 'source.feed': 1, 'source.externalId': 1 }, { unique: true });
resourceSchema.index({ providerId: 1, createdAt: -1, _id: -1 });
resourceSchema.index({ skillIds: 1, createdAt: -1, _id: -1 });
resourceSchema.index({ kind: 1, createdAt: -1, _id: -1 });
resourceSchema.index({ createdAt: -1, _id: -1 });
resourceSchema.index({ titleKey: 1, _id: 1 });
resourceSchema.index({ priceAmount: 1, _id: 1 });
resourceSchema.index({ ratingAverage: -1, _id: -1 });
resourceSchema.index({ startDate: 1, _id: 1 });
resourceSchema.index({ stars: -1, _id: -1 });
resourceSchema.index({ tags: 1 });
resourceSchema.index({ level: 1 });
resourceSchema.index({ pricing: 1 });
resourceSchema.index({ language: 1 });
// Sparse, not partial: mongo-java-server ignores partial filters on unique indexes. A retired resource
// has no `urlKey` at all (never null), so it is left out of the index and its URL is free again.
resourceSchema.index({ urlKey: 1 }, { unique: true, sparse: true });
resourceSchema.index({ 'alsoListedBy.feed': 1, 'alsoListedBy.externalId': 1 });
resourceSchema.index({ titleFingerprint: 1 });
// The one multikey index behind `search`: candidates are found by ONE `$in` on the tagged
// keys ("w:kubernet", "p:kub", "f:kubernets", "k:<skill id>"); the per-field arrays are only read to score.
resourceSchema.index({ searchKeys: 1 });
resourceSchema.index({ searchVersion: 1 });

export type ResourceDocument = InferSchemaType<typeof resourceSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const ResourceModel = model('Resource', resourceSchema);
