import type { FeedRecord, SourceAdapter } from '../../ingestion.types';
import { arrayField, isRecord, mapEntries, nextFromLinkHeader, parseJsonFile, text, textList } from '../adapter-support';

/** Topics that mark a repository as welcoming newcomers. */
const BEGINNER_TOPICS = new Set([
  'good-first-issue',
  'good-first-issues',
  'beginner-friendly',
  'first-timers-only',
  'hacktoberfest',
  'up-for-grabs',
]);

/**
 * GitHub search API repositories (`GET /search/repositories?q=…`): `{ total_count, incomplete_results,
 * items[] }` where each repository has `full_name`, `html_url`, `description`, `language`,
 * `stargazers_count`, `license { spdx_id }` and `topics`. Paging is by the Link header.
 */
export const githubAdapter: SourceAdapter = {
  feed: 'github',
  description: 'GitHub search API repositories (JSON: items[])',
  filePattern: /\.json$/i,
  read: (files) =>
    mapEntries(
      files,
      (file) => arrayField(parseJsonFile(file), 'items', file, 'GitHub repository search'),
      (entry, recordNumber): FeedRecord => {
        if (!isRecord(entry)) throw new Error('a repository is not an object');
        const fullName = text(entry.full_name);
        const topics = textList(entry.topics);
        const language = text(entry.language);
        const beginnerTopics = topics.filter((topic) => BEGINNER_TOPICS.has(topic));
        const license = isRecord(entry.license) ? text(entry.license.spdx_id) : null;
        return {
          recordNumber,
          externalId: fullName ? fullName.toLowerCase() : null,
          kind: 'OPEN_SOURCE_PROJECT',
          providerSlug: 'github',
          title: fullName,
          url: entry.html_url,
          repositoryUrl: entry.html_url,
          description: entry.description ?? '',
          price: 0,
          offer: { isPaid: false },
          level: beginnerTopics.length > 0 ? 'beginner' : null,
          skillTerms: [...(language ? [language] : []), ...topics.filter((topic) => !BEGINNER_TOPICS.has(topic))],
          tags: topics,
          primaryLanguage: language,
          stars: entry.stargazers_count,
          // GitHub reports "NOASSERTION" for a licence it cannot identify: no licence is known.
          license: license && license !== 'NOASSERTION' ? license : null,
          beginnerLabels: beginnerTopics,
        };
      },
    ),
  nextPageUrl: ({ linkHeader }) => nextFromLinkHeader(linkHeader),
};
