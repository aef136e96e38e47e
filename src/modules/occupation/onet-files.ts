import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The release whose text files the seed reads (seeds/data/onet-29.2). */
export const ONET_RELEASE = '29.2';

/** An O*NET-SOC occupation code: major group, minor group and detail, then a two-digit O*NET extension, e.g. "15-1252.00". */
export const OCCUPATION_CODE_PATTERN = /^\d{2}-\d{4}\.\d{2}$/;

/** One row of `Occupation Data.txt`. */
export interface OnetOccupationRow {
  code: string;
  title: string;
  description: string;
}

/** One row of `Technology Skills.txt`: a technology O*NET lists for an occupation. */
export interface OnetTechnologyRow {
  occupationCode: string;
  /** The technology's name, e.g. "PostgreSQL", "Amazon Web Services AWS software". */
  example: string;
  /** The UNSPSC commodity the technology belongs to, e.g. 43232306. */
  commodityCode: string;
  /** E.g. "Data base user interface and query software". */
  commodityTitle: string;
  /** O*NET's "Hot Technology": frequently named in employers' job postings. */
  hotTechnology: boolean;
  /** O*NET's "In Demand": among the technologies employers of this occupation ask for most. */
  inDemand: boolean;
}

/** Both files of the release the seed uses, parsed. */
export interface OnetData {
  occupations: OnetOccupationRow[];
  technologies: OnetTechnologyRow[];
}

/**
 * The rows of one of O*NET's tab-separated text files (UTF-8, header row, CRLF), checked against the
 * header the file must have so that a reordered or different file fails loudly instead of being misread.
 */
export function parseOnetTable(text: string, expectedHeader: readonly string[], file: string): string[][] {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = (lines.shift() ?? '').split('\t');
  if (header.join('\t') !== expectedHeader.join('\t'))
    throw new Error(`${file}: expected the columns "${expectedHeader.join(', ')}", found "${header.join(', ')}"`);
  return lines.map((line, index) => {
    const cells = line.split('\t');
    if (cells.length !== expectedHeader.length)
      throw new Error(`${file} line ${index + 2}: expected ${expectedHeader.length} columns, found ${cells.length}`);
    return cells;
  });
}

function yesNo(value: string, file: string, row: number): boolean {
  if (value === 'Y') return true;
  if (value === 'N') return false;
  throw new Error(`${file} line ${row + 2}: expected Y or N, found "${value}"`);
}

export function parseOccupationData(text: string): OnetOccupationRow[] {
  return parseOnetTable(text, ['O*NET-SOC Code', 'Title', 'Description'], 'Occupation Data.txt').map(([code, title, description]) => ({
    code,
    title,
    description,
  }));
}

export function parseTechnologySkills(text: string): OnetTechnologyRow[] {
  const file = 'Technology Skills.txt';
  const columns = ['O*NET-SOC Code', 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology', 'In Demand'];
  return parseOnetTable(text, columns, file).map(([occupationCode, example, commodityCode, commodityTitle, hot, inDemand], row) => ({
    occupationCode,
    example,
    commodityCode,
    commodityTitle,
    hotTechnology: yesNo(hot, file, row),
    inDemand: yesNo(inDemand, file, row),
  }));
}

/** Reads `Occupation Data.txt` and `Technology Skills.txt` from a copy of the release's text files. */
export async function readOnetData(folder: string): Promise<OnetData> {
  const [occupations, technologies] = await Promise.all([
    readFile(path.join(folder, 'Occupation Data.txt'), 'utf8'),
    readFile(path.join(folder, 'Technology Skills.txt'), 'utf8'),
  ]);
  return { occupations: parseOccupationData(occupations), technologies: parseTechnologySkills(technologies) };
}
