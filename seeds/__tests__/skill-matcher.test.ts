// The one skill matcher (src/modules/skill-matching) over the seeded taxonomy: here rather than beside the
// code, because src/ may not import seeds/.
import { taxonomy } from '../taxonomy';
import { skillMatchKeys } from '../taxonomy/validate-taxonomy';
import { CONFIDENCE, MIN_LINK_CONFIDENCE, matchSkillLinks, type SkillMatchInput } from '../../src/modules/skill-matching/skill-matcher';
import { buildSkillMatchVocabulary } from '../../src/modules/skill-matching/skill-match-vocabulary';
import { mentionsIn } from '../../src/modules/skill-matching/text-mentions';

// The seeded taxonomy, so the titles below meet the names and aliases they meet in production.
const vocabulary = buildSkillMatchVocabulary(taxonomy.skills.map((skill) => ({ slug: skill.slug, matchKeys: skillMatchKeys(skill) })));

function match(input: Partial<SkillMatchInput> & { title: string }) {
  return matchSkillLinks({ kind: 'COURSE', ...input }, vocabulary);
}
const skillsOf = (input: Partial<SkillMatchInput> & { title: string }) => match(input).links.map((link) => link.skill);
const titleSkills = (title: string) => skillsOf({ title }).sort();

describe('title matching (real titles from the seeded feeds and the issue)', () => {
  it.each([
    ['Introduction to MongoDB', ['mongodb', 'nosql']],
    ['MySQL for Developers', ['mysql', 'sql']],
    ['Hacker101 Ethical Hacking', ['ethical-hacking-penetration-testing']],
    ['PostgreSQL Conference Europe', ['postgresql', 'sql']],
    ['Learn Python Programming - Python Course', ['python']],
    ['Node.js Tutorial for Beginners: Learn Node in 1 Hour', ['javascript-nodejs']],
    ['Data Structures and Algorithms in Java Full Course', ['algorithms-data-structures', 'java']],
    ['C Language Tutorial for Beginners (With Notes)', ['c']],
    ["Let's go with golang", ['go']],
    ['Kafka Summit New York', ['kafka', 'message-queues-event-driven-architecture']],
    ['Machine Learning with Python: Zero to GBMs', ['ml-fundamentals', 'python']],
    ['Nginx Fundamentals: High Performance Servers from Scratch', ['nginx']],
    ['Linux System Administration Basics', ['server-administration']],
    ['Vue.js Nation', ['vuejs', 'javascript-nodejs']],
    ['GitHub Actions for CI/CD', ['ci-cd']],
    ['Programming in C', ['c']],
    ['Data Science with R', ['data-analysis', 'r-language']],
    ['A Tour of Go', ['go']],
  ])('%s → %j', (title, expected) => {
    expect(titleSkills(title)).toEqual([...expected].sort());
  });

  it.each([
    ['Trust and Safety Summit', 'rust in "trust"'],
    ['Introduction to JavaScript', 'java in "javascript" (javascript is found, java is not)'],
    ['Spring Festival of Code', 'spring the season'],
    ['Apache Kafka in Action', '"apache" as a project prefix'],
    ['Ready, Set, Go!', '"go" as a verb'],
    ['The Art of R&D', '"R" in R&D'],
    ['Plan C for Startups', '"C" as a letter'],
    ['Women in Tech Networking Summit', 'networking as meeting people'],
    ['Start Ethical Hacking with Parrot Security OS', '"OS" as part of a product name'],
    ['Express Yourself: Public Speaking', 'express the verb'],
    ['Oracle Cloud World Tour', 'Oracle the company'],
    ['Let the Rag Doll Fall', '"Rag" is not RAG'],
    ['Performance Reviews for Managers', 'performance of people'],
  ])('%s: no false match (%s)', (title) => {
    const found = titleSkills(title);
    expect(found).not.toEqual(expect.arrayContaining(['rust']));
    for (const wrong of [
      'rust',
      'java',
      'spring-boot',
      'apache',
      'go',
      'r-language',
      'c',
      'computer-networking',
      'operating-systems',
      'express',
      'oracle',
      'generative-ai-llms',
      'performance-tuning',
    ])
      if (!(title.includes('Kafka') && wrong === 'apache')) expect(found).not.toContain(wrong);
  });

  it('finds JavaScript in "Introduction to JavaScript" but not Java', () => {
    expect(titleSkills('Introduction to JavaScript')).toEqual(['javascript-nodejs']);
    expect(titleSkills('Apache Kafka in Action')).toEqual(['kafka', 'message-queues-event-driven-architecture']);
  });

  it('counts abbreviations only as written: "ML", "SRE", ".js" and ".NET"', () => {
    expect(titleSkills('ML for Beginners')).toEqual(['ml-fundamentals']);
    expect(titleSkills('Ml for beginners')).toEqual([]);
    expect(titleSkills('SRE Day')).toEqual(['site-reliability-engineering']);
    expect(titleSkills('Nordic.js')).toEqual(['javascript-nodejs']);
    expect(titleSkills('Learning .NET MAUI')).toEqual(['csharp']);
    expect(titleSkills('Net Zero Summit')).toEqual([]);
  });

  it('reads the longest name first, and each word once', () => {
    expect(mentionsIn('Spring Boot and Apache Kafka', vocabulary).map((mention) => mention.skill)).toEqual(['spring-boot', 'kafka']);
    expect(titleSkills('Neural Networks from Scratch')).toEqual(['deep-learning-frameworks']);
  });
});

describe('broad terms only narrow', () => {
  it("attaches a broad topic's core and nothing else of the field when the name does not support more (confs.tech)", () => {
    for (const [title, topic, core] of [
      ['UXDX Europe', 'DevOps', ['ci-cd']],
      ['B-Sides Tampa', 'Security', ['cybersecurity-awareness']],
      ['OOP', 'API Development', ['restful-api-design']],
      ['Data Council', 'Data', []],
      ['LeadDev London', 'Leadership', []],
      ['droidcon Berlin', 'Android', []],
    ] as const)
      expect(skillsOf({ kind: 'EVENT', title, topics: [topic] })).toEqual(core);
  });

  it("attaches the skills an event's own name supports, and nothing else of the field", () => {
    // "CloudNativeCon" read apart names cloud-native computing; the DevOps topic adds only its core.
    expect(match({ kind: 'EVENT', title: 'KubeCon + CloudNativeCon Europe', topics: ['DevOps'] }).links).toEqual([
      { skill: 'cloud-services', confidence: CONFIDENCE.TITLE, matchedBy: 'TITLE' },
      { skill: 'kubernetes', confidence: CONFIDENCE.BROAD_TERM, matchedBy: 'BROAD_TERM' },
      { skill: 'ci-cd', confidence: CONFIDENCE.BROAD_TERM, matchedBy: 'BROAD_TERM' },
    ]);
    expect(skillsOf({ kind: 'EVENT', title: 'Chaos Carnival', topics: ['DevOps'] })).toEqual(['site-reliability-engineering', 'ci-cd']);
    expect(skillsOf({ kind: 'EVENT', title: 'BSides Hacking Conference', topics: ['Security'] })).toEqual([
      'ethical-hacking-penetration-testing',
      'cybersecurity-awareness',
    ]);
    expect(skillsOf({ kind: 'EVENT', title: 'Big Data Analytics Summit', topics: ['Data'] })).toEqual(['data-analysis']);
  });

  it('lets a broad heading fall back to the next heading up when it attaches nothing', () => {
    expect(skillsOf({ title: 'Jupyter Notebook Tutorial', headingPaths: [['Python', 'Jupyter']] })).toEqual(['python']);
    expect(skillsOf({ title: 'Intro', headingPaths: [['Security']] })).toEqual([]);
  });

  it('attaches what a technology implies, and a field its core', () => {
    expect(match({ title: 'Learn Next.js', headingPaths: [['JavaScript', 'Next.js']] }).links).toEqual([
      { skill: 'react', confidence: CONFIDENCE.BROAD_TERM, matchedBy: 'BROAD_TERM' },
      { skill: 'javascript-nodejs', confidence: CONFIDENCE.IMPLIED, matchedBy: 'IMPLIED' },
    ]);
    expect(skillsOf({ title: 'Full Stack Web Development Tutorial Course', headingPaths: [['Web Development']] })).toEqual(['html-css']);
  });

  it('attaches the core skill of a field the own title names (ownCore)', () => {
    expect(match({ title: 'Complete DevOps Zero to Hero Course' }).links).toEqual([
      { skill: 'ci-cd', confidence: CONFIDENCE.BROAD_TERM, matchedBy: 'BROAD_TERM' },
    ]);
    expect(skillsOf({ kind: 'EVENT', title: 'DevOps Talks Conference Singapore', topics: ['DevOps'] })).toEqual(['ci-cd']);
    expect(skillsOf({ title: 'Security Essentials' })).toEqual(['cybersecurity-awareness']);
    expect(skillsOf({ title: 'AI Fundamentals' })).toEqual(['ml-fundamentals']);
    expect(skillsOf({ title: 'Artificial Intelligence: Foundations of Computational Agents (2010), 1st Edition' })).toContain(
      'ml-fundamentals',
    );
    expect(skillsOf({ title: 'FastAPI - Complete Course for Python API Development' }).sort()).toEqual(
      ['fastapi', 'python', 'restful-api-design'].sort(),
    );
  });

  it("attaches a field's core for a topic given to the resource itself, at the broad term's confidence", () => {
    expect(match({ kind: 'EVENT', title: 'Workplace Ninjas India', topics: ['Security'] }).links).toEqual([
      { skill: 'cybersecurity-awareness', confidence: CONFIDENCE.BROAD_TERM, matchedBy: 'BROAD_TERM' },
    ]);
    expect(skillsOf({ kind: 'EVENT', title: 'stackconf online', topics: ['DevOps'] })).toEqual(['ci-cd']);
    expect(skillsOf({ kind: 'EVENT', title: 'IIW Internet Identity Workshop', topics: ['Identity'] })).toEqual(['access-control']);
    // Only the core: the field's other skills still need the resource's own words.
    expect(skillsOf({ kind: 'EVENT', title: 'BSides Las Vegas', topics: ['Security'] })).toEqual(['cybersecurity-awareness']);
  });

  it('keeps a field in a list heading or a description from attaching its core', () => {
    expect(skillsOf({ title: 'Kubernetes Hardening Guidance', headingPaths: [['Security']] })).toEqual(['kubernetes']);
    expect(skillsOf({ title: 'Intro to OAuth', headingPaths: [['Security']] })).not.toContain('cybersecurity-awareness');
    // The field's word must be the field: "DevOps Collective" in a description is not followed.
    expect(skillsOf({ title: 'Windows PowerShell Networking Guide', description: 'The DevOps Collective Inc.' })).not.toContain('ci-cd');
  });

  it('reads an event name with its "Conf", "Con", "Days" suffix split off', () => {
    expect(skillsOf({ kind: 'EVENT', title: 'PostgresConf', topics: ['Databases'] }).sort()).toEqual(['postgresql', 'sql']);
    expect(skillsOf({ kind: 'EVENT', title: 'PostgresConf South Africa' }).sort()).toEqual(['postgresql', 'sql']);
    expect(skillsOf({ kind: 'EVENT', title: 'Devopsdays Melbourne', topics: ['DevOps'] })).toEqual(['ci-cd']);
    expect(skillsOf({ kind: 'EVENT', title: 'DevOpsDay - Vancouver', topics: ['DevOps'] })).toEqual(['ci-cd']);
    expect(skillsOf({ kind: 'EVENT', title: 'DjangoCon US' }).sort()).toEqual(['django', 'python']);
    // A suffix after a word that names nothing, and names outside events, stay as they are.
    expect(skillsOf({ kind: 'EVENT', title: 'droidcon Berlin' })).toEqual([]);
    expect(skillsOf({ kind: 'EVENT', title: 'AgentCon Vancouver' })).toEqual([]);
    expect(skillsOf({ kind: 'BOOK', title: 'PostgresConf' })).toEqual([]);
  });

  it('reads run-together words of an event name apart, but keeps known names whole', () => {
    expect(skillsOf({ kind: 'EVENT', title: 'PostgresOpen' }).sort()).toEqual(['postgresql', 'sql']);
    expect(skillsOf({ kind: 'EVENT', title: 'Swiss PGDay' }).sort()).toEqual(['postgresql', 'sql']);
    expect(skillsOf({ kind: 'EVENT', title: 'CityJS London' })).toEqual(['javascript-nodejs']);
    expect(skillsOf({ kind: 'EVENT', title: 'EuroPython 2018' })).toEqual(['python']);
    // Names the vocabulary knows as one word are not cut: "DevOps" is not "Dev Ops", "GitOps" not Git.
    expect(skillsOf({ kind: 'EVENT', title: 'GraphQLConf' })).toEqual(['graphql']);
    expect(skillsOf({ kind: 'EVENT', title: 'GitOpsCon' })).not.toContain('git');
    expect(skillsOf({ kind: 'EVENT', title: 'iOSDevUK' })).not.toContain('operating-systems');
    // Outside events a run-together word is a word.
    expect(skillsOf({ kind: 'BOOK', title: 'PostgresOpen' })).toEqual([]);
  });

  it('reads a name a single "+" decorates without it, and keeps C++ whole', () => {
    expect(skillsOf({ title: "Professor Messer's SY0-601 CompTIA Security+ Course" })).toEqual(['cybersecurity-awareness']);
    expect(skillsOf({ title: 'C++ Language' })).toEqual(['cpp']);
    expect(skillsOf({ title: 'C++ Programming in Telugu' })).toEqual(['cpp']);
  });

  it('takes the words of a name that only contains a skill name ("Standard ML" is a language)', () => {
    expect(skillsOf({ title: 'Introduction to Standard ML' })).toEqual([]);
    expect(skillsOf({ title: 'Programming in Standard ML, DRAFT' })).toEqual([]);
    expect(skillsOf({ title: 'ML Crash Course' })).toContain('ml-fundamentals');
  });

  it('attaches what a tool or practice implies (reviewed terms)', () => {
    expect(skillsOf({ title: 'Adventures with the Linux Command Line' }).sort()).toEqual(['bash-shell-scripting', 'linux-unix']);
    expect(skillsOf({ title: 'The SELINUX Coloring Book' }).sort()).toEqual(['access-control', 'linux-unix']);
    expect(skillsOf({ title: 'Fuzzing Book' }).sort()).toEqual(['software-testing', 'vulnerability-assessment']);
    expect(skillsOf({ kind: 'OPEN_SOURCE_PROJECT', title: 'phpMyAdmin' }).sort()).toEqual(['mysql', 'sql']);
    expect(skillsOf({ kind: 'EVENT', title: 'AxonIQ: Event-Driven Microservices' }).sort()).toEqual(
      ['message-queues-event-driven-architecture', 'service-oriented-architecture'].sort(),
    );
    expect(skillsOf({ kind: 'EVENT', title: 'Soft Skills fwdays' })).toEqual(['communication']);
  });

  it('attaches the cloud and the language a provider or framework implies', () => {
    expect(skillsOf({ title: 'AWS Certified Cloud Practitioner Course (CLF-C02)(2024)' }).sort()).toEqual(['aws', 'cloud-services']);
    expect(skillsOf({ title: 'Microsoft Certified: Azure Fundamentals' }).sort()).toEqual(['azure', 'cloud-services']);
    expect(skillsOf({ title: 'AngularJS Basics' }).sort()).toEqual(['angular', 'javascript-nodejs']);
    expect(match({ kind: 'EVENT', title: 'React Summit' }).links).toEqual([
      { skill: 'react', confidence: CONFIDENCE.TITLE, matchedBy: 'TITLE' },
      { skill: 'javascript-nodejs', confidence: CONFIDENCE.IMPLIED, matchedBy: 'IMPLIED' },
    ]);
  });

  it('does not follow broad terms in a description', () => {
    expect(skillsOf({ title: 'Hoppscotch', description: 'An API client loved by DevOps and security teams.' })).toEqual([]);
  });
});

describe('evidence and confidence', () => {
  it('keeps the best evidence for a skill found several ways, surest first', () => {
    expect(match({ title: 'Docker Deep Dive', topics: ['Docker', 'Linux'], headingPaths: [['DevOps', 'Docker']] }).links).toEqual([
      { skill: 'docker', confidence: CONFIDENCE.TITLE, matchedBy: 'TITLE' },
      { skill: 'linux-unix', confidence: CONFIDENCE.TOPIC, matchedBy: 'TOPIC' },
    ]);
  });

  it("marks a partner's own skill names PARTNER", () => {
    expect(match({ title: 'Course 12', topics: ['Redis'], topicsFrom: 'PARTNER' }).links).toEqual([
      { skill: 'redis', confidence: CONFIDENCE.PARTNER, matchedBy: 'PARTNER' },
      { skill: 'nosql', confidence: CONFIDENCE.IMPLIED, matchedBy: 'IMPLIED' },
    ]);
  });

  it('takes a skill from an own description only when it is named twice', () => {
    expect(skillsOf({ title: 'Harmony', description: 'Uses Redis for caching.' })).toEqual([]);
    expect(match({ title: 'Harmony', description: 'A Redis client. Redis streams included.' }).links).toContainEqual({
      skill: 'redis',
      confidence: CONFIDENCE.DESCRIPTION,
      matchedBy: 'DESCRIPTION',
    });
  });

  it('reports topics and headings that name nothing, and never links below the listing threshold', () => {
    const result = match({ title: 'Intro', topics: ['Basket weaving'], headingPaths: [['Cloud Computing', 'IBM']] });
    expect(result.unmapped).toEqual(['Basket weaving', 'IBM']);
    expect(result.links.map((link) => link.skill)).toEqual(['cloud-services']);
    expect(Math.min(...Object.values(CONFIDENCE))).toBeGreaterThanOrEqual(MIN_LINK_CONFIDENCE);
  });

  it('survives hostile input: empty, huge and odd text', () => {
    expect(match({ title: '' }).links).toEqual([]);
    expect(match({ title: '#'.repeat(10_000), description: 'x '.repeat(100_000) }).links).toEqual([]);
    expect(match({ title: 'C++ / C# / F#', topics: ['', '   ', '/'] }).links.map((link) => link.skill)).toEqual(['cpp', 'csharp']);
  });
});

describe('implications the own words must state (IMPLIED_WHEN_SAID)', () => {
  it('links script automation to a scripting or automation resource on Bash, Python or Ansible, not to the language alone', () => {
    expect(skillsOf({ title: 'Advanced Bash-Scripting Guide' })).toContain('script-automation');
    expect(skillsOf({ title: 'Automate the Boring Stuff with Python' }).sort()).toEqual(['python', 'script-automation']);
    expect(skillsOf({ title: 'Ansible Basics: An Automation Technical Overview' })).toContain('script-automation');
    expect(skillsOf({ title: 'Learn Python Programming - Python Course' })).not.toContain('script-automation');
    expect(skillsOf({ title: 'Selenium Tutorial - Web Automation' })).not.toContain('script-automation');
  });

  it('reads SQL Server as the database it is, and query-optimizer books as query optimisation', () => {
    expect(skillsOf({ title: 'SQL Server Tacklebox' }).sort()).toEqual(['database-management', 'sql']);
    expect(skillsOf({ title: 'Inside the SQL Server Query Optimizer' })).toContain('database-query-optimization');
    expect(skillsOf({ title: 'Use The Index, Luke!: A Guide To SQL Database Performance' })).toContain('database-query-optimization');
  });
});

describe('teamwork from collaborating on Git', () => {
  it('links teamwork to a Git or GitHub resource about collaborating, not to Git alone', () => {
    expect(skillsOf({ title: 'How to Collaborate on GitHub: A mini book about collaborating on GitHub' }).sort()).toEqual([
      'git',
      'teamwork',
    ]);
    expect(skillsOf({ title: 'Pro Git' })).toEqual(['git']);
    expect(skillsOf({ title: 'Collaborative Statistics' })).not.toContain('teamwork');
  });
});

describe('conference series whose names spell a skill', () => {
  it('reads JAX, DDD and IAC in an event name as the series they are', () => {
    expect(skillsOf({ kind: 'EVENT', title: 'JAX London', topics: ['Java'] })).toEqual(['java']);
    expect(skillsOf({ kind: 'EVENT', title: 'W-JAX München', topics: ['Java'] })).toEqual(['java']);
    expect(skillsOf({ kind: 'EVENT', title: 'DDD Melbourne' })).toEqual([]);
    expect(skillsOf({ kind: 'EVENT', title: 'IAC - Information Architecture Conference' })).toEqual([]);
    expect(skillsOf({ kind: 'EVENT', title: 'IaCConf' })).toEqual(['infrastructure-as-code']);
    // Outside event names the words keep their meaning.
    expect(skillsOf({ title: 'Learning JAX for deep learning' })).toContain('deep-learning-frameworks');
  });
});
