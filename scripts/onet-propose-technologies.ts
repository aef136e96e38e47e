/**
 * Proposes, for each skill of the taxonomy, the O*NET technology examples (seeds/data/onet-29.2,
 * `Technology Skills.txt`) whose name contains one of the skill's names as whole words. A proposal,
 * not a mapping: a person reads it and writes the reviewed table, seeds/onet/skill-technologies.ts
 * ("Oracle" proposes "Oracle Taleo", which is not the database). Prints one line per candidate:
 * skill, example, commodity title, rows in the roles' occupations (hot / in demand), and whether the
 * reviewed table already has it.
 *
 *   npx tsx scripts/onet-propose-technologies.ts [skill-slug ...]
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../src/core/project-root';
import { readOnetData } from '../src/modules/occupation/onet-files';
import { roleOccupations } from '../seeds/onet/role-occupations';
import { skillTechnologies } from '../seeds/onet/skill-technologies';
import { taxonomy } from '../seeds/taxonomy';

const words = (text: string) => text.toLowerCase().match(/[a-z0-9+#]+/g) ?? [];

/** Whether `needle`'s words occur in `haystack`'s, in order and side by side. */
function containsWords(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  for (let start = 0; start + needle.length <= haystack.length; start += 1)
    if (needle.every((word, offset) => haystack[start + offset] === word)) return true;
  return false;
}

async function main(): Promise<void> {
  const only = new Set(process.argv.slice(2));
  const { technologies } = await readOnetData(path.join(PROJECT_ROOT, 'seeds', 'data', 'onet-29.2'));
  const roleCodes = new Set(Object.values(roleOccupations).flatMap((entries) => entries.map((entry) => entry.code)));
  const byExample = new Map<string, { commodity: string; rows: number; hot: number; inDemand: number }>();
  for (const row of technologies) {
    const entry = byExample.get(row.example) ?? { commodity: row.commodityTitle, rows: 0, hot: 0, inDemand: 0 };
    if (roleCodes.has(row.occupationCode)) {
      entry.rows += 1;
      entry.hot += Number(row.hotTechnology);
      entry.inDemand += Number(row.inDemand);
    }
    byExample.set(row.example, entry);
  }
  const reviewed = new Map(skillTechnologies.map((entry) => [entry.skill, new Set(entry.examples)]));
  for (const skill of taxonomy.skills) {
    if (only.size > 0 && !only.has(skill.slug)) continue;
    // One-letter names ("C", "R") match too much to be worth proposing; the reviewer adds them by hand.
    const terms = [skill.name, ...skill.aliases].map(words).filter((term) => term.join(' ').length > 1);
    for (const [example, entry] of byExample) {
      if (!terms.some((term) => containsWords(words(example), term))) continue;
      const mark = reviewed.get(skill.slug)?.has(example) ? 'MAPPED' : '';
      console.log([skill.slug, example, entry.commodity, `${entry.rows} (${entry.hot}/${entry.inDemand})`, mark].join('\t'));
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
