import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROVIDER_KINDS } from '../provider.model';
import { createProviderMatcher, hostOfUrl } from '../provider-matcher';
import { INDEPENDENT_PROVIDER_SLUG, providers } from '../known-providers';
import { PROJECT_ROOT } from '../../../core/project-root';
import { parseFreeProgrammingBooks } from '../../ingestion/sources/free-programming-books/free-programming-books.parser';

/** The copied upstream data the seed loads: the real files these parsers exist for. */
const SEED_DATA_DIR = path.join(PROJECT_ROOT, 'seeds', 'data');

describe('providers', () => {
  it('have unique slugs, known kinds, absolute URLs and bare hosts', () => {
    expect(new Set(providers.map((provider) => provider.slug)).size).toBe(providers.length);
    for (const provider of providers) {
      expect(PROVIDER_KINDS).toContain(provider.kind);
      expect(provider.url).toMatch(/^https:\/\//);
      expect(provider.description.length).toBeGreaterThan(10);
      for (const host of provider.hosts) expect(host).toMatch(/^(?!www\.)[a-z0-9.-]+\.[a-z]+$/);
    }
  });

  it('include the article platforms and the feeds with the requested kinds', () => {
    const kindOf = (slug: string) => providers.find((provider) => provider.slug === slug)?.kind;
    expect(kindOf('coursera')).toBe('MOOC_PLATFORM');
    expect(kindOf('udemy')).toBe('MARKETPLACE');
    expect(kindOf('edx')).toBe('MOOC_PLATFORM');
    expect(kindOf('github')).toBe('OPEN_SOURCE');
    expect(kindOf('confs-tech')).toBe('EVENTS');
    expect(kindOf('meetup')).toBe('COMMUNITY');
    expect(kindOf(INDEPENDENT_PROVIDER_SLUG)).toBeDefined();
  });

  it('cover every platform of the free-programming-books "0 - MOOC" section', () => {
    const markdown = readFileSync(path.join(SEED_DATA_DIR, 'free-programming-books', 'courses', 'free-courses-en.md'), 'utf8');
    const { moocPlatforms } = parseFreeProgrammingBooks(markdown);
    const matcher = createProviderMatcher(providers);
    expect(moocPlatforms).toHaveLength(24);
    const uncovered = moocPlatforms.filter((platform) => matcher.providerForUrl(platform.url).slug === INDEPENDENT_PROVIDER_SLUG);
    expect(uncovered).toEqual([]);
  });
});

describe('createProviderMatcher', () => {
  const matcher = createProviderMatcher(providers);
  const slugFor = (url: string) => matcher.providerForUrl(url).slug;

  it('matches hosts with or without www. and any subdomain', () => {
    expect(slugFor('https://www.udemy.com/course/x')).toBe('udemy');
    expect(slugFor('https://udemy.com/course/x')).toBe('udemy');
    expect(slugFor('https://courses.edx.org/courses/x')).toBe('edx');
    expect(slugFor('https://onlinecourses.nptel.ac.in/noc')).toBe('nptel');
    expect(slugFor('https://youtu.be/abc')).toBe('youtube');
    expect(slugFor('HTTPS://WWW.YOUTUBE.COM/watch?v=1')).toBe('youtube');
  });

  it('prefers the most specific host', () => {
    expect(slugFor('https://ocw.mit.edu/courses/x')).toBe('mit-ocw');
    expect(slugFor('https://missing.csail.mit.edu/')).toBe('mit');
  });

  it('does not mistake look-alike domains for a provider', () => {
    expect(slugFor('https://someone.github.io/course')).toBe(INDEPENDENT_PROVIDER_SLUG);
    expect(slugFor('https://notudemy.com/')).toBe(INDEPENDENT_PROVIDER_SLUG);
    expect(slugFor('not a url')).toBe(INDEPENDENT_PROVIDER_SLUG);
  });

  it('refuses a host claimed by two providers, and a list without the catch-all', () => {
    const duplicate = { ...providers[0], slug: 'copy' };
    expect(() => createProviderMatcher([...providers, duplicate])).toThrow(/belongs to both/);
    expect(() => createProviderMatcher(providers.filter((provider) => provider.slug !== INDEPENDENT_PROVIDER_SLUG))).toThrow(/catch-all/);
  });
});

describe('hostOfUrl', () => {
  it('lower-cases and strips www.', () => {
    expect(hostOfUrl('https://WWW.Example.org/a')).toBe('example.org');
    expect(hostOfUrl('/relative')).toBeNull();
  });
});
