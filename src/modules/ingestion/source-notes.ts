import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The upstream commit date a SOURCE.md records ("(committed 2026-08-18)"), as midnight UTC. A copy of
 * a data set (seeds/data/*) was fetched upstream then, not when it is read: that date is its
 * resources' `source.fetchedAt`, so reading the same copy again (seed or ingest) changes nothing.
 */
export function snapshotDateFromSourceNotes(sourceMarkdown: string): Date {
  const match = /committed (\d{4}-\d{2}-\d{2})/.exec(sourceMarkdown);
  if (!match) throw new Error('SOURCE.md does not record the upstream commit date ("committed YYYY-MM-DD")');
  return new Date(`${match[1]}T00:00:00.000Z`);
}

/**
 * The snapshot date of a feed file or directory: from the SOURCE.md in the directory (or beside the
 * file), when there is one recording a commit date; otherwise null (a feed fetched now).
 */
export async function snapshotDateOf(target: string): Promise<Date | null> {
  const folder = (await stat(target)).isDirectory() ? target : path.dirname(target);
  let notes: string;
  try {
    notes = await readFile(path.join(folder, 'SOURCE.md'), 'utf8');
  } catch {
    return null;
  }
  try {
    return snapshotDateFromSourceNotes(notes);
  } catch {
    return null;
  }
}

/**
 * Whether `target` is the root folder of a data set copy whose SOURCE.md declares it complete, with a
 * line `- **Complete:** yes` (bold and bullet optional). Only the folder counts: a file inside it is one
 * part of the feed and says nothing about the records in the others.
 */
export async function isCompleteSnapshot(target: string): Promise<boolean> {
  if (!(await stat(target)).isDirectory()) return false;
  let notes: string;
  try {
    notes = await readFile(path.join(target, 'SOURCE.md'), 'utf8');
  } catch {
    return false;
  }
  return declaresComplete(notes);
}

/** A SOURCE.md line `- **Complete:** yes`, with or without the bullet and the bold. */
export function declaresComplete(sourceMarkdown: string): boolean {
  return /^[ \t]*(?:[-*][ \t]+)?(?:\*\*)?Complete:(?:\*\*)?[ \t]+yes\b/im.test(sourceMarkdown);
}
