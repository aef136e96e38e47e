import { parseOccupationData, parseTechnologySkills } from '../onet-files';
import { marketDemandOf } from '../occupation.service';
import type { SkillTechnologyDocument } from '../occupation.model';

const TECHNOLOGY_HEADER = 'O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand';

describe('parseTechnologySkills', () => {
  it('reads the rows with their flags, CRLF line endings included', () => {
    const text = `${TECHNOLOGY_HEADER}\r\n15-1252.00\tPostgreSQL\t43232306\tData base user interface and query software\tY\tN\r\n`;
    expect(parseTechnologySkills(text)).toEqual([
      {
        occupationCode: '15-1252.00',
        example: 'PostgreSQL',
        commodityCode: '43232306',
        commodityTitle: 'Data base user interface and query software',
        hotTechnology: true,
        inDemand: false,
      },
    ]);
  });

  it('refuses a file with other columns, a short row or a flag that is neither Y nor N, naming the line', () => {
    expect(() => parseTechnologySkills('O*NET-SOC Code\tExample\n15-1252.00\tGit\n')).toThrow(/expected the columns/);
    expect(() => parseTechnologySkills(`${TECHNOLOGY_HEADER}\n15-1252.00\tGit\t1\tx\tY\n`)).toThrow(/line 2: expected 6 columns, found 5/);
    expect(() => parseTechnologySkills(`${TECHNOLOGY_HEADER}\n15-1252.00\tGit\t1\tx\tY\tyes\n`)).toThrow(
      /line 2: expected Y or N, found "yes"/,
    );
  });
});

describe('parseOccupationData', () => {
  it('reads code, title and description', () => {
    expect(parseOccupationData('O*NET-SOC Code\tTitle\tDescription\n15-1242.00\tDatabase Administrators\tAdminister databases.\n')).toEqual(
      [{ code: '15-1242.00', title: 'Database Administrators', description: 'Administer databases.' }],
    );
  });
});

describe('marketDemandOf', () => {
  const row = (occupationCode: string, example: string, hotTechnology: boolean, inDemand: boolean) =>
    ({ occupationCode, example, commodityCode: '1', commodityTitle: 'x', hotTechnology, inDemand }) as SkillTechnologyDocument;

  it('groups rows per occupation; an occupation is hot or in demand when any of its rows is', () => {
    const rows = [
      row('15-1242.00', 'MySQL', false, false),
      row('15-1242.00', 'MariaDB', true, false),
      row('15-1252.00', 'MySQL', false, true),
    ];
    expect(marketDemandOf(rows).map(({ technologies, ...rest }) => ({ ...rest, rows: technologies.length }))).toEqual([
      { occupationCode: '15-1242.00', hotTechnology: true, inDemand: false, examples: ['MySQL', 'MariaDB'], rows: 2 },
      { occupationCode: '15-1252.00', hotTechnology: false, inDemand: true, examples: ['MySQL'], rows: 1 },
    ]);
  });

  it('is empty for a skill O*NET names no technology for', () => {
    expect(marketDemandOf([])).toEqual([]);
  });
});
