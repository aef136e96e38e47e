import { intendedKinds } from '../kind-intent';
import { tokenize } from '../text-analysis';

const kindsOf = (query: string) => intendedKinds(tokenize(query)).sort();

describe('intendedKinds', () => {
  it('reads the kind a query asks for from its words, in any inflection', () => {
    expect(kindsOf('kubernetes tutorial for beginners')).toEqual(['COURSE']);
    expect(kindsOf('Learn Python')).toEqual(['COURSE']);
    expect(kindsOf('rust conferences in Europe')).toEqual(['EVENT']);
    expect(kindsOf('postgres meetups')).toEqual(['EVENT']);
    expect(kindsOf('python projects to contribute to')).toEqual(['OPEN_SOURCE_PROJECT']);
  });

  it('asks for several kinds when the query names several, and for none when it names none', () => {
    expect(kindsOf('docker course or conference')).toEqual(['COURSE', 'EVENT']);
    expect(kindsOf('kubernetes')).toEqual([]);
    expect(kindsOf('workshop')).toEqual([]);
  });
});
