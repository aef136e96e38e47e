import { englishHeadingOf } from '../heading-translations';
import { titlesAgree } from '../free-programming-books.rules';

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

describe('titlesAgree (one page listed under two titles)', () => {
  it('takes editions, translations with shared words and identical titles for one resource', () => {
    expect(titlesAgree('Think Complexity', 'Think Complexity (2nd Edition)')).toBe(true);
    expect(titlesAgree("Google's Python Class", "Google's Python Course")).toBe(true);
    expect(titlesAgree('Python 入門', 'Python 入門')).toBe(true);
  });

  it('takes other books behind a shared landing page for other books', () => {
    expect(titlesAgree('Pro Git', 'Ponořme se do HTML5')).toBe(false);
    expect(titlesAgree('Windows PowerShell Networking Guide', 'The PowerShell + DevOps Global Summit Manual')).toBe(false);
    expect(titlesAgree('Network Science', 'علم شبکه')).toBe(false);
  });
});
