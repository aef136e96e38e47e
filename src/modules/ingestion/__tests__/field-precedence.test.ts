import { authorityOf, precedenceUpdate, type PrecedenceHolder } from '../field-precedence';

const curated: PrecedenceHolder = {
  source: { feed: 'free-programming-books' },
  pricing: 'FREE',
  free: true,
  offerType: 'FREE',
  language: 'en',
  level: 'BEGINNER',
  levelSource: 'TITLE',
};
const courseraOffer = {
  pricing: 'FREE',
  free: true,
  offerType: 'AUDIT',
  durationMinutes: 3660,
  certificate: 'PAID',
  level: null,
  language: 'en',
};

describe('field precedence', () => {
  it('ranks admin, then the provider’s own feed, then a partner, then a curated list', () => {
    expect(authorityOf('admin')).toBeGreaterThan(authorityOf('coursera'));
    expect(authorityOf('coursera')).toBeGreaterThan(authorityOf('partner:64b7f0c2a1b2c3d4e5f60718'));
    expect(authorityOf('partner:64b7f0c2a1b2c3d4e5f60718')).toBeGreaterThan(authorityOf('free-programming-books'));
    expect(authorityOf('confs-tech')).toBe(authorityOf('awesome-for-beginners'));
  });

  it('gives a more authoritative listing the fields it has, and leaves those it lacks to the owner', () => {
    const update = precedenceUpdate({ ...curated, alsoListedBy: [{ feed: 'coursera' }] }, 'coursera', courseraOffer, false);
    expect(update).toMatchObject({ durationMinutes: 3660, certificate: 'PAID', offerType: 'AUDIT', language: 'en' });
    // The owner's title-read level stands: Coursera gave none.
    expect(update).toMatchObject({ level: 'BEGINNER', levelSource: 'TITLE' });
    expect(update.fieldSources).toMatchObject({ level: 'free-programming-books' });
    expect(update.fieldSources).toMatchObject({ durationMinutes: 'coursera', certificate: 'coursera', pricing: 'coursera' });
  });

  it('never lets a less authoritative owner overwrite or remove what a listing supplied, and hands back when the listing goes', () => {
    const merged: PrecedenceHolder = {
      ...curated,
      offerType: 'AUDIT',
      durationMinutes: 3660,
      certificate: 'PAID',
      alsoListedBy: [{ feed: 'coursera' }],
      fieldSources: { durationMinutes: 'coursera', certificate: 'coursera', pricing: 'coursera' },
    };
    const curatedOffer = { pricing: 'PAID', free: false, priceAmount: 10, priceCurrency: 'USD', offerType: 'PAID', durationMinutes: 60 };
    expect(precedenceUpdate(merged, 'free-programming-books', curatedOffer, true)).toMatchObject({
      durationMinutes: 3660,
      certificate: 'PAID',
      pricing: 'FREE',
      offerType: 'AUDIT',
    });
    // Coursera no longer lists it: the owner's record decides again, and no supplier is recorded.
    const unlisted = { ...merged, alsoListedBy: [] };
    const update = precedenceUpdate(unlisted, 'free-programming-books', { ...curated, pricing: 'FREE' }, true);
    expect(update).toMatchObject({ durationMinutes: undefined, certificate: undefined, offerType: 'FREE' });
    expect(update.fieldSources).toBeUndefined();
  });

  it('keeps a value between equals with whoever supplied it, so feeds re-run in any order agree', () => {
    const listed: PrecedenceHolder = { ...curated, alsoListedBy: [{ feed: 'awesome-for-beginners' }] };
    const update = precedenceUpdate(listed, 'awesome-for-beginners', { pricing: 'PAID', language: 'de', level: 'EXPERT' }, false);
    expect(update).toMatchObject({ pricing: 'FREE', language: 'en', level: 'BEGINNER' });
  });

  it('treats UNKNOWN pricing as no value: an event list with no prices never clears a known one', () => {
    const listed: PrecedenceHolder = { ...curated, alsoListedBy: [{ feed: 'coursera' }] };
    expect(precedenceUpdate(listed, 'coursera', { pricing: 'UNKNOWN', free: false }, false)).toMatchObject({ pricing: 'FREE', free: true });
  });

  it('takes the skill links from the most authoritative feed that found any; finding none is no value', () => {
    const python = { skillId: 'python', confidence: 0.9, matchedBy: 'TITLE' };
    const ossuRow: PrecedenceHolder = { source: { feed: 'ossu' }, skills: [], skillIds: [] };
    // edX's own record of CS50 names Python; OSSU's row, listed first, named nothing.
    const fromEdx = precedenceUpdate(ossuRow, 'edx', { skills: [python], skillIds: ['python'] }, false);
    expect(fromEdx).toMatchObject({ skills: [python], skillIds: ['python'], fieldSources: { skills: 'edx' } });
    // A curated listing with links of its own does not replace a provider's, and one with none removes nothing.
    const held: PrecedenceHolder = { source: { feed: 'edx' }, skills: [python], skillIds: ['python'] };
    const curatedLinks = { skills: [{ skillId: 'algorithms', confidence: 0.9, matchedBy: 'TITLE' }], skillIds: ['algorithms'] };
    expect(precedenceUpdate({ ...held, alsoListedBy: [{ feed: 'ossu' }] }, 'ossu', curatedLinks, false).skillIds).toEqual(['python']);
    const ownerWithNone = precedenceUpdate(
      {
        source: { feed: 'ossu' },
        alsoListedBy: [{ feed: 'edx' }],
        skills: [python],
        skillIds: ['python'],
        fieldSources: { skills: 'edx' },
      },
      'ossu',
      { skills: [], skillIds: [] },
      true,
    );
    expect(ownerWithNone).toMatchObject({ skillIds: ['python'], fieldSources: { skills: 'edx' } });
  });
});
