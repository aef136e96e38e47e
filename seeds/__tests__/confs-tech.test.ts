import type { ConfsTechConference } from '../../src/modules/ingestion/sources/confs-tech/confs-tech.parser';
import { CONFS_TECH_TOPIC_TERMS } from '../../src/modules/ingestion/sources/confs-tech/confs-tech.rules';
import { resolveSkillTerm } from '../../src/modules/skill-matching/skill-matcher';
import { conference, readAllConferences } from '../../src/modules/ingestion/sources/confs-tech/__tests__/confs-tech-fixtures';
import { taxonomy } from '../taxonomy';
import { readWithAdapter, taxonomyVocabulary } from './helpers/read-with-adapter';

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

  it('maps every topic in the data to a term that names a skill or a broad term, or deliberately to none', () => {
    const topics = new Set(readAllConferences().map((entry) => entry.topic));
    expect([...topics].filter((topic) => !(topic in CONFS_TECH_TOPIC_TERMS))).toEqual([]);
    const namingNothing = Object.values(CONFS_TECH_TOPIC_TERMS)
      .filter((term): term is string => term !== null)
      .filter((term) => {
        const named = resolveSkillTerm(term, taxonomyVocabulary.vocabulary);
        return named.skills.length === 0 && named.broad.length === 0;
      });
    expect(namingNothing).toEqual([]);
    expect(taxonomy.skills.length).toBeGreaterThan(0);
  });

  it("links a broad topic only to what the event's own name supports (issue 11)", () => {
    const { resources } = read([
      conference({ name: 'DevOpsDays Chicago', topic: 'devops' }),
      conference({ name: 'KubeCon + CloudNativeCon Europe', topic: 'devops', startDate: '2025-04-01', endDate: '2025-04-04' }),
      conference({ name: 'Women in Tech Networking Summit', topic: 'networking', startDate: '2025-05-01', endDate: '2025-05-01' }),
      conference({ name: 'UX Camp', topic: 'ux', startDate: '2025-06-01', endDate: '2025-06-01' }),
      conference({ name: 'Big Data Analytics Summit', topic: 'data', startDate: '2025-07-01', endDate: '2025-07-01' }),
    ]);
    const skillsOf = (title: string) => resources.find((resource) => resource.title === title)?.skillIds;
    // The name and the topic say DevOps: the field's core skill (ownCore), and nothing else of it.
    expect(skillsOf('DevOpsDays Chicago')).toEqual(['ci-cd']);
    expect(skillsOf('KubeCon + CloudNativeCon Europe')).toEqual(['cloud-services', 'kubernetes', 'ci-cd']);
    expect(skillsOf('Women in Tech Networking Summit')).toEqual([]);
    expect(skillsOf('UX Camp')).toEqual([]);
    expect(skillsOf('Big Data Analytics Summit')).toEqual(['data-analysis']);
  });
});
