/**
 * Which O*NET-SOC occupations (O*NET 29.2, seeds/data/onet-29.2) each role of the taxonomy is, with
 * the reason for each. Reviewed by hand against `Occupation Data.txt` (titles, descriptions) and
 * `Alternate Titles.txt` (the job titles O*NET files under each code); `seeds/onet/__tests__` checks
 * that every code exists and every role is mapped. The first occupation of a role is its closest.
 */

/** One occupation a role corresponds to. */
export interface RoleOccupationSeed {
  /** O*NET-SOC code, e.g. "15-1252.00". */
  code: string;
  /** Why the role is this occupation, in one line. */
  reason: string;
}

export const roleOccupations: Record<string, RoleOccupationSeed[]> = {
  'backend-software-engineer': [
    {
      code: '15-1252.00',
      reason: 'Software Developers: O*NET files "Software Engineer" here; designs and develops applications and systems software.',
    },
    { code: '15-1254.00', reason: 'Web Developers: O*NET files "Back End Developer" and "Back-End Web Developer" here.' },
  ],
  'devops-engineer': [
    { code: '15-1252.00', reason: 'Software Developers: O*NET files "DevOps Engineer" and "Site Reliability Engineer" here.' },
    {
      code: '15-1244.00',
      reason:
        "Network and Computer Systems Administrators: installs, configures and supports servers, the role's first requirement (server administration).",
    },
    {
      code: '15-1299.08',
      reason:
        'Computer Systems Engineers/Architects: O*NET files "Cloud Engineer" and "Infrastructure Engineer" here (cloud services, automation).',
    },
  ],
  'database-administrator': [
    { code: '15-1242.00', reason: 'Database Administrators: O*NET files "Database Administrator (DBA)" here; the same job.' },
    { code: '15-1243.00', reason: "Database Architects: designs databases and data models, the role's additional skill (data modelling)." },
  ],
  'security-engineer': [
    { code: '15-1299.05', reason: 'Information Security Engineers: O*NET files "Security Engineer" here; protects systems and data.' },
    { code: '15-1212.00', reason: 'Information Security Analysts: O*NET files "Security Auditor" here (security auditing).' },
    { code: '15-1299.04', reason: 'Penetration Testers: O*NET files "Ethical Hacker" here (ethical hacking and penetration testing).' },
  ],
  'ai-ml-engineer': [
    {
      code: '15-2051.00',
      reason: 'Data Scientists: O*NET files "Machine Learning Engineer" here; builds models from data (data and statistical analysis).',
    },
    {
      code: '15-1221.00',
      reason: 'Computer and Information Research Scientists: O*NET files "AI Engineer" and "Machine Learning Engineer" here.',
    },
  ],
};
