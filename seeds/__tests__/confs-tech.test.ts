import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { conferenceIdentity, mergeConfsTechConferences, parseConfsTechFile, type ConfsTechConference } from '../sources/confs-tech.parser';
import { CONFS_TECH_TOPIC_SKILLS, confsTechExternalId, confsTechToResources, languageFromLocales, utcDate } from '../sources/confs-tech.resources';
import { SEED_DATA_DIR } from '../sources/load-source-batches';
import { taxonomy } from '../taxonomy';

const CONFS_FOLDER = path.join(SEED_DATA_DIR, 'confs-tech-conference-data');

function conference(fields: Partial<ConfsTechConference>): ConfsTechConference {
  return {
    name: 'JSConf Spain',
    url: 'https://jsconf.es',
    startDate: '2025-03-01',
    endDate: '2025-03-01',
    topic: 'javascript',
    city: 'Madrid',
    country: 'Spain',
    online: null,
    locales: null,
    cfpUrl: null,
    cfpEndDate: null,
    ...fields,
  };
}

function readAllConferences(): ConfsTechConference[] {
  const conferences: ConfsTechConference[] = [];
  for (const year of readdirSync(path.join(CONFS_FOLDER, 'conferences')).sort()) {
    for (const file of readdirSync(path.join(CONFS_FOLDER, 'conferences', year)).sort()) {
      const relative = `conferences/${year}/${file}`;
      conferences.push(...parseConfsTechFile(readFileSync(path.join(CONFS_FOLDER, relative), 'utf8'), relative));
    }
  }
  return conferences;
}

describe('parseConfsTechFile', () => {
  it('takes the topic from the file name and fills optional fields with null', () => {
    const json = JSON.stringify([{ name: 'PyCon', url: 'https://pycon.org', startDate: '2025-05-14', endDate: '2025-05-22', online: false, locales: 'EN' }]);
    expect(parseConfsTechFile(json, 'conferences/2025/python.json')).toEqual([
      { name: 'PyCon', url: 'https://pycon.org', startDate: '2025-05-14', endDate: '2025-05-22', topic: 'python', city: null, country: null, online: false, locales: 'EN', cfpUrl: null, cfpEndDate: null },
    ]);
  });

  it('names the entry and field of a missing name or malformed date', () => {
    expect(() => parseConfsTechFile('[{"url":"https://x","startDate":"2025-01-01"}]', 'conferences/2025/rust.json')).toThrow('conferences/2025/rust.json[0].name is required');
    expect(() => parseConfsTechFile('[{"name":"X","url":"https://x","startDate":"1/2/2025"}]', 'conferences/2025/rust.json')).toThrow('startDate must be YYYY-MM-DD, got "1/2/2025"');
  });
});

describe('mergeConfsTechConferences', () => {
  it('merges the same conference listed under several topics, filling empty fields from later listings', () => {
    const merged = mergeConfsTechConferences([
      conference({ topic: 'javascript' }),
      conference({ name: 'JSConf  spain', topic: 'typescript', cfpUrl: 'https://cfp', online: true }),
      conference({ startDate: '2026-03-01', endDate: '2026-03-01' }),
    ]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ name: 'JSConf Spain', topics: ['javascript', 'typescript'], listings: 2, cfpUrl: 'https://cfp', online: true });
    expect(conferenceIdentity(merged[0])).toBe('jsconf spain|2025-03-01');
  });

  it('turns the 6,831 listings of the copied data into 5,999 events', () => {
    const conferences = readAllConferences();
    expect(conferences).toHaveLength(6831);
    expect(mergeConfsTechConferences(conferences)).toHaveLength(5999);
  });
});

describe('confsTechToResources', () => {
  const fetchedAt = new Date('2026-08-06T00:00:00Z');

  it('makes an EVENT with UTC dates, CFP, language, location and skills from the topics', () => {
    const [event] = mergeConfsTechConferences([
      conference({ topic: 'javascript', locales: 'ES,EN', cfpUrl: 'https://cfp', cfpEndDate: '2024-12-01', online: true }),
      conference({ topic: 'ux' }),
    ]);
    const batch = confsTechToResources([event], { fetchedAt });
    expect(batch.resources[0]).toMatchObject({
      kind: 'EVENT',
      title: 'JSConf Spain',
      providerSlug: 'confs-tech',
      skills: [{ skillSlug: 'javascript-nodejs', level: null }],
      free: false,
      priceAmount: null,
      language: 'es',
      tags: ['javascript', 'ux', 'conference'],
      startDate: new Date('2025-03-01T00:00:00Z'),
      endDate: new Date('2025-03-01T00:00:00Z'),
      city: 'Madrid',
      country: 'Spain',
      online: true,
      cfpUrl: 'https://cfp',
      cfpDeadline: new Date('2024-12-01T00:00:00Z'),
      source: { feed: 'confs-tech', externalId: 'jsconf-spain@2025-03-01', fetchedAt },
    });
    expect(batch.resources[0].description).toBe('JSConf Spain: javascript, ux conference in Madrid, Spain and online, on 2025-03-01. Call for papers until 2024-12-01.');
    expect(batch.unmappedTerms).toEqual([{ term: 'ux', count: 1 }]);
    expect(batch).toMatchObject({ read: 2, skipped: [{ count: 1 }] });
  });

  it('defaults online to false and leaves absent optional fields out', () => {
    const batch = confsTechToResources(mergeConfsTechConferences([conference({ city: null, country: null })]), { fetchedAt });
    expect(batch.resources[0].online).toBe(false);
    expect(batch.resources[0]).not.toHaveProperty('city');
    expect(batch.resources[0]).not.toHaveProperty('cfpDeadline');
  });

  it('maps every topic in the data, to skills that exist', () => {
    const skillSlugs = new Set(taxonomy.skills.map((skill) => skill.slug));
    const topics = new Set(readAllConferences().map((entry) => entry.topic));
    expect([...topics].filter((topic) => !(topic in CONFS_TECH_TOPIC_SKILLS))).toEqual([]);
    expect(Object.values(CONFS_TECH_TOPIC_SKILLS).flat().filter((slug) => !skillSlugs.has(slug))).toEqual([]);
  });
});

describe('confs.tech helpers', () => {
  it('languageFromLocales takes the first code as ISO 639-1', () => {
    expect(languageFromLocales('EN,DE')).toBe('en');
    expect(languageFromLocales(' DE, EN')).toBe('de');
    expect(languageFromLocales('JP')).toBe('ja');
    expect(languageFromLocales('English')).toBeNull();
    expect(languageFromLocales(null)).toBeNull();
  });

  it('utcDate keeps the calendar day whatever the time zone', () => {
    expect(utcDate('2025-01-31').toISOString()).toBe('2025-01-31T00:00:00.000Z');
  });

  it('confsTechExternalId is readable and stable', () => {
    expect(confsTechExternalId({ name: 'C++ Now!', startDate: '2025-05-01' })).toBe('c++-now@2025-05-01');
  });
});
