import { resourceSlug } from '../resource-slug';

describe('resourceSlug', () => {
  it('adds a hash of the feed identity, so equal titles get different slugs and a title cannot change it', () => {
    expect(resourceSlug('Data Structures', 'feed', 'a')).toMatch(/^data-structures-[0-9a-f]{8}$/);
    expect(resourceSlug('Data Structures', 'feed', 'a')).not.toBe(resourceSlug('Data Structures', 'feed', 'b'));
    expect(resourceSlug('日本語', 'feed', 'a')).toMatch(/^resource-[0-9a-f]{8}$/);
  });
});
