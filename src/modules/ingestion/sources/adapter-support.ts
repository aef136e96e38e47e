import type { FeedFile, FeedRecord, FeedReading, Rejection } from '../ingestion.types';

/** A feed file that cannot be read at all: malformed JSON, or not the documented shape. */
export class FeedFormatError extends Error {}

export function parseJsonFile(file: FeedFile): unknown {
  try {
    return JSON.parse(file.text);
  } catch (error) {
    throw new FeedFormatError(`${file.name}: malformed JSON (${(error as Error).message})`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The array at `field` of a JSON object, or a FeedFormatError naming what was expected. */
export function arrayField(document: unknown, field: string, file: FeedFile, format: string): unknown[] {
  if (!isRecord(document) || !Array.isArray(document[field]))
    throw new FeedFormatError(`${file.name}: a ${format} response is an object with a "${field}" array`);
  return document[field] as unknown[];
}

export function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

export function textList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && item.trim().length > 0).map((item) => item.trim())
    : [];
}

/**
 * Maps every entry of every file with `map`, numbering records from 1 across files. An entry `map`
 * cannot read (it throws) is rejected with its number and the reason; the others still become records.
 */
export function mapEntries(
  files: readonly FeedFile[],
  entriesOf: (file: FeedFile) => unknown[],
  map: (entry: unknown, recordNumber: number, file: FeedFile) => FeedRecord,
): FeedReading {
  const records: FeedRecord[] = [];
  const rejected: Rejection[] = [];
  let recordNumber = 0;
  for (const file of files) {
    for (const entry of entriesOf(file)) {
      recordNumber += 1;
      try {
        records.push(map(entry, recordNumber, file));
      } catch (error) {
        const id = isRecord(entry) ? (text(entry.id) ?? text(entry.key) ?? (typeof entry.id === 'number' ? String(entry.id) : null)) : null;
        rejected.push({ recordNumber, externalId: id, field: null, reason: (error as Error).message });
      }
    }
  }
  return { records, rejected };
}

/** The `rel="next"` URL of an HTTP Link header (GitHub's paging). */
export function nextFromLinkHeader(linkHeader: string | null): string | null {
  if (!linkHeader) return null;
  for (const part of linkHeader.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return null;
}
