import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createProviderMatcher } from '../providers/provider-matcher';
import { providers } from '../providers/providers';
import { createSkillMatcher } from '../skill-matcher';
import { parseFreeProgrammingBooks, type FreeProgrammingBooksEntry } from '../sources/free-programming-books.parser';
import { FREE_PROGRAMMING_BOOKS_FEED, freeProgrammingBooksToResources } from '../sources/free-programming-books.resources';
import { SEED_DATA_DIR } from '../sources/load-source-batches';
import { taxonomy } from '../taxonomy';

const context = {
  skillMatcher: createSkillMatcher(taxonomy),
  providerMatcher: createProviderMatcher(providers),
  fetchedAt: new Date('2026-08-18T00:00:00Z'),
};

function entry(fields: Partial<FreeProgrammingBooksEntry>): FreeProgrammingBooksEntry {
  return { title: 'A course', url: 'https://example.org/course', details: null, headingPath: ['Python'], line: 1, ...fields };
}

describe('freeProgrammingBooksToResources', () => {
  it('makes a free English COURSE with provider, skills, level, format and tags', () => {
    const batch = freeProgrammingBooksToResources(
      [entry({ title: 'Docker for Beginners', url: 'https://www.youtube.com/watch?v=1', details: 'Jane Doe (freeCodeCamp)', headingPath: ['Docker'] })],
      context,
    );
    expect(batch).toMatchObject({ feed: FREE_PROGRAMMING_BOOKS_FEED, read: 1, skipped: [], unmappedTerms: [], resourcesWithoutSkills: 0 });
    expect(batch.resources[0]).toEqual({
      kind: 'COURSE',
      slug: expect.stringMatching(/^docker-for-beginners-[0-9a-f]{8}$/),
      title: 'Docker for Beginners',
      url: 'https://www.youtube.com/watch?v=1',
      description: 'Jane Doe (freeCodeCamp). Free course listed under Docker in free-programming-books.',
      providerSlug: 'youtube',
      skills: [{ skillSlug: 'docker', level: 'BEGINNER' }],
      level: 'BEGINNER',
      free: true,
      priceAmount: null,
      priceCurrency: null,
      language: 'en',
      tags: ['docker'],
      source: { feed: FREE_PROGRAMMING_BOOKS_FEED, externalId: expect.stringMatching(/^[0-9a-f]{16}$/), fetchedAt: context.fetchedAt },
      format: 'video',
    });
  });

  it('merges a URL listed under several headings into one resource with every heading’s skills', () => {
    const batch = freeProgrammingBooksToResources(
      [
        entry({ title: 'Algorithms', url: 'https://www.youtube.com/playlist?list=X', headingPath: ['C++'] }),
        entry({ title: 'Algorithms again', url: 'https://youtube.com/playlist?list=X', headingPath: ['Algorithms & Data Structures'] }),
      ],
      context,
    );
    expect(batch.resources).toHaveLength(1);
    expect(batch.resources[0].title).toBe('Algorithms');
    expect(batch.resources[0].skills.map((skill) => skill.skillSlug)).toEqual(['cpp', 'algorithms-data-structures']);
    expect(batch.skipped).toEqual([{ reason: 'URL listed more than once: merged into one resource', count: 1 }]);
  });

  it('falls back to the parent heading when a sub-heading names no skill, and reports the sub-heading', () => {
    const batch = freeProgrammingBooksToResources([entry({ headingPath: ['Cloud Computing', 'IBM'] })], context);
    expect(batch.resources[0].skills.map((skill) => skill.skillSlug)).toEqual(['cloud-services']);
    expect(batch.unmappedTerms).toEqual([{ term: 'IBM', count: 1 }]);
  });

  it('gives the same externalId and slug on every run', () => {
    const first = freeProgrammingBooksToResources([entry({})], context).resources[0];
    const second = freeProgrammingBooksToResources([entry({})], context).resources[0];
    expect(second.source.externalId).toBe(first.source.externalId);
    expect(second.slug).toBe(first.slug);
  });

  it('maps the copied list to 1,343 distinct courses with unique slugs', () => {
    const markdown = readFileSync(path.join(SEED_DATA_DIR, 'free-programming-books-courses', 'free-courses-en.md'), 'utf8');
    const batch = freeProgrammingBooksToResources(parseFreeProgrammingBooks(markdown).courses, context);
    expect(batch.read).toBe(1359);
    expect(batch.resources).toHaveLength(1343);
    expect(new Set(batch.resources.map((resource) => resource.slug)).size).toBe(1343);
    expect(new Set(batch.resources.map((resource) => resource.source.externalId)).size).toBe(1343);
    const csharpCourse = batch.resources.find((resource) => resource.tags.includes('csharp'));
    expect(csharpCourse?.skills.map((skill) => skill.skillSlug)).toContain('csharp');
    expect(batch.resources.filter((resource) => resource.providerSlug === 'udemy')).toHaveLength(96);
  });
});
