import path from 'node:path';
import { CONFS_TECH_PROVIDER_SLUG } from '../../../../seeds/providers/providers';
import { mergeConfsTechConferences, parseConfsTechFile, type ConfsTechConference } from '../../../../seeds/sources/confs-tech.parser';
import { CONFS_TECH_FEED, CONFS_TECH_TOPIC_SKILLS, confsTechExternalId } from '../../../../seeds/sources/confs-tech.resources';
import type { FeedRecord, FeedReading, Rejection, SourceAdapter } from '../ingestion.types';
import { FeedFormatError, parseJsonFile } from './adapter-support';

/**
 * confs.tech conference data: one JSON array per `conferences/<year>/<topic>.json` file, read by the
 * seed's parser one entry at a time (the topic comes from the file name). A conference listed under
 * several topics is one event, as in the seed, and keeps the seed's external id (name@startDate).
 */
export const confsTechAdapter: SourceAdapter = {
  feed: CONFS_TECH_FEED,
  description: 'confs.tech conferences/<year>/<topic>.json files (JSON arrays)',
  filePattern: /\.json$/i,
  read(files): FeedReading {
    const rejected: Rejection[] = [];
    const conferences: ConfsTechConference[] = [];
    let recordNumber = 0;
    for (const file of files) {
      const entries = parseJsonFile(file);
      if (!Array.isArray(entries)) throw new FeedFormatError(`${file.name}: a confs.tech file is a JSON array of conferences`);
      // The parser takes the topic from a `<topic>.json` name; the directory part is only for messages.
      const parserFileName = `conferences/${path.basename(path.dirname(file.name)) || 'feed'}/${path.basename(file.name)}`;
      entries.forEach((entry, entryIndex) => {
        recordNumber += 1;
        try {
          conferences.push(...parseConfsTechFile(JSON.stringify([entry]), parserFileName));
        } catch (error) {
          // The parser saw a one-entry array: point its message at the entry's place in the file.
          rejected.push({ recordNumber, externalId: null, field: null, reason: (error as Error).message.replace(/\[0\]/, `[${entryIndex}]`) });
        }
      });
    }
    // Record numbers of merged events are their position in the merged list, after the rejected ones.
    const records = mergeConfsTechConferences(conferences).map(
      (event, index): FeedRecord => ({
        recordNumber: index + 1,
        externalId: confsTechExternalId(event),
        kind: 'EVENT',
        providerSlug: CONFS_TECH_PROVIDER_SLUG,
        title: event.name,
        url: event.url,
        description: `${event.name}: ${event.topics.join(', ')} conference.`,
        // The seed's topic → skill slugs table (the vocabulary knows slugs); topics it does not list go in as themselves.
        skillTerms: event.topics.flatMap((topic) => CONFS_TECH_TOPIC_SKILLS[topic] ?? [topic]),
        tags: [...event.topics, 'conference'],
        language: event.locales?.split(',')[0] ?? null,
        startDate: event.startDate,
        endDate: event.endDate,
        city: event.city,
        country: event.country,
        online: event.online ?? false,
        cfpUrl: event.cfpUrl,
        cfpDeadline: event.cfpEndDate,
      }),
    );
    return { records, rejected };
  },
};
