import path from 'node:path';
import { CONFS_TECH_PROVIDER_SLUG } from '../../../provider/known-providers';
import { confsTechTopicOf, mergeConfsTechConferences, parseConfsTechEntry, type ConfsTechConference } from './confs-tech.parser';
import { CONFS_TECH_FEED, confsTechTopicTerm, confsTechExternalId, describeEvent } from './confs-tech.rules';
import type { FeedRecord, FeedReading, Rejection, SourceAdapter } from '../../ingestion.types';
import { FeedFormatError, parseJsonFile } from '../adapter-support';

/**
 * confs.tech conference data: one JSON array per `conferences/<year>/<topic>.json` file, read by its
 * parser one entry at a time (the topic comes from the file name). A conference listed under
 * several topics is one event (by normalised name and start date; the first listing, files in path
 * order, wins each field and later ones fill gaps), with the external id name@startDate. The seed
 * itself loads the data through this adapter. Skills come from `confsTechTopicTerm`; topics it
 * maps to nothing (general, ux, …) are reported as unmapped. The list has no prices: pricing UNKNOWN (neither free nor paid).
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
          // A name without a <topic>.json ending rejects each of its entries, not the whole feed.
          conferences.push(parseConfsTechEntry(entry, entryIndex, parserFileName, confsTechTopicOf(parserFileName)));
        } catch (error) {
          rejected.push({ recordNumber, externalId: null, field: null, reason: (error as Error).message });
        }
      });
    }
    // Record numbers of merged events are their position in the merged list, after the rejected ones.
    const events = mergeConfsTechConferences(conferences);
    const records = events.map((event, index): FeedRecord => ({
      recordNumber: index + 1,
      externalId: confsTechExternalId(event),
      kind: 'EVENT',
      providerSlug: CONFS_TECH_PROVIDER_SLUG,
      title: event.name,
      url: event.url,
      description: describeEvent(event),
      // Written from the topics, which are matched already: not the event's own words.
      generatedDescription: true,
      // Each topic's term goes through the skill matcher; a topic that names no skill is reported.
      skillTerms: [...new Set(event.topics.map(confsTechTopicTerm).filter((term): term is string => term !== null))],
      unmappedTerms: event.topics.filter((topic) => confsTechTopicTerm(topic) === null),
      tags: [...event.topics, 'conference'],
      language: event.locales?.split(',')[0] ?? null,
      startDate: event.startDate,
      endDate: event.endDate,
      city: event.city,
      country: event.country,
      online: event.online ?? false,
      cfpUrl: event.cfpUrl,
      cfpDeadline: event.cfpEndDate,
    }));
    const merged = conferences.length - events.length;
    return {
      records,
      rejected,
      merged: merged > 0 ? [{ reason: 'same conference (name and start date) listed under several topics: merged', count: merged }] : [],
    };
  },
};
