/** One entry of awesome-for-beginners' `data.json` `repositories` array. */
export interface AwesomeForBeginnersRepository {
  name: string;
  link: string;
  /** The issue label newcomers should look for; missing for a few projects. */
  label: string | null;
  technologies: string[];
  description: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(entry: Record<string, unknown>, field: string, index: number): string {
  const value = entry[field];
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new Error(`awesome-for-beginners repositories[${index}].${field} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value.trim();
}

/**
 * Reads one entry of the `repositories` array; `index` is its place in the whole list, for messages.
 * Throws, naming the entry and field, when the shape is not the documented one.
 */
export function parseAwesomeForBeginnersEntry(entry: unknown, index: number): AwesomeForBeginnersRepository {
  if (!isRecord(entry)) throw new Error(`awesome-for-beginners repositories[${index}] must be an object`);
  const technologies = entry.technologies ?? [];
  if (!Array.isArray(technologies) || !technologies.every((technology) => typeof technology === 'string')) {
    throw new Error(`awesome-for-beginners repositories[${index}].technologies must be an array of strings`);
  }
  const label = typeof entry.label === 'string' && entry.label.trim().length > 0 ? entry.label.trim() : null;
  const description = typeof entry.description === 'string' ? entry.description.trim() : '';
  return {
    name: requireString(entry, 'name', index),
    link: requireString(entry, 'link', index),
    label,
    technologies: technologies.map((technology) => technology.trim()).filter((technology) => technology.length > 0),
    description,
  };
}

/**
 * Parses awesome-for-beginners' `data.json` (the upstream source of truth; its README is generated from
 * it). Throws, naming the entry and field, when the shape is not the documented one.
 */
export function parseAwesomeForBeginners(json: string): AwesomeForBeginnersRepository[] {
  const document: unknown = JSON.parse(json);
  if (!isRecord(document) || !Array.isArray(document.repositories)) {
    throw new Error('awesome-for-beginners data.json must be an object with a "repositories" array');
  }
  return document.repositories.map((entry: unknown, index: number) => parseAwesomeForBeginnersEntry(entry, index));
}
