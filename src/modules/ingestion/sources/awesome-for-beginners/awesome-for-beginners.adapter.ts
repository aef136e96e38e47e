import { normaliseSkillTerm } from '../../../skill/skill-term';
import { parseAwesomeForBeginnersEntry, type AwesomeForBeginnersRepository } from './awesome-for-beginners.parser';
import { AWESOME_FOR_BEGINNERS_FEED, canonicalTechnologySpellings, repositoryUrlOf } from './awesome-for-beginners.rules';
import { externalIdOfUrl } from '../../url-external-id';
import { pageKeyOf } from '../../../resource/resource-url';
import { slugify } from '../../../../core/text';
import type { FeedReading, FeedRecord, Rejection, SourceAdapter } from '../../ingestion.types';
import { arrayField, parseJsonFile } from '../adapter-support';

/**
 * awesome-for-beginners' `data.json` (`{ repositories: [{ name, link, label, technologies,
 * description }] }`), read by its parser one entry at a time, so a malformed entry is
 * rejected on its own; the seed itself loads the list through this adapter. External ids are the
 * link without scheme or "www."; a repository listed twice is one record (the first). Technologies
 * are shown in the spelling most entries use ("Typescript" → "TypeScript"); the first is the
 * primary language. Level BEGINNER: the list exists to point newcomers at issues labelled for them.
 */
export const awesomeForBeginnersAdapter: SourceAdapter = {
  feed: AWESOME_FOR_BEGINNERS_FEED,
  description: 'awesome-for-beginners data.json (JSON: repositories[])',
  filePattern: /\.json$/i,
  read(files): FeedReading {
    const rejected: Rejection[] = [];
    const parsed: Array<{ recordNumber: number; repository: AwesomeForBeginnersRepository }> = [];
    let recordNumber = 0;
    for (const file of files) {
      for (const entry of arrayField(parseJsonFile(file), 'repositories', file, 'awesome-for-beginners')) {
        recordNumber += 1;
        try {
          // Record numbers run across files, so the entry's place in the whole list is recordNumber - 1.
          parsed.push({ recordNumber, repository: parseAwesomeForBeginnersEntry(entry, recordNumber - 1) });
        } catch (error) {
          rejected.push({ recordNumber, externalId: null, field: null, reason: (error as Error).message });
        }
      }
    }
    const spellings = canonicalTechnologySpellings(parsed.map(({ repository }) => repository));
    const spell = (technology: string): string => spellings.get(normaliseSkillTerm(technology) || technology) ?? technology;
    const seen = new Set<string>();
    const records: FeedRecord[] = [];
    for (const { recordNumber: number, repository } of parsed) {
      const page = pageKeyOf(repository.link) ?? repository.link;
      if (seen.has(page)) continue;
      seen.add(page);
      const externalId = externalIdOfUrl(repository.link);
      const technologies = [...new Set(repository.technologies.map(spell))];
      records.push({
        recordNumber: number,
        externalId,
        kind: 'OPEN_SOURCE_PROJECT',
        title: repository.name,
        url: repository.link,
        repositoryUrl: repositoryUrlOf(repository.link),
        description: repository.description,
        price: 0,
        offer: { isPaid: false },
        level: 'beginner',
        skillTerms: technologies,
        tags: [...technologies.map(slugify), 'beginner-friendly'],
        primaryLanguage: technologies[0] ?? null,
        beginnerLabels: repository.label ? [repository.label] : [],
      });
    }
    const merged = parsed.length - records.length;
    return { records, rejected, merged: merged > 0 ? [{ reason: 'repository listed more than once', count: merged }] : [] };
  },
};
