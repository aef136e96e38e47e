import { conferenceIdentity, mergeConfsTechConferences, parseConfsTechFile } from '../confs-tech.parser';
import { confsTechExternalId } from '../confs-tech.rules';
import { conference, readAllConferences } from './confs-tech-fixtures';

describe('parseConfsTechFile', () => {
  it('takes the topic from the file name and fills optional fields with null', () => {
    const json = JSON.stringify([
      { name: 'PyCon', url: 'https://pycon.org', startDate: '2025-05-14', endDate: '2025-05-22', online: false, locales: 'EN' },
    ]);
    expect(parseConfsTechFile(json, 'conferences/2025/python.json')).toEqual([
      {
        name: 'PyCon',
        url: 'https://pycon.org',
        startDate: '2025-05-14',
        endDate: '2025-05-22',
        topic: 'python',
        city: null,
        country: null,
        online: false,
        locales: 'EN',
        cfpUrl: null,
        cfpEndDate: null,
      },
    ]);
  });

  it('names the entry and field of a missing name or malformed date', () => {
    expect(() => parseConfsTechFile('[{"url":"https://x","startDate":"2025-01-01"}]', 'conferences/2025/rust.json')).toThrow(
      'conferences/2025/rust.json[0].name is required',
    );
    expect(() => parseConfsTechFile('[{"name":"X","url":"https://x","startDate":"1/2/2025"}]', 'conferences/2025/rust.json')).toThrow(
      'startDate must be YYYY-MM-DD, got "1/2/2025"',
    );
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
    expect(merged[0]).toMatchObject({
      name: 'JSConf Spain',
      topics: ['javascript', 'typescript'],
      listings: 2,
      cfpUrl: 'https://cfp',
      online: true,
    });
    expect(conferenceIdentity(merged[0])).toBe('jsconf spain|2025-03-01');
  });

  it('turns the 6,831 listings of the copied data into 5,999 events', () => {
    const conferences = readAllConferences();
    expect(conferences).toHaveLength(6831);
    expect(mergeConfsTechConferences(conferences)).toHaveLength(5999);
  });
});

describe('confs.tech helpers', () => {
  it('confsTechExternalId is readable and stable', () => {
    expect(confsTechExternalId({ name: 'C++ Now!', startDate: '2025-05-01' })).toBe('c++-now@2025-05-01');
  });
});
