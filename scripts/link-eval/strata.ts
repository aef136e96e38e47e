/**
 * The strata the judged link set is drawn from: what a resource is about, by the words of its title,
 * headings, topics and description. A judgement records the stratum the judge settled on after
 * reading it; sampling uses these patterns only to make sure every area is represented.
 */
export const STRATA = [
  'messaging',
  'web-servers',
  'databases',
  'security',
  'linux-server-admin',
  'devops',
  'cloud',
  'apis',
  'ml',
  'soft-skills',
  'no-skill-expected',
  'general-programming',
] as const;
export type Stratum = (typeof STRATA)[number];

/** Patterns tried in this order; the first that matches names the stratum. */
const STRATUM_PATTERNS: ReadonlyArray<[Stratum, RegExp]> = [
  ['messaging', /\b(kafka|rabbitmq|message queues?|messaging|event[- ]driven|pub\/?sub|mqtt|zeromq|amqp|nats)\b/],
  ['web-servers', /\b(nginx|apache(?! (kafka|spark|hadoop|cassandra|flink|beam|airflow|groovy|camel))|httpd|web servers?)\b/],
  ['databases', /\b(postgres\w*|mysql|mariadb|mongo\w*|redis|oracle|sql\w*|nosql|databases?|data model\w*|cassandra|sqlite|dba)\b/],
  ['security', /\b(security|hack\w*|pentest\w*|penetration|owasp|crypt\w*|audit\w*|ctf|vulnerab\w*|secure|malware|forensic\w*)\b/],
  ['linux-server-admin', /\b(linux|unix|sysadmin|system administration|server admin\w*|ubuntu|debian|bash|shell)\b/],
  [
    'devops',
    /\b(devops|ci\/cd|continuous (integration|delivery|deployment)|docker|kubernetes|k8s|terraform|ansible|jenkins|containers?|infrastructure as code|sre|helm)\b/,
  ],
  ['cloud', /\b(cloud|aws|azure|gcp|google cloud|serverless|amazon web services)\b/],
  ['apis', /\b(apis?|rest(ful)?|graphql|oauth|openapi|web services?)\b/],
  [
    'ml',
    /\b(machine learning|deep learning|neural|ml|ai|artificial intelligence|semi-supervised|tensorflow|pytorch|llms?|data science|nlp)\b/,
  ],
  [
    'soft-skills',
    /\b(communicat\w*|leadership|teamwork|soft skills?|career|problem solving|writing|agile|scrum|management|collaborat\w*|interview\w*)\b/,
  ],
];

/** The stratum a resource's own words suggest; `general-programming` when none matches. */
export function suggestedStratum(words: string): Stratum {
  const lower = words.toLowerCase();
  for (const [stratum, pattern] of STRATUM_PATTERNS) if (pattern.test(lower)) return stratum;
  return 'general-programming';
}

const STRATUM_OF_SKILL: Readonly<Record<string, Stratum>> = {
  apache: 'web-servers',
  nginx: 'web-servers',
  'load-balancing': 'web-servers',
  'linux-unix': 'linux-server-admin',
  'server-administration': 'linux-server-admin',
  'bash-shell-scripting': 'linux-server-admin',
  'database-query-optimization': 'databases',
};
const STRATUM_OF_CATEGORY: Readonly<Record<string, Stratum>> = {
  'sql-databases': 'databases',
  'nosql-databases': 'databases',
  databases: 'databases',
  security: 'security',
  devops: 'devops',
  containerization: 'devops',
  'cloud-platforms': 'cloud',
  'api-development': 'apis',
  messaging: 'messaging',
  'machine-learning-ai': 'ml',
  'soft-skills': 'soft-skills',
};

/** The stratum a skill's links count in: by the skill (web servers, Linux), else by its taxonomy category. */
export function stratumOfSkill(skill: { slug: string; category: string }): Stratum {
  return STRATUM_OF_SKILL[skill.slug] ?? STRATUM_OF_CATEGORY[skill.category] ?? 'general-programming';
}
