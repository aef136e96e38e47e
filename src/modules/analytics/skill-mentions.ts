import type { PipelineStage } from 'mongoose';
import { buildResourceFilter } from '../resource/resource.filter';
import type { ResourceFilter } from '../resource/resource.input';
import { ResourceModel } from '../resource/resource.model';
import { tokenize } from '../search/text-analysis';

/** A skill's names, as the taxonomy keeps them. */
export interface NamedSkill {
  _id: { toString(): string };
  name: string;
  aliases?: readonly string[] | null;
}

/** Each name of a skill as the search tokens it analyses to (the analysis behind every resource's `searchTitleTokens`). */
function namePhrases(skill: NamedSkill): string[][] {
  return [skill.name, ...(skill.aliases ?? [])].map((name) => [...new Set(tokenize(name))]).filter((tokens) => tokens.length > 0);
}

/**
 * The skills (hex ids) whose name or an alias the title of some listed resource (matching `filter`)
 * names: every word of the name is among the title's words, whatever skills the resource was linked
 * to. Titles only: a title says what a resource is about, while a description mentions much in
 * passing. ONE aggregation, one pass: per resource, the wanted words its title holds (a set
 * intersection, which mongo-java-server computes in a fraction of what a `$in` match over the search
 * keys costs it), then their distinct combinations, which a name's words must be a subset of.
 */
export async function skillsNamedInTitles(skills: readonly NamedSkill[], filter?: ResourceFilter | null): Promise<Set<string>> {
  const phrasesBySkill = new Map(skills.map((skill) => [String(skill._id), namePhrases(skill)]));
  const wanted = [...new Set([...phrasesBySkill.values()].flat(2))];
  if (wanted.length === 0) return new Set();
  const pipeline: PipelineStage[] = [
    { $match: buildResourceFilter(filter) },
    { $project: { _id: 0, words: { $setIntersection: [{ $ifNull: ['$searchTitleTokens', []] }, wanted] } } },
    { $match: { words: { $ne: [] } } },
    { $group: { _id: '$words' } },
  ];
  const combinations = ((await ResourceModel.aggregate(pipeline).exec()) as Array<{ _id: string[] }>).map((row) => new Set(row._id));
  const named = new Set<string>();
  for (const [skillId, phrases] of phrasesBySkill)
    if (phrases.some((phrase) => combinations.some((words) => phrase.every((token) => words.has(token))))) named.add(skillId);
  return named;
}
