import { parseAwesomeForBeginners } from '../../../../seeds/sources/awesome-for-beginners.parser';
import { AWESOME_FOR_BEGINNERS_FEED, repositoryUrlOf } from '../../../../seeds/sources/awesome-for-beginners.resources';
import { urlIdentity } from '../../../../seeds/resources/url-identity';
import { slugify } from '../../../../seeds/support/slug';
import type { FeedRecord, SourceAdapter } from '../ingestion.types';
import { arrayField, mapEntries, parseJsonFile } from './adapter-support';

/**
 * awesome-for-beginners' `data.json` (`{ repositories: [{ name, link, label, technologies,
 * description }] }`), read by the seed's own parser one entry at a time, so a malformed entry is
 * rejected on its own. External ids are the seed's (the link without scheme or "www."), so ingesting
 * the list updates the seeded resources rather than duplicating them.
 */
export const awesomeForBeginnersAdapter: SourceAdapter = {
  feed: AWESOME_FOR_BEGINNERS_FEED,
  description: 'awesome-for-beginners data.json (JSON: repositories[])',
  filePattern: /\.json$/i,
  read: (files) =>
    mapEntries(
      files,
      (file) => arrayField(parseJsonFile(file), 'repositories', file, 'awesome-for-beginners'),
      (entry, recordNumber): FeedRecord => {
        let repository;
        try {
          [repository] = parseAwesomeForBeginners(JSON.stringify({ repositories: [entry] }));
        } catch (error) {
          // The parser saw a one-entry list: point its message at the entry's place in the whole list.
          throw new Error((error as Error).message.replace('repositories[0]', `repositories[${recordNumber - 1}]`));
        }
        return {
          recordNumber,
          externalId: urlIdentity(repository.link),
          kind: 'OPEN_SOURCE_PROJECT',
          title: repository.name,
          url: repository.link,
          repositoryUrl: repositoryUrlOf(repository.link),
          description: repository.description,
          price: 0,
          offer: { isPaid: false },
          level: 'beginner',
          skillTerms: repository.technologies,
          tags: [...repository.technologies.map(slugify), 'beginner-friendly'],
          primaryLanguage: repository.technologies[0] ?? null,
          beginnerLabels: repository.label ? [repository.label] : [],
        };
      },
    ),
};
