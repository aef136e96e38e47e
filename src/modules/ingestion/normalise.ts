import { foldText, textOfUnknown } from '../../core/text';
import { canonicalUrlOf, pageKeyOf } from '../resource/resource-url';
import { normaliseSkillTerm } from '../skill/skill-term';
import { levelFromTitle } from './level-from-title';
import { matchSkillLinks, type SkillMatchInput } from '../skill-matching/skill-matcher';
import type { SkillMatchVocabulary } from '../skill-matching/skill-match-vocabulary';
import type {
  CertificateValue,
  FeedRecord,
  LevelSourceValue,
  LevelValue,
  NormalisedResource,
  OfferType,
  PricingValue,
  Rejection,
  StoredSkillLink,
} from './ingestion.types';
import { parseStudyPlan, StudyPlanError } from './study-plan';

/**
 * The resource normaliser: every rule that decides what a stored resource's fields look like (HTML in
 * titles, lengths, URLs, languages, tags, title fingerprints), for every door into the collection.
 * Feeds and partners send whole records through `normaliseRecord`; the admin API validates its input
 * field by field (each problem a user error) and then stores it through these same rules. No I/O, so
 * each rule is unit-tested on its own (__tests__/normalise.test.ts).
 */

/** A description this large is not a description but a payload; refused rather than truncated. */
export const MAX_DESCRIPTION_BYTES = 5 * 1024 * 1024;
/** The longest stored description: the admin API refuses longer ones, feeds' are cut at a word boundary. */
export const MAX_DESCRIPTION_LENGTH = 20_000;
export const MAX_TITLE_LENGTH = 300;
/** At most this many tags (and beginner labels) per resource, each at most `MAX_TAG_LENGTH` characters. */
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 50;
/** Free text of one line (a city, a country). */
export const MAX_SHORT_TEXT_LENGTH = 200;

export class NormalisationError extends Error {
  constructor(
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}

// URLs

/**
 * The canonical form of a URL (`canonicalUrlOf`: lower-case scheme and host, no default port, no
 * tracking parameters, no fragment, no trailing slash). Two listings of one page compare equal.
 * Throws for anything but an absolute http(s) URL: `javascript:` and `data:` URLs would be an XSS
 * vector in every client that renders them.
 */
export function canonicaliseUrl(raw: unknown, field = 'url'): string {
  if (typeof raw !== 'string' || raw.trim().length === 0) throw new NormalisationError(field, 'the URL is missing');
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw new NormalisationError(field, `"${raw.slice(0, 100)}" is not an absolute URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new NormalisationError(field, `only http and https URLs are accepted, got "${parsed.protocol}"`);
  const url = canonicalUrlOf(parsed);
  if (url.length > 2048) throw new NormalisationError(field, 'the URL is longer than 2048 characters');
  return url;
}

// Text

/**
 * HTML in a title: a comment or doctype, any closing tag, any tag with attributes, or an opening tag
 * of an HTML element. Generic types such as "List<String>" or "Map<K, V>", "C++ <3" and conference
 * names such as "c't <webdev>" are not tags.
 */
const HTML_PATTERNS = [
  /<!/,
  /<\/[a-zA-Z][\w-]*\s*>/,
  /<[a-zA-Z][\w-]*\s[^>]*=/,
  /<(?:a|abbr|b|base|blockquote|body|br|button|center|code|del|details|dialog|div|em|embed|font|form|frame|frameset|h[1-6]|head|hr|html|i|iframe|img|input|ins|kbd|link|li|marquee|math|meta|object|ol|p|pre|q|s|script|small|span|strong|style|sub|sup|svg|table|td|template|textarea|th|tr|u|ul|video)(?:\s[^>]*)?\/?>/i,
];

/** HTML tags in a title; generic types such as "List<String>" are not tags. */
export function containsHtml(text: string): boolean {
  return HTML_PATTERNS.some((pattern) => pattern.test(text));
}

/** A title as stored: runs of whitespace become one space, none at either end. */
export function cleanTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim();
}

/** The lower-cased title: the sort key of `orderBy: TITLE` and the target of title-prefix filters. */
export function titleKeyOf(title: string): string {
  return title.toLowerCase();
}

export function normaliseTitle(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim().length === 0) throw new NormalisationError('title', 'the title is missing');
  const title = cleanTitle(raw);
  if (containsHtml(title)) throw new NormalisationError('title', 'the title contains HTML');
  if (title.length > MAX_TITLE_LENGTH) throw new NormalisationError('title', `the title is longer than ${MAX_TITLE_LENGTH} characters`);
  return title;
}

export function normaliseDescription(raw: unknown): string {
  if (raw == null) return '';
  if (typeof raw !== 'string') throw new NormalisationError('description', 'the description is not text');
  if (Buffer.byteLength(raw, 'utf8') > MAX_DESCRIPTION_BYTES)
    throw new NormalisationError('description', 'the description is larger than 5 MB');
  const text = raw.trim();
  if (text.length <= MAX_DESCRIPTION_LENGTH) return text;
  const cut = text.slice(0, MAX_DESCRIPTION_LENGTH - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_DESCRIPTION_LENGTH / 2))}…`;
}

const FILLER_WORDS = new Set([
  'a',
  'an',
  'the',
  'to',
  'for',
  'of',
  'and',
  'in',
  'with',
  'course',
  'complete',
  'guide',
  'introduction',
  'intro',
  'learn',
  'tutorial',
  'masterclass',
  'bootcamp',
]);

/**
 * A title reduced to its distinctive words, sorted: "The Complete Docker Course" and "Docker: the
 * complete course!" share one. Equal fingerprints across providers are flagged for review, not merged.
 * Empty (never compared) for a title with letters outside the Latin alphabet.
 */
export function titleFingerprint(title: string): string {
  // Letters of other scripts ("Python 入門", "Учебник Python") would vanish and leave one technology
  // word that thousands of titles share: no fingerprint rather than a false one.
  if (/\p{L}/u.test(foldText(title).replace(/[a-z]/g, ''))) return '';
  const words = normaliseSkillTerm(title)
    .split(' ')
    .filter((word) => word.length > 0 && !FILLER_WORDS.has(word));
  return [...new Set(words)].sort().join(' ');
}

// Prices and offers

const CURRENCY_SYMBOLS: Record<string, string> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '₹': 'INR',
  '¥': 'JPY',
  R$: 'BRL',
  A$: 'AUD',
  C$: 'CAD',
};
const FREE_WORDS = /^(?:free|gratis|gratuit|kostenlos|0|0\.00)$/i;

export interface Price {
  amount: number;
  currency: string;
}

/**
 * A price as amount and ISO 4217 currency: `(19.99, "usd")`, `"$19.99"`, `"19,99 €"`, `"EUR 10"`,
 * `"Free"` (amount 0). Null when the feed gives none. Negative or unreadable prices are refused.
 */
export function normalisePrice(raw: unknown, currencyHint?: unknown): Price | null {
  if (raw == null || raw === '') return null;
  const hint = typeof currencyHint === 'string' && /^[A-Za-z]{3}$/.test(currencyHint.trim()) ? currencyHint.trim().toUpperCase() : null;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new NormalisationError('price', `the price ${raw} is not a number`);
    if (raw < 0) throw new NormalisationError('price', `the price ${raw} is negative`);
    if (!hint && raw > 0) throw new NormalisationError('price', 'the price has no currency');
    return { amount: Math.round(raw * 100) / 100, currency: hint ?? 'USD' };
  }
  if (typeof raw !== 'string') throw new NormalisationError('price', 'the price is neither a number nor text');
  const text = raw.trim();
  if (FREE_WORDS.test(text)) return { amount: 0, currency: hint ?? 'USD' };
  const match =
    /^(-)?\s*([A-Z]{3}|US\$|R\$|A\$|C\$|[$€£₹¥])?\s*(-)?\s*(\d{1,3}(?:[,.\s]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s*([A-Z]{3}|[$€£₹¥])?$/i.exec(
      text,
    );
  if (!match) throw new NormalisationError('price', `"${text.slice(0, 50)}" is not a price`);
  const [, minus1, prefix, minus2, digits, suffix] = match;
  const symbol = prefix ?? suffix;
  const currency = symbol ? (CURRENCY_SYMBOLS[symbol] ?? symbol.toUpperCase()) : hint;
  if (!currency) throw new NormalisationError('price', 'the price has no currency');
  const amount = parseAmount(digits);
  if (minus1 || minus2) throw new NormalisationError('price', `the price ${text} is negative`);
  return { amount, currency };
}

/** "1,299.50", "1.299,50", "19,99" and "1 299" as numbers: the last separator followed by 1–2 digits is the decimal point. */
function parseAmount(digits: string): number {
  const decimal = /[.,](\d{1,2})$/.exec(digits);
  const whole = (decimal ? digits.slice(0, -decimal[0].length) : digits).replace(/[.,\s]/g, '');
  return Number(`${whole}${decimal ? `.${decimal[1]}` : ''}`);
}

/**
 * How a resource is sold. The feed's own flags win (audit track, subscription, freemium); otherwise a
 * price above 0 (or `isPaid`) means PAID and none means FREE. Null when nothing says either way.
 */
export function offerTypeOf(offer: FeedRecord['offer'], price: Price | null): OfferType | null {
  if (offer?.subscription) return 'SUBSCRIPTION';
  if (offer?.audit) return 'AUDIT';
  if (offer?.freemium) return 'FREEMIUM';
  if (offer?.isPaid === true || (price && price.amount > 0)) return 'PAID';
  if (offer?.isPaid === false || (price && price.amount === 0)) return 'FREE';
  return null;
}

/**
 * FREE, PAID or UNKNOWN. An offer type decides (free to follow: FREE; subscription or paid: PAID), else
 * a price (0: FREE, above: PAID), else the feed's `isPaid`; a feed that says nothing (confs.tech has no
 * prices) is UNKNOWN, never "not free".
 */
export function pricingOf(offerType: OfferType | null, price: Price | null, offer: FeedRecord['offer']): PricingValue {
  if (offerType) return offerType === 'PAID' || offerType === 'SUBSCRIPTION' ? 'PAID' : 'FREE';
  if (price) return price.amount === 0 ? 'FREE' : 'PAID';
  if (offer?.isPaid === false) return 'FREE';
  if (offer?.isPaid === true) return 'PAID';
  return 'UNKNOWN';
}

/**
 * The level and where it was read: the feed's own level field (SOURCE), else, for courses, words in
 * the title such as "for Beginners" (TITLE); null and null when neither says.
 */
export function levelWithSource(
  rawLevel: unknown,
  title: string,
  kind: FeedRecord['kind'],
): { level: LevelValue | null; levelSource: LevelSourceValue | null } {
  const fromSource = normaliseLevel(rawLevel);
  if (fromSource) return { level: fromSource, levelSource: 'SOURCE' };
  const fromTitle = kind === 'COURSE' ? levelFromTitle(title) : null;
  return fromTitle ? { level: fromTitle, levelSource: 'TITLE' } : { level: null, levelSource: null };
}

/** NONE, FREE or PAID: a certificate that costs nothing on a free resource is FREE; on a paid one, PAID. */
export function normaliseCertificate(raw: unknown, offerType: OfferType | null): CertificateValue | undefined {
  if (raw == null || raw === '') return undefined;
  const text = textOfUnknown(raw).trim().toLowerCase();
  if (raw === false || /^(?:no|none|false|no certificate|not available)$/.test(text)) return 'NONE';
  if (/^(?:free|free certificate)$/.test(text)) return 'FREE';
  if (/^(?:paid|verified|professional|professional certificate)$/.test(text)) return 'PAID';
  if (raw === true || /certificate|yes|true/.test(text)) return offerType === 'FREE' ? 'FREE' : 'PAID';
  throw new NormalisationError('certificate', `"${text.slice(0, 50)}" is not a certificate kind`);
}

// Durations

const UNIT_MINUTES: Record<string, number> = {
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
  h: 60,
  hr: 60,
  hrs: 60,
  hour: 60,
  hours: 60,
  d: 1440,
  day: 1440,
  days: 1440,
};
const MAX_DURATION_MINUTES = 1_000_000;
const DURATION_FILLER = /\b(?:approx|approximately|about|around|roughly|to complete|total|of|on-demand|video|content|and)\b/g;

/**
 * A duration in whole minutes: a number of minutes, "4h 30m", "4 hours 30 minutes", "90 min",
 * "4.5 total hours", "PT4H30M" (ISO 8601), "1:30:00", "6 weeks at 3 hours/week" or "6 weeks, 2-4 hours
 * per week" (the middle of a range). Null when the feed gives none; unreadable text is refused.
 */
export function parseDurationMinutes(raw: unknown): number | null {
  if (raw == null || raw === '') return null;
  if (typeof raw === 'number') return checkedMinutes(raw);
  if (typeof raw !== 'string') throw new NormalisationError('duration', 'the duration is neither a number nor text');
  const text = raw.trim().toLowerCase();

  const iso = /^p(?:(\d+(?:\.\d+)?)w)?(?:(\d+(?:\.\d+)?)d)?(?:t(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?)?$/.exec(
    text,
  );
  if (iso && text !== 'p' && text !== 'pt') {
    const [, weeks, days, hours, minutes, seconds] = iso.map((part) => Number(part ?? 0));
    return checkedMinutes(weeks * 7 * 1440 + days * 1440 + hours * 60 + minutes + seconds / 60);
  }
  const clock = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(text);
  if (clock) return checkedMinutes(Number(clock[1]) * 60 + Number(clock[2]) + Number(clock[3] ?? 0) / 60);

  const perWeek =
    /^(\d+(?:\.\d+)?)\s*weeks?\b.*?(\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(\d+(?:\.\d+)?))?\s*(?:hours?|hrs?|h)\s*(?:\/|per|a|each)\s*week/.exec(
      text,
    );
  if (perWeek) {
    const low = Number(perWeek[2]);
    const high = perWeek[3] ? Number(perWeek[3]) : low;
    return checkedMinutes(Number(perWeek[1]) * ((low + high) / 2) * 60);
  }

  const parts = /(\d+(?:\.\d+)?)\s*(?:total\s+)?(minutes?|mins?|m|hours?|hrs?|h|days?|d)\b/g;
  let total = 0;
  let found = false;
  for (const part of text.matchAll(parts)) {
    total += Number(part[1]) * UNIT_MINUTES[part[2]];
    found = true;
  }
  // Only the amounts and filler words may be left: "approx. 13 hours to complete" yes, "13 hours a day for a year" no.
  const rest = text
    .replace(parts, '')
    .replace(DURATION_FILLER, '')
    .replace(/[\s,.+~]+/g, '');
  if (found && rest === '') return checkedMinutes(total);
  throw new NormalisationError('duration', `"${text.slice(0, 50)}" is not a duration`);
}

function checkedMinutes(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0 || minutes > MAX_DURATION_MINUTES)
    throw new NormalisationError('duration', `a duration of ${minutes} minutes is out of range`);
  return Math.round(minutes);
}

// Levels and languages

const LEVEL_WORDS: Array<[RegExp, LevelValue]> = [
  [/\b(?:beginner|beginners|introductory|intro|basic|elementary|novice|foundational|entry)\b/, 'BEGINNER'],
  [/\b(?:intermediate|medium)\b/, 'INTERMEDIATE'],
  [/\b(?:advanced)\b/, 'ADVANCED'],
  [/\b(?:expert|mastery)\b/, 'EXPERT'],
];

/** "Beginner Level", "introductory", "Intermediate", "Expert" → Level; "All Levels", "Mixed" or nothing → null. */
export function normaliseLevel(raw: unknown): LevelValue | null {
  if (raw == null) return null;
  const text = textOfUnknown(raw).trim().toLowerCase();
  if (text === '' || /\ball\b|\bmixed\b|\bany\b/.test(text)) return null;
  for (const [pattern, level] of LEVEL_WORDS) if (pattern.test(text)) return level;
  return null;
}

const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  french: 'fr',
  français: 'fr',
  francais: 'fr',
  german: 'de',
  deutsch: 'de',
  portuguese: 'pt',
  português: 'pt',
  portugues: 'pt',
  italian: 'it',
  italiano: 'it',
  japanese: 'ja',
  日本語: 'ja',
  chinese: 'zh',
  mandarin: 'zh',
  中文: 'zh',
  korean: 'ko',
  한국어: 'ko',
  russian: 'ru',
  русский: 'ru',
  arabic: 'ar',
  hindi: 'hi',
  turkish: 'tr',
  türkçe: 'tr',
  dutch: 'nl',
  polish: 'pl',
  polski: 'pl',
  vietnamese: 'vi',
  indonesian: 'id',
  ukrainian: 'uk',
  swedish: 'sv',
  czech: 'cs',
  greek: 'el',
  hebrew: 'he',
};
/** Country codes feeds write where a language code belongs. */
/**
 * Country codes feeds write where a language code belongs. Only codes that are no ISO 639-1 code at all:
 * "se" (Northern Sami) and "kr" (Kanuri) are real languages, so they are kept as sent, not guessed.
 */
const LANGUAGE_CODE_FIXES: Record<string, string> = { jp: 'ja', cn: 'zh', gr: 'el', cz: 'cs', ua: 'uk' };

/**
 * ISO 639-1: "en", "en_US", "en-GB", "English", "Español" → "en"/"es"; unknown → null (a feed's record
 * is kept without a language; the admin API, which takes codes only, refuses it).
 */
export function normaliseLanguage(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const text = raw.trim().toLowerCase();
  const byName = LANGUAGE_NAMES[text.split(/[\s(,]/)[0]];
  if (byName) return byName;
  const code = /^([a-z]{2})(?:[-_][a-z0-9]+)*$/.exec(text)?.[1];
  if (!code) return null;
  return LANGUAGE_CODE_FIXES[code] ?? code;
}

// Skills

/**
 * What the skill matcher reads of a feed record: its title, its own description (not one the adapter
 * wrote from other fields), its topics and its heading paths. The link evaluation (`npm run eval:links`)
 * calls this on adapters' records, so it sees exactly what ingestion matches.
 */
export function skillMatchInputOf(record: FeedRecord, topicsFrom: SkillMatchInput['topicsFrom'] = 'FEED'): SkillMatchInput {
  return {
    kind: record.kind,
    title: typeof record.title === 'string' ? cleanTitle(record.title) : '',
    description: !record.generatedDescription && typeof record.description === 'string' ? record.description : null,
    headingPaths: record.skillTermPaths ?? [],
    topics: record.skillTerms ?? [],
    topicsFrom,
  };
}

/** The record's skill links by skill id (the matcher works on slugs), and the terms that named no skill. */
function skillLinksOf(
  record: FeedRecord,
  vocabulary: SkillMatchVocabulary,
  skillIdBySlug: ReadonlyMap<string, string>,
  topicsFrom: SkillMatchInput['topicsFrom'],
): { links: StoredSkillLink[]; unmapped: string[] } {
  const match = matchSkillLinks(skillMatchInputOf(record, topicsFrom), vocabulary);
  const links: StoredSkillLink[] = [];
  for (const found of match.links) {
    const skillId = skillIdBySlug.get(found.skill);
    if (skillId) links.push({ skillId, confidence: found.confidence, matchedBy: found.matchedBy });
  }
  return { links, unmapped: [...match.unmapped, ...(record.unmappedTerms ?? [])] };
}

// Dates and numbers

function optionalDate(raw: unknown, field: string): Date | undefined {
  if (raw == null || raw === '') return undefined;
  const date =
    raw instanceof Date
      ? raw
      : typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw.trim())
        ? new Date(`${raw.trim()}T00:00:00.000Z`)
        : new Date(textOfUnknown(raw));
  if (Number.isNaN(date.getTime())) throw new NormalisationError(field, `"${textOfUnknown(raw).slice(0, 40)}" is not a date`);
  return date;
}

function optionalNumber(raw: unknown, field: string, min: number, max: number): number | undefined {
  if (raw == null || raw === '') return undefined;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new NormalisationError(field, `${textOfUnknown(raw).slice(0, 40)} is not between ${min} and ${max}`);
  return value;
}

/** Tags as stored: trimmed, lower-case, each once, empty and over-long ones dropped, at most `MAX_TAGS`. */
export function normaliseTags(values: readonly string[] | null | undefined): string[] {
  return [
    ...new Set(
      (values ?? []).map((value) => value.trim().toLowerCase()).filter((value) => value.length > 0 && value.length <= MAX_TAG_LENGTH),
    ),
  ].slice(0, MAX_TAGS);
}

/** Beginner labels as stored: trimmed, each once (their case is the project's own), at most `MAX_TAGS`. */
export function normaliseLabels(values: readonly string[] | null | undefined): string[] {
  return [...new Set((values ?? []).map((label) => label.trim()).filter(Boolean))].slice(0, MAX_TAGS);
}

function optionalText(value: string | null | undefined, max = MAX_SHORT_TEXT_LENGTH): string | undefined {
  const text = value?.trim();
  return text ? text.slice(0, max) : undefined;
}

/** Short texts as stored: trimmed, each once, in the source's order, at most `MAX_TAGS`. */
function shortTexts(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map((value) => optionalText(value)).filter((value): value is string => value !== undefined))].slice(
    0,
    MAX_TAGS,
  );
}

/** The URL claims (`pageKeyOf`) of URLs a record points at, each once; an unusable URL refuses the record. */
function urlKeysOf(urls: readonly string[], field: string): string[] {
  const keys = urls.map((url) => pageKeyOf(canonicaliseUrl(url, field))).filter((key): key is string => key !== null);
  return [...new Set(keys)];
}

/** A curriculum's schedule (`parseStudyPlan`); the exact total becomes `durationMinutes` unless the feed gave one. */
function studyPlanFields(
  studyPlan: NonNullable<FeedRecord['studyPlan']>,
  durationMinutes: number | undefined,
): Pick<NormalisedResource, 'weeks' | 'weeklyEffort' | 'durationRange' | 'durationMinutes'> {
  let plan;
  try {
    plan = parseStudyPlan(studyPlan.length, studyPlan.weeklyEffort);
  } catch (error) {
    if (error instanceof StudyPlanError) throw new NormalisationError('studyPlan', error.message);
    throw error;
  }
  const fields: Pick<NormalisedResource, 'weeks' | 'weeklyEffort' | 'durationRange' | 'durationMinutes'> = {};
  if (plan.weeks) fields.weeks = plan.weeks;
  if (plan.weeklyEffort) fields.weeklyEffort = plan.weeklyEffort;
  if (plan.durationRange) fields.durationRange = plan.durationRange;
  if (durationMinutes === undefined && plan.durationMinutes !== null) fields.durationMinutes = plan.durationMinutes;
  return fields;
}

/**
 * Normalises one record, or returns why it cannot be stored. Rejections: no external id, a missing
 * or HTML title, a missing or non-http(s) URL, a negative or unreadable price, an unreadable
 * duration, a description over 5 MB, an event without a start or ending before it starts.
 */
export function normaliseRecord(
  record: FeedRecord,
  vocabulary: SkillMatchVocabulary,
  skillIdBySlug: ReadonlyMap<string, string>,
  options: { topicsFrom?: SkillMatchInput['topicsFrom'] } = {},
): NormalisedResource | Rejection {
  try {
    if (!record.externalId || record.externalId.length > 500)
      throw new NormalisationError('externalId', 'the record has no usable external id');
    const title = normaliseTitle(record.title);
    const url = canonicaliseUrl(record.url);
    const description = normaliseDescription(record.description);
    const price = normalisePrice(record.price, record.currency);
    const offerType = record.kind === 'COURSE' || record.kind === 'BOOK' ? offerTypeOf(record.offer, price) : null;
    const pricing = pricingOf(offerType, price, record.offer);
    const free = pricing === 'FREE';
    const skills = skillLinksOf(record, vocabulary, skillIdBySlug, options.topicsFrom);
    const normalised: NormalisedResource = {
      recordNumber: record.recordNumber,
      externalId: record.externalId,
      kind: record.kind,
      title,
      url,
      description,
      providerSlug: record.providerSlug ?? null,
      pricing,
      free,
      priceAmount: !free && price && price.amount > 0 ? price.amount : null,
      priceCurrency: !free && price && price.amount > 0 ? price.currency : null,
      offerType,
      ...levelWithSource(record.level, title, record.kind),
      language: normaliseLanguage(record.language),
      skillIds: skills.links.map((link) => link.skillId),
      skillLinks: skills.links,
      unmappedTerms: skills.unmapped,
      tags: normaliseTags(record.tags),
      titleFingerprint: titleFingerprint(title),
    };
    if (record.kind === 'COURSE') {
      const durationMinutes = parseDurationMinutes(record.duration);
      if (durationMinutes != null) normalised.durationMinutes = durationMinutes;
      const ratingAverage = optionalNumber(record.rating?.average, 'rating', 0, 5);
      const ratingCount = optionalNumber(record.rating?.count, 'rating', 0, Number.MAX_SAFE_INTEGER);
      if (ratingAverage !== undefined) normalised.ratingAverage = Math.round(ratingAverage * 100) / 100;
      if (ratingCount !== undefined) normalised.ratingCount = Math.round(ratingCount);
      const certificate = normaliseCertificate(record.certificate, offerType);
      if (certificate) normalised.certificate = certificate;
      const format = optionalText(record.format, 100);
      if (format) normalised.format = format;
      if (record.interactive) normalised.interactive = true;
      if (record.studyPlan) Object.assign(normalised, studyPlanFields(record.studyPlan, normalised.durationMinutes));
      const prerequisiteUrlKeys = urlKeysOf(record.prerequisiteUrls ?? [], 'prerequisiteUrls');
      if (prerequisiteUrlKeys.length > 0) normalised.prerequisiteUrlKeys = prerequisiteUrlKeys;
    }
    if (record.kind === 'BOOK') {
      const authors = shortTexts(record.authors);
      const formats = shortTexts(record.formats);
      const accessNotes = shortTexts(record.accessNotes);
      if (authors.length > 0) normalised.authors = authors;
      if (formats.length > 0) normalised.formats = formats;
      if (accessNotes.length > 0) normalised.accessNotes = accessNotes;
    }
    if (record.kind === 'OPEN_SOURCE_PROJECT') {
      normalised.repositoryUrl = record.repositoryUrl != null ? canonicaliseUrl(record.repositoryUrl, 'repositoryUrl') : url;
      const stars = optionalNumber(record.stars, 'stars', 0, Number.MAX_SAFE_INTEGER);
      if (stars !== undefined) normalised.stars = Math.round(stars);
      const primaryLanguage = optionalText(record.primaryLanguage, 100);
      if (primaryLanguage) normalised.primaryLanguage = primaryLanguage;
      const license = optionalText(record.license, 100);
      if (license) normalised.license = license;
      normalised.beginnerLabels = normaliseLabels(record.beginnerLabels);
    }
    if (record.kind === 'EVENT') {
      const startDate = optionalDate(record.startDate, 'startDate');
      if (!startDate) throw new NormalisationError('startDate', 'an event needs a start date');
      const endDate = optionalDate(record.endDate, 'endDate');
      if (endDate && endDate.getTime() < startDate.getTime()) throw new NormalisationError('endDate', 'the event ends before it starts');
      normalised.startDate = startDate;
      if (endDate) normalised.endDate = endDate;
      normalised.online = record.online ?? false;
      const city = optionalText(record.city);
      const country = optionalText(record.country);
      if (city) normalised.city = city;
      if (country) normalised.country = country;
      if (record.cfpUrl != null && record.cfpUrl !== '') normalised.cfpUrl = canonicaliseUrl(record.cfpUrl, 'cfpUrl');
      const cfpDeadline = optionalDate(record.cfpDeadline, 'cfpDeadline');
      if (cfpDeadline) normalised.cfpDeadline = cfpDeadline;
    }
    return normalised;
  } catch (error) {
    if (!(error instanceof NormalisationError)) throw error;
    return {
      recordNumber: record.recordNumber,
      externalId: record.externalId,
      field: error.field,
      reason: `${error.field ? `${error.field}: ` : ''}${error.message}`,
    };
  }
}

export function isRejection(value: NormalisedResource | Rejection): value is Rejection {
  return 'reason' in value;
}
