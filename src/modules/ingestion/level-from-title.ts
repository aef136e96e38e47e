import type { LevelValue } from './ingestion.types';

/**
 * The level a title announces ("… for Beginners", "Advanced …"), or null when it says none.
 * Only explicit words count: feeds without a level field should not get an invented one.
 */
export function levelFromTitle(title: string): LevelValue | null {
  if (/\bexpert\b|\bmaster ?class\b/i.test(title)) return 'EXPERT';
  if (/\badvanced\b/i.test(title) && !/\bbeginners?\b.*\badvanced\b/i.test(title)) return 'ADVANCED';
  if (/\bintermediate\b/i.test(title)) return 'INTERMEDIATE';
  if (
    /\bbeginners?\b|\bintroduct(?:ion|ory)\b|\bintro\b|\bbasics\b|\bfundamentals\b|\bcrash course\b|\b101\b|\bgetting started\b|\bfrom scratch\b/i.test(
      title,
    )
  ) {
    return 'BEGINNER';
  }
  return null;
}
