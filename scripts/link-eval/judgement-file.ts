import { canonicaliseUrl } from '../../src/modules/ingestion/normalise';
import { resourceUrlKey } from '../../src/modules/resource/resource-url';
import { STRATA, type Stratum } from './strata';

/** Where the judged link set lives, from the project root. */
export const JUDGEMENT_FILE = 'tests/link-judgements/judgements.json';

export const JUDGED_KINDS = ['COURSE', 'BOOK', 'EVENT', 'OPEN_SOURCE_PROJECT'] as const;
export type JudgedKind = (typeof JUDGED_KINDS)[number];

/** One resource as a person judged it, by reading it (never by running the matcher). */
export interface LinkJudgement {
  /** The resource's URL as the catalogue stores it (`canonicaliseUrl`). */
  url: string;
  /** An event's start day (YYYY-MM-DD): each edition of a conference is a resource of its own. */
  startDate?: string;
  /** The feed that lists it ("free-programming-books", "confs-tech", "ossu", "coursera"…). */
  source: string;
  kind: JudgedKind;
  /** The part of the source it was drawn from ("books-subjects", "courses-es", "devops"…). */
  list: string;
  /** The stratum its own words suggested when it was drawn (scripts/link-eval/strata.ts). */
  drawnFor: Stratum;
  title: string;
  /** Skills it clearly teaches or covers: a missing one is a false negative. */
  expected: string[];
  /** Skills that are defensible but not required: predicting one is neither right nor wrong. */
  acceptable: string[];
  /** Why, when the call is not obvious. */
  note?: string;
}

/** The key a judgement and a parsed resource meet on: `resourceUrlKey` (the page, plus the day for an event). */
export function judgementKeyOf(judgement: Pick<LinkJudgement, 'url' | 'kind' | 'startDate'>): string {
  return (
    resourceUrlKey({
      url: judgement.url,
      kind: judgement.kind,
      startDate: judgement.startDate ? new Date(`${judgement.startDate}T00:00:00.000Z`) : null,
    }) ?? judgement.url
  );
}

export class JudgementFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`the judgement file has ${problems.length} problem(s):\n  ${problems.slice(0, 50).join('\n  ')}`);
  }
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The problems of one entry, each naming the entry by position and title. */
function problemsOf(entry: unknown, position: number, skillSlugs: ReadonlySet<string>): string[] {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return [`#${position}: not an object`];
  const record = entry as Record<string, unknown>;
  const name = `#${position} (${typeof record.title === 'string' ? record.title.slice(0, 60) : 'no title'})`;
  const problems: string[] = [];
  if (typeof record.url !== 'string') problems.push(`${name}: url is missing`);
  else {
    let canonical: string | null = null;
    try {
      canonical = canonicaliseUrl(record.url);
    } catch {
      problems.push(`${name}: url "${record.url}" is not an absolute http(s) URL`);
    }
    if (canonical !== null && canonical !== record.url) problems.push(`${name}: url is not in its stored form (${canonical})`);
  }
  if (typeof record.title !== 'string' || record.title.trim() === '') problems.push(`${name}: title is missing`);
  if (typeof record.source !== 'string' || record.source.trim() === '') problems.push(`${name}: source is missing`);
  if (typeof record.list !== 'string' || record.list.trim() === '') problems.push(`${name}: list is missing`);
  if (!JUDGED_KINDS.includes(record.kind as JudgedKind)) problems.push(`${name}: kind must be one of ${JUDGED_KINDS.join(', ')}`);
  if (!STRATA.includes(record.drawnFor as Stratum)) problems.push(`${name}: drawnFor must be one of ${STRATA.join(', ')}`);
  if (record.kind === 'EVENT' ? typeof record.startDate !== 'string' || !DAY.test(record.startDate) : record.startDate !== undefined)
    problems.push(`${name}: an event needs startDate (YYYY-MM-DD), and only an event has one`);
  if (record.note !== undefined && typeof record.note !== 'string') problems.push(`${name}: note must be text`);
  for (const field of ['expected', 'acceptable'] as const) {
    const slugs = record[field];
    if (!isStringArray(slugs)) {
      problems.push(`${name}: ${field} must be a list of skill slugs`);
      continue;
    }
    for (const slug of slugs)
      if (!skillSlugs.has(slug)) problems.push(`${name}: ${field} names "${slug}", which is no skill of the taxonomy`);
    if (new Set(slugs).size !== slugs.length) problems.push(`${name}: ${field} names a skill twice`);
  }
  if (isStringArray(record.expected) && isStringArray(record.acceptable)) {
    const both = record.expected.filter((slug) => (record.acceptable as string[]).includes(slug));
    if (both.length > 0) problems.push(`${name}: ${both.join(', ')} is both expected and acceptable`);
  }
  return problems;
}

/**
 * Checks a parsed judgement file: its shape, every slug against the taxonomy, every URL in stored form
 * and every resource judged once. Throws `JudgementFileError` listing every problem found.
 */
export function readJudgements(parsed: unknown, skillSlugs: ReadonlySet<string>): LinkJudgement[] {
  const entries = typeof parsed === 'object' && parsed !== null ? (parsed as { judgements?: unknown }).judgements : undefined;
  if (!Array.isArray(entries)) throw new JudgementFileError(['the file must be an object with a "judgements" list']);
  const problems = entries.flatMap((entry, index) => problemsOf(entry, index + 1, skillSlugs));
  if (problems.length > 0) throw new JudgementFileError(problems);
  const judgements = entries as LinkJudgement[];
  const positionByKey = new Map<string, number>();
  judgements.forEach((judgement, index) => {
    const key = judgementKeyOf(judgement);
    const earlier = positionByKey.get(key);
    if (earlier !== undefined) problems.push(`#${index + 1}: ${key} is judged twice (also #${earlier})`);
    else positionByKey.set(key, index + 1);
  });
  if (problems.length > 0) throw new JudgementFileError(problems);
  return judgements;
}

/** Parses the file's text as JSON first; unreadable JSON is a `JudgementFileError` too. */
export function parseJudgementFile(text: string, skillSlugs: ReadonlySet<string>): LinkJudgement[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new JudgementFileError([`not JSON: ${(error as Error).message}`]);
  }
  return readJudgements(parsed, skillSlugs);
}
