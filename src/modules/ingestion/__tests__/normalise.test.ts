import {
  canonicaliseUrl,
  levelWithSource,
  normaliseCertificate,
  normaliseDescription,
  normaliseLanguage,
  normaliseLevel,
  normalisePrice,
  normaliseRecord,
  normaliseTitle,
  offerTypeOf,
  parseDurationMinutes,
  pricingOf,
  skillMatchInputOf,
  titleFingerprint,
} from '../normalise';
import type { FeedRecord } from '../ingestion.types';
import { buildSkillMatchVocabulary } from '../../skill-matching/skill-match-vocabulary';

describe('prices', () => {
  it.each([
    ['$19.99', undefined, { amount: 19.99, currency: 'USD' }],
    ['19,99 €', undefined, { amount: 19.99, currency: 'EUR' }],
    ['EUR 10', undefined, { amount: 10, currency: 'EUR' }],
    ['£1,299.50', undefined, { amount: 1299.5, currency: 'GBP' }],
    ['₹455', undefined, { amount: 455, currency: 'INR' }],
    ['Free', 'usd', { amount: 0, currency: 'USD' }],
    [84.99, 'eur', { amount: 84.99, currency: 'EUR' }],
    ['219.00', 'USD', { amount: 219, currency: 'USD' }],
  ])('%p (%p) → %p', (raw, currency, expected) => {
    expect(normalisePrice(raw, currency)).toEqual(expected);
  });

  it('gives null when there is no price, and refuses negative, currency-less or unreadable ones', () => {
    expect(normalisePrice(null)).toBeNull();
    expect(() => normalisePrice(-10, 'USD')).toThrow('negative');
    expect(() => normalisePrice('-$5.00')).toThrow('negative');
    expect(() => normalisePrice(12)).toThrow('no currency');
    expect(() => normalisePrice('cheap')).toThrow('not a price');
  });
});

describe('offers and certificates', () => {
  it("takes the offer from the feed's flags, else from the price", () => {
    expect(offerTypeOf({ audit: true }, null)).toBe('AUDIT');
    expect(offerTypeOf({ subscription: true }, { amount: 49, currency: 'USD' })).toBe('SUBSCRIPTION');
    expect(offerTypeOf({ freemium: true }, null)).toBe('FREEMIUM');
    expect(offerTypeOf({ isPaid: true }, null)).toBe('PAID');
    expect(offerTypeOf(undefined, { amount: 19.99, currency: 'USD' })).toBe('PAID');
    expect(offerTypeOf({ isPaid: false }, null)).toBe('FREE');
    expect(offerTypeOf(undefined, null)).toBeNull();
  });

  it('maps certificates to NONE, FREE or PAID', () => {
    expect(normaliseCertificate('none', 'PAID')).toBe('NONE');
    expect(normaliseCertificate(false, 'FREE')).toBe('NONE');
    expect(normaliseCertificate('verified', 'AUDIT')).toBe('PAID');
    expect(normaliseCertificate(true, 'FREE')).toBe('FREE');
    expect(normaliseCertificate('Shareable Certificate', 'PAID')).toBe('PAID');
    expect(normaliseCertificate(null, 'PAID')).toBeUndefined();
  });
});

describe('durations', () => {
  it.each([
    ['4h 30m', 270],
    ['PT4H30M', 270],
    ['P1DT2H', 1560],
    ['90 min', 90],
    ['4.5 total hours', 270],
    ['1:30:00', 90],
    ['4 hours 30 minutes', 270],
    ['Approx. 61 hours to complete', 3660],
    ['6 weeks at 3 hours/week', 1080],
    ['12 weeks at 6-18 hours/week', 8640],
    ['6 weeks, 2-4 hours per week', 1080],
    [150, 150],
  ])('%p → %p minutes', (raw, minutes) => {
    expect(parseDurationMinutes(raw)).toBe(minutes);
  });

  it('refuses text that is not a duration, and out-of-range values', () => {
    expect(parseDurationMinutes(null)).toBeNull();
    expect(() => parseDurationMinutes('13 hours a day for a year')).toThrow('not a duration');
    expect(() => parseDurationMinutes('soon')).toThrow('not a duration');
    expect(() => parseDurationMinutes(-5)).toThrow('out of range');
  });
});

describe('levels and languages', () => {
  it.each([
    ['Beginner Level', 'BEGINNER'],
    ['Introductory', 'BEGINNER'],
    ['Intermediate Level', 'INTERMEDIATE'],
    ['Advanced', 'ADVANCED'],
    ['Expert Level', 'EXPERT'],
    ['All Levels', null],
    ['', null],
  ])('level %p → %p', (raw, level) => {
    expect(normaliseLevel(raw)).toBe(level);
  });

  it.each([
    ['en', 'en'],
    ['en_US', 'en'],
    ['pt-BR', 'pt'],
    ['English', 'en'],
    ['Español', 'es'],
    ['Deutsch', 'de'],
    ['jp', 'ja'],
    ['UA', 'uk'],
    ['se', 'se'],
    ['kr', 'kr'],
    ['Klingon', null],
  ])('language %p → %p', (raw, language) => {
    expect(normaliseLanguage(raw)).toBe(language);
  });
});

describe('URLs', () => {
  it('lower-cases the host and drops tracking parameters, the fragment and the trailing slash', () => {
    expect(canonicaliseUrl('HTTPS://WWW.Example.COM/Path/To/?utm_source=x&id=3&fbclid=abc&utm_campaign=y#reviews')).toBe(
      'https://www.example.com/Path/To?id=3',
    );
    expect(canonicaliseUrl('https://example.org/')).toBe('https://example.org');
    expect(canonicaliseUrl('http://example.org:8080/a')).toBe('http://example.org:8080/a');
  });

  it('refuses javascript:, data: and relative URLs', () => {
    expect(() => canonicaliseUrl('javascript:alert(1)')).toThrow('only http and https');
    expect(() => canonicaliseUrl('data:text/html,<b>x</b>')).toThrow('only http and https');
    expect(() => canonicaliseUrl('/course/x')).toThrow('not an absolute URL');
  });
});

describe('titles and descriptions', () => {
  it('refuses HTML in titles but keeps generic types', () => {
    expect(() => normaliseTitle('<script>alert(1)</script>Hacking')).toThrow('HTML');
    expect(() => normaliseTitle('Learn <b>Go</b>')).toThrow('HTML');
    expect(normaliseTitle('  Java  List<String> in depth ')).toBe('Java List<String> in depth');
  });

  it('refuses descriptions over 5 MB and shortens long ones', () => {
    expect(() => normaliseDescription('x'.repeat(5 * 1024 * 1024 + 1))).toThrow('5 MB');
    const long = normaliseDescription('word '.repeat(10_000));
    expect(long.length).toBeLessThanOrEqual(20_000);
    expect(long.endsWith('…')).toBe(true);
  });

  it('fingerprints titles so near-duplicates compare equal', () => {
    expect(titleFingerprint('The Complete Docker Course')).toBe(titleFingerprint('Docker: the complete course!'));
    expect(titleFingerprint('Docker for Beginners')).not.toBe(titleFingerprint('Kubernetes for Beginners'));
    // Accents fold to Latin letters; other scripts would leave only "python" behind, so no fingerprint at all.
    expect(titleFingerprint('Introducción a Python')).toBe('introduccion python');
    expect(titleFingerprint('Python 入門')).toBe('');
    expect(titleFingerprint('Учебник Python')).toBe('');
  });
});

// The matching rule itself is tested in src/modules/skill-matching/__tests__; here only what a feed record gives it.
describe('skill match input', () => {
  const record: FeedRecord = {
    recordNumber: 1,
    externalId: 'x',
    kind: 'COURSE',
    title: '  Introduction   to MongoDB ',
    url: 'https://acme.example/mongodb',
    description: 'Listed under Databases › NoSQL.',
    skillTerms: ['databases'],
    skillTermPaths: [['Databases', 'NoSQL']],
  };

  it('passes the title, topics, heading paths and own description', () => {
    expect(skillMatchInputOf(record)).toEqual({
      kind: 'COURSE',
      title: 'Introduction to MongoDB',
      description: 'Listed under Databases › NoSQL.',
      headingPaths: [['Databases', 'NoSQL']],
      topics: ['databases'],
      topicsFrom: 'FEED',
    });
  });

  it('leaves out a description the adapter wrote from other fields, and says who named the topics', () => {
    expect(skillMatchInputOf({ ...record, generatedDescription: true }, 'PARTNER')).toMatchObject({
      description: null,
      topicsFrom: 'PARTNER',
    });
  });
});

describe('normaliseRecord', () => {
  const vocabulary = buildSkillMatchVocabulary(
    [
      { slug: 'docker', matchKeys: ['docker'] },
      { slug: 'kubernetes', matchKeys: ['kubernetes', 'k8s'] },
    ],
    [],
  );
  const ids = new Map([
    ['docker', 'docker-id'],
    ['kubernetes', 'k8s-id'],
  ]);
  const base: FeedRecord = {
    recordNumber: 7,
    externalId: 'x-1',
    kind: 'COURSE',
    title: 'Docker Basics',
    url: 'https://acme.example/docker/',
    price: '$10',
    offer: {},
    duration: '2h',
    skillTerms: ['docker'],
  };

  it('turns a record into stored values', () => {
    expect(normaliseRecord(base, vocabulary, ids)).toMatchObject({
      recordNumber: 7,
      externalId: 'x-1',
      url: 'https://acme.example/docker',
      free: false,
      priceAmount: 10,
      priceCurrency: 'USD',
      offerType: 'PAID',
      durationMinutes: 120,
      skillIds: ['docker-id'],
    });
  });

  it('links skills by id with their confidence and evidence, and reports the terms that named none', () => {
    const record: FeedRecord = {
      ...base,
      title: 'Orchestration in practice',
      skillTerms: ['Docker', 'Basket weaving'],
      skillTermPaths: [['Orchestration', 'k8s']],
      unmappedTerms: ['ux'],
    };
    expect(normaliseRecord(record, vocabulary, ids)).toMatchObject({
      skillIds: ['docker-id', 'k8s-id'],
      skillLinks: [
        { skillId: 'docker-id', confidence: 0.85, matchedBy: 'TOPIC' },
        { skillId: 'k8s-id', confidence: 0.85, matchedBy: 'HEADING' },
      ],
      unmappedTerms: ['Basket weaving', 'ux'],
    });
    expect(normaliseRecord(record, vocabulary, ids, { topicsFrom: 'PARTNER' })).toMatchObject({
      skillLinks: [{ skillId: 'docker-id', confidence: 0.95, matchedBy: 'PARTNER' }, { skillId: 'k8s-id' }],
    });
  });

  it('rejects a record with the field and reason', () => {
    expect(normaliseRecord({ ...base, url: 'javascript:alert(1)' }, vocabulary, ids)).toEqual({
      recordNumber: 7,
      externalId: 'x-1',
      field: 'url',
      reason: expect.stringContaining('http'),
    });
    expect(normaliseRecord({ ...base, externalId: null }, vocabulary, ids)).toMatchObject({ field: 'externalId' });
    expect(normaliseRecord({ ...base, kind: 'EVENT', startDate: '2026-05-02', endDate: '2026-05-01' }, vocabulary, ids)).toMatchObject({
      field: 'endDate',
      reason: expect.stringContaining('ends before it starts'),
    });
    expect(normaliseRecord({ ...base, kind: 'EVENT' }, vocabulary, ids)).toMatchObject({ field: 'startDate' });
  });
});

describe('honest fields: unknown is never false or 0', () => {
  const vocabulary = buildSkillMatchVocabulary([], []);
  const ids = new Map<string, string>();
  const event: FeedRecord = {
    recordNumber: 1,
    externalId: 'conf@2026-06-01',
    kind: 'EVENT',
    title: 'NodeConf',
    url: 'https://nodeconf.example',
    startDate: '2026-06-01',
  };
  const course: FeedRecord = {
    recordNumber: 1,
    externalId: 'c',
    kind: 'COURSE',
    title: 'Kubernetes in Depth',
    url: 'https://acme.example/k8s',
  };

  it('gives an event without a price UNKNOWN pricing, not "not free", and no price', () => {
    expect(normaliseRecord(event, vocabulary, ids)).toMatchObject({ pricing: 'UNKNOWN', free: false, priceAmount: null, offerType: null });
  });

  it('reads FREE and PAID only from what the feed says', () => {
    expect(pricingOf(null, null, undefined)).toBe('UNKNOWN');
    expect(pricingOf(null, null, { isPaid: null })).toBe('UNKNOWN');
    expect(pricingOf(null, null, { isPaid: false })).toBe('FREE');
    expect(pricingOf(null, null, { isPaid: true })).toBe('PAID');
    expect(pricingOf(null, { amount: 0, currency: 'USD' }, undefined)).toBe('FREE');
    expect(pricingOf(null, { amount: 5, currency: 'USD' }, undefined)).toBe('PAID');
    expect(pricingOf('AUDIT', null, undefined)).toBe('FREE');
    expect(pricingOf('FREEMIUM', null, undefined)).toBe('FREE');
    expect(pricingOf('SUBSCRIPTION', null, undefined)).toBe('PAID');
    expect(normaliseRecord({ ...event, price: 'Free' }, vocabulary, ids)).toMatchObject({ pricing: 'FREE', free: true });
    expect(normaliseRecord({ ...event, price: '€49' }, vocabulary, ids)).toMatchObject({
      pricing: 'PAID',
      priceAmount: 49,
      priceCurrency: 'EUR',
    });
  });

  it('leaves a course that gives no duration or certificate without them (never 0 or NONE)', () => {
    const normalised = normaliseRecord(course, vocabulary, ids);
    expect(normalised).toMatchObject({ pricing: 'UNKNOWN', free: false });
    expect(normalised).not.toHaveProperty('durationMinutes');
    expect(normalised).not.toHaveProperty('certificate');
  });

  it("takes the level from the source's field (SOURCE), else from a course's title (TITLE), and says which", () => {
    expect(levelWithSource('Intermediate', 'Kubernetes for Beginners', 'COURSE')).toEqual({ level: 'INTERMEDIATE', levelSource: 'SOURCE' });
    expect(levelWithSource(null, 'Kubernetes for Beginners', 'COURSE')).toEqual({ level: 'BEGINNER', levelSource: 'TITLE' });
    expect(levelWithSource('All Levels', 'Advanced Kubernetes', 'COURSE')).toEqual({ level: 'ADVANCED', levelSource: 'TITLE' });
    expect(levelWithSource(null, 'Kubernetes in Depth', 'COURSE')).toEqual({ level: null, levelSource: null });
    // An event's name is no level: "Advanced JS Conf" is not an advanced course.
    expect(levelWithSource(null, 'Advanced JS Conf', 'EVENT')).toEqual({ level: null, levelSource: null });
    expect(normaliseRecord({ ...course, title: 'Intro to Kubernetes' }, vocabulary, ids)).toMatchObject({
      level: 'BEGINNER',
      levelSource: 'TITLE',
    });
  });
});
