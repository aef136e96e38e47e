import type { ResourceKindValue } from '../resource/resource.model';
import type { SkillMatchSource } from '../skill-matching/skill-matcher';

/**
 * One record as an adapter read it from a feed, before normalisation: the feed's own spellings of
 * prices, durations, levels and languages. Adapters only map field names; every judgement (what is a
 * price, a level, a valid URL) is the normaliser's, so all feeds are judged alike.
 */
export interface FeedRecord {
  /** 1-based position of the record in its feed, for the summary and error messages. */
  recordNumber: number;
  /** The record's id in its feed; (feed, externalId) identifies the resource. Null: the adapter found none. */
  externalId: string | null;
  kind: ResourceKindValue;
  title: unknown;
  url: unknown;
  description?: unknown;
  /** The provider by slug; when absent the provider is found from the URL's host. */
  providerSlug?: string | null;
  /** A number with `currency`, or text such as "$19.99", "€10", "19.99 USD" or "Free". */
  price?: unknown;
  currency?: unknown;
  /** What the feed says about how the resource is sold. */
  offer?: { isPaid?: boolean | null; audit?: boolean | null; subscription?: boolean | null; freemium?: boolean | null };
  /** true/false, or text such as "Shareable Certificate", "verified" or "none". */
  certificate?: unknown;
  /** Minutes as a number, or text: "4h 30m", "PT4H30M", "6 weeks at 3 hours/week", "4.5 total hours". */
  duration?: unknown;
  level?: unknown;
  language?: unknown;
  /**
   * True when the adapter wrote `description` from other fields (topics, headings): the skill matcher
   * then ignores it, since those fields are matched already, and as text they would count twice.
   */
  generatedDescription?: boolean;
  /** Names of technologies, topics or skills the source attaches, matched against the skills' names and aliases and the broad terms. */
  skillTerms?: string[];
  /**
   * Hierarchies of terms, outermost first (a list's headings): each path contributes the skills of
   * its most specific term that names any.
   */
  skillTermPaths?: string[][];
  /** Terms the adapter already knows name no skill: only reported. */
  unmappedTerms?: string[];
  tags?: string[];
  rating?: { average?: unknown; count?: unknown };
  format?: string | null;
  /** COURSE: the source lists it as an interactive tutorial. */
  interactive?: boolean;
  /**
   * COURSE: a curriculum's schedule as text, judged by the normaliser: its length ("8 weeks",
   * "10-12 weeks") and weekly effort ("6-8 hours/week"); "-" or empty for unknown.
   */
  studyPlan?: { length?: unknown; weeklyEffort?: unknown };
  /** COURSE: URLs of the courses to take first. */
  prerequisiteUrls?: string[];

  /** BOOK: authors, formats ("PDF", "HTML") and access notes ("email address requested"). */
  authors?: string[];
  formats?: string[];
  accessNotes?: string[];

  repositoryUrl?: unknown;
  primaryLanguage?: string | null;
  stars?: unknown;
  beginnerLabels?: string[];
  license?: string | null;

  startDate?: unknown;
  endDate?: unknown;
  city?: string | null;
  country?: string | null;
  online?: boolean | null;
  cfpUrl?: unknown;
  cfpDeadline?: unknown;
}

/** A resource → skill link as stored on the resource. */
export interface StoredSkillLink {
  skillId: string;
  confidence: number;
  matchedBy: SkillMatchSource;
}

/** A record the pipeline refused, with why. The rest of the feed still lands. */
export interface Rejection {
  recordNumber: number;
  externalId: string | null;
  /** The input field at fault ("url", "price"), when one is. */
  field: string | null;
  reason: string;
}

/** How each offer is sold. */
export const OFFER_TYPES = ['FREE', 'AUDIT', 'FREEMIUM', 'SUBSCRIPTION', 'PAID'] as const;
export type OfferType = (typeof OFFER_TYPES)[number];
export type CertificateValue = 'NONE' | 'FREE' | 'PAID';
export type LevelValue = 'BEGINNER' | 'INTERMEDIATE' | 'ADVANCED' | 'EXPERT';
export type PricingValue = 'FREE' | 'PAID' | 'UNKNOWN';
export type LevelSourceValue = 'SOURCE' | 'TITLE';

/** Both ends of a span of minutes the source gives; equal for a single value. */
export interface MinutesRange {
  minMinutes: number;
  maxMinutes: number;
}

/** Both ends of a length in weeks the source gives; equal for a single value. */
export interface WeeksRange {
  minWeeks: number;
  maxWeeks: number;
}

/** A record ready to store: every value checked and in the catalogue's units. */
export interface NormalisedResource {
  recordNumber: number;
  externalId: string;
  kind: ResourceKindValue;
  title: string;
  url: string;
  description: string;
  providerSlug: string | null;
  /** What is known about the price; UNKNOWN when the feed says nothing (never guessed as paid). */
  pricing: PricingValue;
  /** `pricing === 'FREE'`, kept for the deprecated `free` field. */
  free: boolean;
  priceAmount: number | null;
  priceCurrency: string | null;
  offerType: OfferType | null;
  level: LevelValue | null;
  /** Where `level` was read: the feed's level field (SOURCE) or the title (TITLE); null without a level. */
  levelSource: LevelSourceValue | null;
  language: string | null;
  skillIds: string[];
  /** One entry per `skillIds` entry, in the same order: how sure the matcher is and why (src/modules/skill-matching). */
  skillLinks: StoredSkillLink[];
  /** Terms that named no skill. */
  unmappedTerms: string[];
  tags: string[];
  titleFingerprint: string;

  durationMinutes?: number;
  ratingAverage?: number;
  ratingCount?: number;
  certificate?: CertificateValue;
  format?: string;
  interactive?: boolean;
  durationRange?: MinutesRange;
  weeklyEffort?: MinutesRange;
  weeks?: WeeksRange;
  prerequisiteUrlKeys?: string[];

  authors?: string[];
  formats?: string[];
  accessNotes?: string[];

  repositoryUrl?: string;
  primaryLanguage?: string;
  stars?: number;
  beginnerLabels?: string[];
  license?: string;

  startDate?: Date;
  endDate?: Date;
  city?: string;
  country?: string;
  online?: boolean;
  cfpUrl?: string;
  cfpDeadline?: Date;
}

/** What one feed's records came to. */
export interface FeedReading {
  records: FeedRecord[];
  /** Records the adapter could not read at all (a malformed entry), with why. */
  rejected: Rejection[];
  /**
   * Listings the adapter folded into another record (the same URL or conference listed twice),
   * grouped by why: they are not records of their own, but they were read.
   */
  merged?: Array<{ reason: string; count: number }>;
}

/** One file of a feed, or one page fetched over HTTP. */
export interface FeedFile {
  name: string;
  text: string;
}

/** Reads one format. Throws only when a file as a whole is unreadable (malformed JSON, not the documented shape). */
export interface SourceAdapter {
  /** The feed name stored in `source.feed` (e.g. "udemy"). */
  feed: string;
  /** What the format is, for `--help`. */
  description: string;
  /** File names this adapter reads in a directory. */
  filePattern: RegExp;
  /** Turns every file (or page) of one feed into records, numbered from 1 across files in order. */
  read(files: readonly FeedFile[]): FeedReading;
  /** The URL of the page after `page` for HTTP feeds; null on the last page. */
  nextPageUrl?(page: { url: string; body: unknown; linkHeader: string | null }): string | null;
}
