import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/core/project-root';
import { OCCUPATION_CODE_PATTERN, readOnetData, type OnetData } from '../../../src/modules/occupation/onet-files';
import { taxonomy } from '../../taxonomy';
import { roleOccupations } from '../role-occupations';
import { skillTechnologies } from '../skill-technologies';

/** The reviewed O*NET mappings are data a person wrote: every reference must exist in the release and the taxonomy. */
let onet: OnetData;
beforeAll(async () => {
  onet = await readOnetData(path.join(PROJECT_ROOT, 'seeds', 'data', 'onet-29.2'));
});

describe('the O*NET 29.2 copy', () => {
  it('holds the occupations and the technology rows of major group 15', () => {
    expect(onet.occupations).toHaveLength(1016);
    expect(onet.technologies).toHaveLength(6198);
    expect(onet.technologies.every((row) => row.occupationCode.startsWith('15-'))).toBe(true);
    expect(onet.occupations.find((row) => row.code === '15-1252.00')?.title).toBe('Software Developers');
  });
});

describe('role → occupation mapping', () => {
  it('maps every role of the taxonomy, and nothing else', () => {
    expect(Object.keys(roleOccupations).sort()).toEqual(taxonomy.roles.map((role) => role.slug).sort());
  });

  it('names only occupations of O*NET 29.2, each once per role, each with a one-line reason', () => {
    const codes = new Set(onet.occupations.map((row) => row.code));
    for (const [role, entries] of Object.entries(roleOccupations)) {
      expect(entries.length).toBeGreaterThan(0);
      expect(new Set(entries.map((entry) => entry.code)).size).toBe(entries.length);
      for (const entry of entries) {
        expect({ role, code: entry.code, valid: OCCUPATION_CODE_PATTERN.test(entry.code) && codes.has(entry.code) }).toEqual({
          role,
          code: entry.code,
          valid: true,
        });
        expect(entry.reason).toMatch(/^\S.{20,200}$/);
      }
    }
  });

  it('gives every mapped occupation technology rows, so market demand can say something for each role', () => {
    const withRows = new Set(onet.technologies.map((row) => row.occupationCode));
    const mapped = Object.values(roleOccupations).flatMap((entries) => entries.map((entry) => entry.code));
    expect(mapped.filter((code) => !withRows.has(code))).toEqual([]);
  });
});

describe('skill → technology mapping', () => {
  it('names only skills of the taxonomy, each once', () => {
    const slugs = new Set(taxonomy.skills.map((skill) => skill.slug));
    expect(skillTechnologies.map((entry) => entry.skill).filter((slug) => !slugs.has(slug))).toEqual([]);
    expect(new Set(skillTechnologies.map((entry) => entry.skill)).size).toBe(skillTechnologies.length);
  });

  it('names only technology examples the release has, exactly as spelt there, each once per skill', () => {
    const examples = new Set(onet.technologies.map((row) => row.example));
    const unknown = skillTechnologies.flatMap((entry) =>
      entry.examples.filter((example) => !examples.has(example)).map((example) => `${entry.skill}: ${example}`),
    );
    expect(unknown).toEqual([]);
    for (const entry of skillTechnologies) expect(new Set(entry.examples).size).toBe(entry.examples.length);
  });

  it('keeps the rejections the review made: no business suite for Oracle Database, no other Apache project for Apache HTTP Server', () => {
    const examplesOf = (slug: string) => skillTechnologies.find((entry) => entry.skill === slug)?.examples ?? [];
    expect(examplesOf('oracle')).not.toContain('Oracle Taleo');
    expect(examplesOf('apache')).toEqual(['Apache HTTP Server']);
    expect(examplesOf('elasticsearch')).not.toContain('Amazon Elastic Compute Cloud EC2');
    expect(examplesOf('linux-unix')).not.toContain('Kali Linux');
  });
});
