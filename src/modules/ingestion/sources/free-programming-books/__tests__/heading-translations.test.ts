import { englishHeadingOf } from '../heading-translations';

describe('englishHeadingOf', () => {
  it('gives the English field a heading in another language names', () => {
    expect(englishHeadingOf('Bases de Datos')).toBe('Databases');
    expect(englishHeadingOf('操作系统')).toBe('Operating systems');
    expect(englishHeadingOf(' Seguridad ')).toBe('Security');
  });

  it('leaves every other heading as it is', () => {
    expect(englishHeadingOf('Redes neuronales')).toBe('Redes neuronales');
    expect(englishHeadingOf('PostgreSQL')).toBe('PostgreSQL');
  });
});
