import type { ConfsTechConference } from '../../src/modules/ingestion/sources/confs-tech/confs-tech.parser';
import { CONFS_TECH_TOPIC_SKILLS } from '../../src/modules/ingestion/sources/confs-tech/confs-tech.rules';
import { conference, readAllConferences } from '../../src/modules/ingestion/sources/confs-tech/__tests__/confs-tech-fixtures';
import { taxonomy } from '../taxonomy';
import { readWithAdapter } from './helpers/read-with-adapter';

/** confs.tech files holding these conferences (one file per topic), read as the seed reads them (adapter, then normaliser). */
function read(conferences: ConfsTechConference[]) {
  const byTopic = new Map<string, unknown[]>();
  for (const { topic, cfpEndDate, ...entry } of conferences)
    byTopic.set(topic, [
      ...(byTopic.get(topic) ?? []),
      {
        ...entry,
        cfpEndDate: cfpEndDate ?? undefined,
        locales: entry.locales ?? undefined,
        online: entry.online ?? undefined,
        cfpUrl: entry.cfpUrl ?? undefined,
        city: entry.city ?? undefined,
        country: entry.country ?? undefined,
      },
    ]);
  return readWithAdapter(
    'confs-tech',
    [...byTopic].map(([topic, entries]) => ({ name: `conferences/2025/${topic}.json`, text: JSON.stringify(entries) })),
  );
}

describe("the confs.tech adapter (the seed's path)", () => {
  it('makes an EVENT with UTC dates, CFP, language, location and skills from the topics', () => {
    const { resources, reading } = read([
      conference({ topic: 'javascript', locales: 'ES,EN', cfpUrl: 'https://cfp.example', cfpEndDate: '2024-12-01', online: true }),
      conference({ topic: 'ux' }),
    ]);
    expect(resources[0]).toMatchObject({
      kind: 'EVENT',
      externalId: 'jsconf-spain@2025-03-01',
      title: 'JSConf Spain',
      providerSlug: 'confs-tech',
      skillIds: ['javascript-nodejs'],
      unmappedTerms: ['ux'],
      free: false,
      priceAmount: null,
      offerType: null,
      language: 'es',
      tags: ['javascript', 'ux', 'conference'],
      startDate: new Date('2025-03-01T00:00:00Z'),
      endDate: new Date('2025-03-01T00:00:00Z'),
      city: 'Madrid',
      country: 'Spain',
      online: true,
      cfpUrl: 'https://cfp.example',
      cfpDeadline: new Date('2024-12-01T00:00:00Z'),
    });
    expect(resources[0].description).toBe(
      'JSConf Spain: javascript, ux conference in Madrid, Spain and online, on 2025-03-01. Call for papers until 2024-12-01.',
    );
    expect(reading.merged).toEqual([{ reason: 'same conference (name and start date) listed under several topics: merged', count: 1 }]);
  });

  it('defaults online to false and leaves absent optional fields out', () => {
    const { resources } = read([conference({ city: null, country: null })]);
    expect(resources[0].online).toBe(false);
    expect(resources[0]).not.toHaveProperty('city');
    expect(resources[0]).not.toHaveProperty('cfpDeadline');
  });

  it('maps every topic in the data, to skills that exist', () => {
    const skillSlugs = new Set(taxonomy.skills.map((skill) => skill.slug));
    const topics = new Set(readAllConferences().map((entry) => entry.topic));
    expect([...topics].filter((topic) => !(topic in CONFS_TECH_TOPIC_SKILLS))).toEqual([]);
    expect(
      Object.values(CONFS_TECH_TOPIC_SKILLS)
        .flat()
        .filter((slug) => !skillSlugs.has(slug)),
    ).toEqual([]);
  });
});
