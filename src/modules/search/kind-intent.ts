import type { ResourceKindValue } from '../resource/resource.model';
import { stemToken } from './text-analysis';

/**
 * Words by which a searcher says what KIND of resource they want: "kubernetes tutorial for
 * beginners" asks for a course, "rust conference" for an event, "python project to contribute to"
 * for an open-source project. They stay ordinary query terms (a title with "tutorial" still scores
 * for it); a resource of a kind the query asks for also gets `SCORE_WEIGHTS.kindIntent`. Only words
 * that name one kind: "workshop" (courses and events) and "free" (a filter) are not here.
 */
const INTENT_WORDS: Record<ResourceKindValue, readonly string[]> = {
  COURSE: ['course', 'tutorial', 'learn', 'learning', 'beginner', 'lesson', 'class', 'training', 'bootcamp', 'mooc', 'certification'],
  EVENT: ['conference', 'conf', 'meetup', 'summit', 'event', 'hackathon', 'convention'],
  OPEN_SOURCE_PROJECT: ['project', 'contribute', 'contributor', 'contributing', 'repository', 'repo'],
  BOOK: ['book', 'ebook', 'pdf', 'epub', 'read', 'reading'],
};

/** Stem → the kinds it asks for, stemmed as query terms are. */
const KINDS_BY_STEM = new Map<string, ResourceKindValue[]>();
for (const [kind, words] of Object.entries(INTENT_WORDS) as Array<[ResourceKindValue, readonly string[]]>) {
  for (const stem of new Set(words.map(stemToken))) KINDS_BY_STEM.set(stem, [...(KINDS_BY_STEM.get(stem) ?? []), kind]);
}

/** The kinds the query's terms (by their stems) ask for; empty when they name none. */
export function intendedKinds(stems: readonly string[]): ResourceKindValue[] {
  return [...new Set(stems.flatMap((stem) => KINDS_BY_STEM.get(stem) ?? []))];
}
